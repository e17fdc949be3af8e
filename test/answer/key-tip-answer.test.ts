// Every key tip, composed by the real engine over a real index of the tips' own corpus pages
// (built by global setup): its message must quote the docs, from the pages and sections the
// tip names, with citations that point at sections that exist; our lead-in must be one short
// sentence that sums up the quotes without copying them.
import { describe, expect, it } from 'vitest';
import { AnswerEngine } from '../../bot/answer/engine.ts';
import { composeKeyTip } from '../../bot/answer/key-tip-answer.ts';
import type { Excerpt, KeyTipAnswer } from '../../bot/answer/types.ts';
import { renderKeyTipForTerminal } from '../../bot/cli/render-tip-terminal.ts';
import { LEAD_IN_NOTE, renderKeyTip } from '../../bot/discord/render-tip.ts';
import { keyTipPagePaths, keyTips, type KeyTipSource } from '../../corpus/key-tips.ts';
import { openIndex } from '../../indexer/load-index.ts';
import { chunksOfPage, type ChunkDocument, type ChunkStoreData } from '../../indexer/orama/chunk-store.ts';
import { queryTokens, tokenize } from '../../indexer/tokenizer.ts';
import { assertWithinDiscordLimits } from '../support/discord-limits.ts';
import { keyTipIndexFile } from '../support/key-tip-pages.ts';

const index = openIndex(keyTipIndexFile);
const engine = new AnswerEngine(index);
const pageIndexByPath = new Map(index.pages.map((page, i) => [page.path, i]));

/** Share of the lead-in's content words (stemmed) that the quotes must contain. */
const MIN_LEAD_IN_TERMS_QUOTED = 0.75;
/** A run this long shared with a quote would be copying, not summing up. */
const COPIED_RUN_WORDS = 8;

function chunksOf(path: string): ChunkDocument[] {
  const pageIndex = pageIndexByPath.get(path);
  return pageIndex === undefined ? [] : chunksOfPage(index.chunkDb.data.docs as ChunkStoreData, pageIndex);
}

function plain(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function textOf(excerpt: Excerpt): string {
  return excerpt.spans.map((span) => span.text).join('');
}

function words(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^a-z0-9_]+/)
    .filter(Boolean);
}

function runs(text: string, size: number): Set<string> {
  const list = words(text);
  const out = new Set<string>();
  for (let i = 0; i + size <= list.length; i++) out.add(list.slice(i, i + size).join(' '));
  return out;
}

const composed = new Map<string, KeyTipAnswer>(
  await Promise.all(keyTips.map(async (tip) => [tip.id, await composeKeyTip(engine, tip)] as const)),
);
const cases = keyTips.map((tip) => [tip.id, tip] as const);

describe('key tip messages', () => {
  it('has every tip page in the test index', () => {
    const missing = keyTips.flatMap((tip) => keyTipPagePaths(tip)).filter((path) => !pageIndexByPath.has(path));
    expect(missing).toEqual([]);
  });

  it.each(cases)('%s: quotes every curated passage, numbered and cited', (id, tip) => {
    const answer = composed.get(id)!;
    expect(answer.unquoted).toEqual([]);
    expect(answer.excerpts.length).toBe(tip.quotes.length);
    // Numbers start at 1 and grow by one for each new section; quotes of one section share one.
    const numbers = answer.excerpts.map((excerpt) => excerpt.citation.n);
    expect(numbers[0]).toBe(1);
    for (let i = 1; i < numbers.length; i++) expect(numbers[i]).toBeLessThanOrEqual(Math.max(...numbers.slice(0, i)) + 1);
  });

  it.each(cases)("%s: quotes only the tip's pages, from the named sections, in the docs' own words", (id, tip) => {
    const answer = composed.get(id)!;
    const pages = new Set(keyTipPagePaths(tip));
    answer.excerpts.forEach((excerpt, i) => {
      const { citation } = excerpt;
      expect(pages.has(citation.path), citation.path).toBe(true);
      expect(citation.path).toBe(tip.quotes[i]!.path);
      expect(citation.section).toBe(tip.quotes[i]!.section);
      // The cited section exists on the page, under the anchor the link points at.
      const sectionChunks = chunksOf(citation.path).filter((chunk) => chunk.section === citation.section);
      expect(sectionChunks.length, `${citation.path} › ${citation.section}`).toBeGreaterThan(0);
      const page = index.pages[pageIndexByPath.get(citation.path)!]!;
      expect(sectionChunks.map((chunk) => (chunk.anchor ? `${page.url}#${chunk.anchor}` : page.url))).toContain(citation.url);
      expect(citation.pageTitle).toBe(page.title);
      // The excerpt is the section's text, not ours: every line of it (a list or table is
      // quoted by its lines; "…" marks what was left out) stands in the section.
      const section = plain(sectionChunks.map((chunk) => chunk.text).join(' '));
      expect(plain(textOf(excerpt)).length).toBeGreaterThan(40);
      for (const piece of textOf(excerpt)
        .split(/\n|…/)
        .map(plain)
        .filter((line) => line.length > 0)) {
        expect(section.includes(piece), piece).toBe(true);
      }
    });
  });

  it.each(cases)('%s: the lead-in sums up the quotes in our own words', (id, tip) => {
    const answer = composed.get(id)!;
    if (!tip.leadIn) return;
    expect(answer.leadIn).toBe(tip.leadIn);
    const quoted = new Set(answer.excerpts.flatMap((excerpt) => tokenize(textOf(excerpt))));
    const terms = queryTokens(tip.leadIn);
    const shared = terms.filter((term) => quoted.has(term));
    expect(
      shared.length / terms.length,
      `lead-in terms not quoted: ${terms.filter((t) => !quoted.has(t)).join(', ')}`,
    ).toBeGreaterThanOrEqual(MIN_LEAD_IN_TERMS_QUOTED);
    const quoteRuns = new Set(answer.excerpts.flatMap((excerpt) => [...runs(textOf(excerpt), COPIED_RUN_WORDS)]));
    expect([...runs(tip.leadIn, COPIED_RUN_WORDS)].filter((run) => quoteRuns.has(run))).toEqual([]);
  });

  it.each(cases)('%s: the Discord message leads with the lead-in as ours, then the cited quotes, then Read more', (id) => {
    const answer = composed.get(id)!;
    const view = renderKeyTip(answer);
    const embed = view.embeds[0]!;
    assertWithinDiscordLimits({ embeds: view.embeds });
    const lines = embed.description!.split('\n').filter((line) => line !== '');
    if (answer.leadIn) expect(lines[0]).toMatch(/^\*In short: .+\*$/);
    // One quote block per excerpt (a quoted list keeps its lines inside the block).
    const quotes = embed.description!.split('\n\n').filter((block) => block.startsWith('> '));
    for (const block of quotes) for (const line of block.split('\n')) expect(line.startsWith('> ')).toBe(true);
    expect(quotes.length).toBe(answer.excerpts.length);
    answer.excerpts.forEach((excerpt, i) => {
      expect(quotes[i]).toContain(`[\\[${excerpt.citation.n}\\]](${excerpt.citation.url.replace(/[()]/g, encodeURIComponent)})`);
    });
    const fieldNames = (embed.fields ?? []).map((field) => field.name);
    expect(fieldNames).toEqual(['Sources', 'Read more']);
    expect(embed.footer?.text).toContain(LEAD_IN_NOTE);
    expect(embed.footer?.text).toMatch(/CC BY 4\.0/);
    for (const url of view.citedUrls) expect(url).toMatch(/^https:\/\/learn\.microsoft\.com\//);
  });

  it('never shows the lead-in without the quotes it sums up', async () => {
    const tip = keyTips.find((candidate) => candidate.id === 'queue-work-item-once')!;
    const unindexed: KeyTipSource = { ...tip, quotes: [{ path: 'windows-driver-docs-pr/kernel/no-such-page.md', section: '' }] };
    const answer = await composeKeyTip(engine, unindexed);
    expect(answer.excerpts).toEqual([]);
    expect(answer.leadIn).toBeUndefined();
    expect(answer.unquoted).toEqual([{ path: 'windows-driver-docs-pr/kernel/no-such-page.md', section: '' }]);
    const embed = renderKeyTip(answer).embeds[0]!;
    expect(embed.description).not.toContain('In short');
    expect(embed.description).toContain('not in the index');
    expect(renderKeyTipForTerminal(answer)).not.toContain('In short');
  });

  it('drops the lead-in when one of the curated passages cannot be quoted, and still quotes the others', async () => {
    const tip = keyTips.find((candidate) => candidate.id === 'cancel-logic')!;
    const partial: KeyTipSource = { ...tip, quotes: [tip.quotes[0]!, { path: tip.quotes[1]!.path, section: 'No such section' }] };
    const answer = await composeKeyTip(engine, partial);
    expect(answer.excerpts.map((excerpt) => excerpt.citation.path)).toEqual([tip.quotes[0]!.path]);
    expect(answer.leadIn).toBeUndefined();
    expect(renderKeyTip(answer).embeds[0]!.description).not.toContain('In short');
  });

  it('gives quotes of one section one number, and a new section the next free number', async () => {
    const tip = keyTips.find((candidate) => candidate.id === 'kernel-stack')!;
    const [a, b] = tip.quotes;
    const other = keyTips.find((candidate) => candidate.id === 'queue-work-item-once')!.quotes[2]!;
    const third = keyTips.find((candidate) => candidate.id === 'do-device-initializing')!.quotes[2]!;
    const answer = await composeKeyTip(engine, { ...tip, quotes: [a!, other, b!, third] });
    expect(answer.excerpts.map((excerpt) => excerpt.citation.n)).toEqual([1, 2, 1, 3]);
  });

  it('does not quote a section the page does not have', async () => {
    const tip = keyTips.find((candidate) => candidate.id === 'kernel-stack')!;
    const path = tip.quotes[0]!.path;
    const answer = await composeKeyTip(engine, { ...tip, quotes: [{ path, section: 'A section this page does not have' }] });
    expect(answer.excerpts).toEqual([]);
    expect(answer.unquoted).toEqual([{ path, section: 'A section this page does not have' }]);
  });

  it('renders for the terminal with the lead-in marked as ours, numbered quotes and their sources', () => {
    const answer = composed.get('do-device-initializing')!;
    const text = renderKeyTipForTerminal(answer);
    expect(text).toContain(`In short (our words): ${answer.leadIn}`);
    for (const excerpt of answer.excerpts) {
      expect(text).toContain(`[${excerpt.citation.n}] ${textOf(excerpt)}`);
      expect(text).toContain(excerpt.citation.url);
    }
    for (const page of answer.pages) expect(text).toContain(page.url);
  });
});
