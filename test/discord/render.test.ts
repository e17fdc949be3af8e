// Rendering in isolation: hostile or oversized corpus text still makes a safe, valid message.
import { describe, expect, test } from 'vitest';
import type { Answer, Excerpt, PageHit } from '../../bot/answer/types.ts';
import { DOCS_CREDIT } from '../../bot/answer/credit.ts';
import { pageId } from '../../bot/answer/page-id.ts';
import { NO_MENTIONS, composeMessage } from '../../bot/discord/compose.ts';
import { decodeButtonId, encodeButtonId } from '../../bot/discord/custom-ids.ts';
import { EMBED_TOTAL_MAX, truncate } from '../../bot/discord/limits.ts';
import { renderAnswer } from '../../bot/discord/render-answer.ts';
import { renderApiCard } from '../../bot/discord/render-api.ts';
import { embedLength, fitEmbeds } from '../../bot/discord/render-common.ts';
import { renderSearch } from '../../bot/discord/render-search.ts';
import { toChoices } from '../../bot/discord/router.ts';
import { formatSpans, neutraliseMentions, safeLine, safeText, safeUrl } from '../../bot/discord/safe-text.ts';
import { assertWithinDiscordLimits } from '../support/discord-limits.ts';

const URL = 'https://learn.microsoft.com/en-us/windows-hardware/drivers/kernel/x';

function excerpt(n: number, text: string, extra: Partial<Excerpt['citation']> = {}): Excerpt {
  return {
    citation: { n, pageTitle: `Page ${n}`, section: 'Remarks', url: `${URL}${n}#remarks`, path: `p/${n}.md`, ...extra },
    spans: [
      { text: `${text} `, match: false },
      { text: 'IRP_MJ_CREATE', match: true },
      { text: ' and more.', match: false },
    ],
  };
}

function answer(excerpts: Excerpt[], extra: Partial<Answer> = {}): Answer {
  return {
    question: 'How do I complete IRP_MJ_CREATE?',
    searchedQuestion: 'How do I complete IRP_MJ_CREATE?',
    excerpts,
    related: [],
    credit: DOCS_CREDIT,
    tookMs: 1,
    ...extra,
  };
}

function allText(embeds: any[]): string {
  return embeds
    .flatMap((e) => [e.title, e.description, e.footer?.text, ...(e.fields ?? []).flatMap((f: any) => [f.name, f.value])])
    .join('\n');
}

describe('safe text', () => {
  test('neutralises every kind of mention', () => {
    const out = neutraliseMentions('@everyone @here <@1234567890123456> <@!1234567890123456> <@&1234567890123456>');
    expect(out).not.toMatch(/@everyone|@here|<@!?&?\d/);
  });

  test('escapes markdown so text shows as written', () => {
    const out = safeText('**bold** _it_ `code` ~~s~~ ||spoiler||\n# heading\n> quote\n- item [x](https://e.example)\n1. one');
    expect(out).not.toMatch(/(?<!\\)\*\*/);
    expect(out).not.toMatch(/(?<!\\)`/);
    expect(out).not.toMatch(/(?<!\\)\|\|/);
    expect(out).toContain('\\# heading');
    expect(out).toContain('\\> quote');
    expect(out).toContain('\\[x\\]');
    expect(out).toContain('\\- item');
    expect(out).toContain('1\\. one');
  });

  test('escaping long text is fast (linear)', () => {
    const started = performance.now();
    safeText('word_with_underscores and *stars* '.repeat(2000));
    expect(performance.now() - started).toBeLessThan(100);
  });

  test('safeLine fits its limit after escaping', () => {
    const line = safeLine('*'.repeat(500), 100);
    expect(line.length).toBeLessThanOrEqual(100);
    expect(line.endsWith('…')).toBe(true);
  });

  test('formatSpans keeps bold markers paired when it cuts', () => {
    for (const max of [10, 25, 40, 60, 200]) {
      const text = formatSpans(
        [
          { text: 'Call ', match: false },
          { text: 'IoCompleteRequest once', match: true },
          { text: ' per IRP, or the system may crash.', match: false },
        ],
        max,
      );
      expect(text.length).toBeLessThanOrEqual(max);
      expect((text.match(/(?<!\\)\*\*/g) ?? []).length % 2).toBe(0);
    }
  });

  test('safeUrl keeps http(s) URLs, encodes parentheses, rejects the rest', () => {
    expect(safeUrl('https://learn.microsoft.com/a/b(v=vs.85)')).toBe('https://learn.microsoft.com/a/b%28v=vs.85%29');
    expect(safeUrl('javascript:alert(1)')).toBeUndefined();
    expect(safeUrl(`https://learn.microsoft.com/${'a'.repeat(600)}`)).toBeUndefined();
    expect(safeUrl('')).toBeUndefined();
  });

  test('truncate ends with an ellipsis and never exceeds the limit', () => {
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('abc', 4)).toBe('abc');
    expect(truncate('😀😀😀', 4).length).toBeLessThanOrEqual(4);
  });
});

describe('renderAnswer', () => {
  test('numbers citations, links them to their sections, and credits the source', () => {
    const view = renderAnswer(answer([excerpt(1, 'First'), excerpt(2, 'Second')], { nextOffset: 2 }), 0);
    const embed = view.embeds[0]!;
    expect(embed.description).toContain(`[\\[1\\]](${URL}1#remarks)`);
    expect(embed.description).toContain(`[\\[2\\]](${URL}2#remarks)`);
    expect(embed.description).toContain('**IRP\\_MJ\\_CREATE**');
    expect(embed.footer?.text).toContain('CC BY 4.0');
    expect(embed.url).toBe(`${URL}1`);
    // More sources continue where the engine says this answer stopped reading.
    expect(view.nextOffset).toBe(2);
    expect(renderAnswer(answer([excerpt(1, 'First')]), 0).nextOffset).toBeUndefined();
    expect(view.citedUrls).toEqual([`${URL}1#remarks`, `${URL}2#remarks`]);
  });

  test('a quoted list or table keeps its lines, each inside the quote', () => {
    const view = renderAnswer(answer([excerpt(1, 'Use these steps:\n- first step\n- second step')]), 0);
    const quote = view.embeds[0]!.description!.split('\n\n')[0]!;
    expect(quote.split('\n')).toHaveLength(3);
    for (const line of quote.split('\n')) expect(line.startsWith('> ')).toBe(true);
    // A list marker at a line start is shown, not turned into a Discord list.
    expect(quote).toContain('> \\- first step');
  });

  test('hostile corpus text cannot ping or break the markdown', () => {
    const hostile = excerpt(1, '@everyone look at <@&123456789012345678> **not bold** [click](https://evil.example) ```', {
      pageTitle: 'Title with ] bracket and @here',
    });
    const view = renderAnswer(answer([hostile], { question: '@here <@123456789012345678> help' }), 0);
    const text = allText(view.embeds);
    expect(text).not.toMatch(/@everyone|@here|<@&?\d/);
    expect(text).not.toMatch(/(?<!\\)\[click\]/);
    expect(text).not.toMatch(/(?<!\\)```/);
  });

  test('a long quote is kept whole when the quotes together fit, and shares the room when they do not', () => {
    const long = `${'The routine runs at PASSIVE_LEVEL. '.repeat(33)}The end.`;
    const view = renderAnswer(answer([excerpt(1, long), excerpt(2, 'Short second quote.')]), 0);
    expect(view.embeds[0]!.description).toContain('The end.');
    expect(view.embeds[0]!.description).toContain('Short second quote.');
    const crowded = renderAnswer(answer([1, 2, 3].map((n) => excerpt(n, `${long} Quote ${n}.`))), 0);
    const description = crowded.embeds[0]!.description!;
    for (const n of [1, 2, 3]) expect(description).toContain(`[\\[${n}\\]]`);
    expect(description).not.toContain('The end.');
  });

  test('huge answers stay within every limit', () => {
    const long = 'word '.repeat(3000);
    const huge = answer(
      [1, 2, 3, 4].map((n) => ({
        ...excerpt(n, long, { pageTitle: 'T'.repeat(400), section: 'S'.repeat(400) }),
      })),
      {
        question: 'Q'.repeat(3000),
        notice: 'N'.repeat(3000),
        related: Array.from({ length: 40 }, (_, i) => ({ title: 'R'.repeat(300), url: `${URL}r${i}`, path: `r/${i}` })),
        api: {
          name: 'X'.repeat(500),
          description: 'D'.repeat(5000),
          url: URL,
          path: 'a.md',
          pageTitle: 'P'.repeat(500),
          facts: { names: ['X'], kind: 'function', header: 'h'.repeat(900), irql: 'PASSIVE_LEVEL' },
        },
      },
    );
    const view = renderAnswer(huge, 0);
    assertWithinDiscordLimits({ embeds: view.embeds });
    expect(view.embeds.reduce((n, e) => n + embedLength(e), 0)).toBeLessThanOrEqual(EMBED_TOTAL_MAX);
    expect(view.embeds[0]!.description).toContain('[\\[4\\]]');
  });

  test('no excerpts: says so, suggests pages, and is marked unanswered', () => {
    const view = renderAnswer(
      answer([], {
        noAnswer: { reason: 'no-match', message: 'Nothing found.', suggestions: [{ title: 'Near', url: URL, path: 'n.md' }] },
      }),
      0,
    );
    expect(view.answered).toBe(false);
    expect(view.nextOffset).toBeUndefined();
    expect(allText(view.embeds)).toContain(`[Near](${URL})`);
  });
});

describe('other renderers', () => {
  test('search results stay within limits with long snippets and titles', () => {
    const hits: PageHit[] = Array.from({ length: 5 }, (_, i) => ({
      title: `Title ${i} ${'t'.repeat(300)}`,
      url: `${URL}${i}`,
      path: `p${i}`,
      kind: 'concept',
      area: 'Kernel',
      breadcrumb: Array.from({ length: 4 }, (_, j) => `Level ${j} ${'b'.repeat(60)}`),
      section: 'Section',
      sectionUrl: `${URL}${i}#s`,
      snippet: 'snippet '.repeat(400),
      score: 1,
    }));
    const view = renderSearch('query', hits, 0);
    assertWithinDiscordLimits({ embeds: view.embeds });
    expect(view.nextOffset).toBe(5);
  });

  test('each search result says where its page sits, the middle of a long breadcrumb left out', () => {
    const hit = (breadcrumb: string[]): PageHit => ({
      title: 'Title',
      url: URL,
      path: 'p',
      kind: 'concept',
      area: 'kernel',
      breadcrumb,
      section: '',
      sectionUrl: URL,
      snippet: 'snippet',
      score: 1,
    });
    const guide = 'Kernel-Mode Driver Architecture Design Guide';
    const short = renderSearch('q', [hit([guide, 'Memory Management'])], 0).embeds[0]!.description!;
    expect(short.split('\n')[1]).toBe(`*${guide} › Memory Management*`);
    const long = [guide, 'Programming Techniques', 'Dynamic Hardware Partitioning Techniques', 'Critical Issues for Device Drivers'];
    const cut = renderSearch('q', [hit(long)], 0).embeds[0]!.description!;
    expect(cut.split('\n')[1]).toBe(`*${guide} › … › Critical Issues for Device Drivers*`);
    const none = renderSearch('q', [hit([])], 0).embeds[0]!.description!;
    expect(none.split('\n')).toHaveLength(2);
  });

  test('API card lists the facts it has', () => {
    const view = renderApiCard(
      {
        name: 'IoCreateDevice',
        description: 'Creates a device object.',
        url: URL,
        path: 'a.md',
        pageTitle: 'IoCreateDevice function (wdm.h)',
        facts: { names: ['IoCreateDevice'], kind: 'function', header: 'wdm.h', irql: 'PASSIVE_LEVEL', library: 'NtosKrnl.lib' },
      },
      [{ title: 'Creating a device object', url: `${URL}2`, path: 'c.md' }],
    );
    const names = view.embeds[0]!.fields!.map((f) => f.name);
    expect(names).toEqual(expect.arrayContaining(['Header', 'IRQL', 'Library', 'Discussed in']));
    expect(names).not.toContain('DLL');
  });

  test('fitEmbeds drops trailing fields before cutting the description', () => {
    const [embed] = fitEmbeds([
      {
        title: 't',
        description: 'd'.repeat(4000),
        fields: Array.from({ length: 5 }, (_, i) => ({ name: `f${i}`, value: 'v'.repeat(1000) })),
      },
    ]);
    expect(embedLength(embed!)).toBeLessThanOrEqual(EMBED_TOTAL_MAX);
    expect(embed!.description!.length).toBe(4000);
    expect(embed!.fields!.length).toBeGreaterThanOrEqual(1);
  });
});

describe('message composition', () => {
  const view = { id: 'abc123', kind: 'ask' as const, query: 'q', offset: 0, citedUrls: [], createdAt: 0 };

  test('only an explicit mention may ping, and only that user', () => {
    const rendered = renderAnswer(answer([excerpt(1, 'x')]), 0);
    const plain = composeMessage(rendered, view, { hidden: false, askerId: '123456789012345678' });
    expect(plain.allowedMentions).toEqual(NO_MENTIONS);
    expect(plain.content).toBeUndefined();
    const pinged = composeMessage(rendered, view, {
      hidden: false,
      askerId: '123456789012345678',
      mentionUserId: '876543210987654321',
    });
    expect(pinged.allowedMentions).toEqual({ parse: [], users: ['876543210987654321'] });
    expect(pinged.content).toBe('answer for <@876543210987654321>');
  });

  test('button custom_ids round-trip and reject foreign ones', () => {
    const id = encodeButtonId({ action: 'more', arg: 'abc_-123' });
    expect(decodeButtonId(id)).toEqual({ action: 'more', arg: 'abc_-123' });
    expect(decodeButtonId('delete:not-a-snowflake')).toBeUndefined();
    expect(decodeButtonId('constructor:abc')).toBeUndefined();
    expect(decodeButtonId('nothing')).toBeUndefined();
    expect(() => encodeButtonId({ action: 'share', arg: 'x'.repeat(200) })).toThrow();
  });

  test('autocomplete choices: at most 25, names cut to 100, overlong values dropped', () => {
    const choices = toChoices([
      ...Array.from({ length: 30 }, (_, i) => ({ name: `${'n'.repeat(150)}${i}`, value: `v${i}`, kind: 'api' as const })),
      { name: 'x', value: 'v'.repeat(101), kind: 'api' },
    ]);
    expect(choices).toHaveLength(25);
    for (const choice of choices) {
      expect(choice.name.length).toBeLessThanOrEqual(100);
      expect(choice.value.length).toBeLessThanOrEqual(100);
    }
    expect(toChoices([{ name: 'x', value: 'v'.repeat(101), kind: 'tip' }])).toEqual([]);
  });

  test('a page choice is its path when that fits in 100 characters, else "page:" and its page id', () => {
    const short = 'windows-driver-docs-pr/kernel/using-the-kernel-stack.md';
    const long = `windows-driver-docs-pr/kernel/${'a-long-page-name-'.repeat(6)}.md`;
    const choices = toChoices([
      { name: 'Short', value: short, kind: 'page' },
      { name: 'Long', value: long, kind: 'page' },
    ]);
    expect(choices).toEqual([
      { name: 'Short', value: short },
      { name: 'Long', value: `page:${pageId(long)}` },
    ]);
    expect(choices[1]!.value.length).toBeLessThanOrEqual(100);
  });
});
