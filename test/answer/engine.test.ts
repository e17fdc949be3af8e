// The answer engine on the real-corpus slice: questions of our own with known answering
// pages, the composed answer, the no-answer path, hostile and oversized input, filters,
// paging and the autocomplete helpers.
import { beforeAll, describe, expect, it } from 'vitest';
import type { AnswerEngineContract } from '../../bot/answer/engine-contract.ts';
import { pageId } from '../../bot/answer/page-id.ts';
import type { Answer } from '../../bot/answer/types.ts';
import { createTestEngine } from '../support/test-engine.ts';

let engine: AnswerEngineContract;
beforeAll(async () => {
  engine = await createTestEngine();
});

const K = 'windows-driver-docs-pr/kernel/';
const WDF = 'windows-driver-docs-pr/wdf/';
const WDM = 'wdk-ddi-src/content/wdm/';
const LEARN = 'https://learn.microsoft.com/';

interface Case {
  question: string;
  /** Any of these pages answers the question. */
  relevant: string[];
}

// Questions a driver developer would ask, each with the page(s) of the slice that answer it.
const answerable: Case[] = [
  {
    question: 'My driver overflows the kernel stack in a deep call chain; how can it use less stack space?',
    relevant: [`${K}using-the-kernel-stack.md`],
  },
  { question: 'At what IRQL can IoQueueWorkItem be called?', relevant: [`${WDM}nf-wdm-ioqueueworkitem.md`] },
  {
    question: 'How do I protect shared data with a spin lock?',
    relevant: [
      `${K}introduction-to-spin-locks.md`,
      `${K}providing-storage-for-spin-locks-and-protected-data.md`,
      `${K}using-spin-locks--an-example.md`,
    ],
  },
  { question: 'How do I make an IRP queue that handles cancellation for me?', relevant: [`${K}cancel-safe-irp-queues.md`] },
  { question: 'How do I set up a default I/O queue for my KMDF driver?', relevant: [`${WDF}creating-i-o-queues.md`] },
  {
    question: 'What happens when my driver gets IRP_MN_REMOVE_DEVICE?',
    relevant: [`${K}handling-an-irp-mn-remove-device-request.md`, `${K}irp-mn-remove-device.md`],
  },
  {
    question: 'Bug check 0x133: what does the DPC watchdog violation mean?',
    relevant: ['windows-driver-docs-pr/debugger/bug-check-0x133-dpc-watchdog-violation.md'],
  },
  { question: 'How do I forward a request to a WDF I/O target?', relevant: [`${WDF}forwarding-i-o-requests.md`] },
  // Spelled out, with no abbreviation: the docs title the page "Introduction to DPCs".
  { question: 'What is a deferred procedure call and when does it run?', relevant: [`${K}introduction-to-dpcs.md`] },
  // Many look-alike spin-lock API and verifier-rule pages compete with the basic ones.
  {
    question: 'How do I acquire and release a spin lock?',
    relevant: [
      `${WDM}nf-wdm-keacquirespinlock.md`,
      `${WDM}nf-wdm-kereleasespinlock.md`,
      `${K}introduction-to-spin-locks.md`,
      `${K}using-a-driver-supplied-spin-lock.md`,
    ],
  },
];

function rankOf(question: string, relevant: string[]): number {
  const hits = engine.search(question, { limit: 10 });
  const index = hits.findIndex((hit) => relevant.includes(hit.path));
  return index < 0 ? Infinity : index + 1;
}

describe('retrieval: the answering page ranks in the top 3', () => {
  it('every expected page is in the slice', () => {
    for (const { relevant } of answerable) {
      for (const path of relevant) expect(engine.pageByPath(path), path).toBeDefined();
    }
  });

  for (const { question, relevant } of answerable) {
    it(question, () => {
      expect(rankOf(question, relevant)).toBeLessThanOrEqual(3);
    });
  }

  it('an exact API name in a question is decisive', () => {
    expect(engine.search('Can I call IoQueueWorkItem at DISPATCH_LEVEL?', { limit: 3 })[0]?.path).toBe(`${WDM}nf-wdm-ioqueueworkitem.md`);
  });
});

function plain(answer: Answer): string[] {
  return answer.excerpts.map((excerpt) => excerpt.spans.map((span) => span.text).join(''));
}

describe('ask: the composed answer', () => {
  let answer: Answer;
  beforeAll(() => {
    answer = engine.ask('How do I make an IRP queue that handles cancellation for me?');
  });

  it('has 2 to 4 excerpts, numbered from 1', () => {
    expect(answer.noAnswer).toBeUndefined();
    expect(answer.excerpts.length).toBeGreaterThanOrEqual(2);
    expect(answer.excerpts.length).toBeLessThanOrEqual(4);
    expect(answer.excerpts.map((e) => e.citation.n)).toEqual(answer.excerpts.map((_, i) => i + 1));
  });

  it('cites each excerpt with title, learn URL (with anchor when a section) and path', () => {
    for (const { citation } of answer.excerpts) {
      expect(citation.url.startsWith(LEARN)).toBe(true);
      expect(citation.pageTitle).not.toBe('');
      expect(citation.path).toMatch(/^(windows-driver-docs-pr|wdk-ddi-src\/content)\/.+\.md$/);
      if (citation.section) expect(citation.url).toMatch(/#[\w-]+$/);
      expect(engine.pageByPath(citation.path)?.url).toBe(citation.url.split('#')[0]);
    }
    expect(answer.excerpts.map((e) => e.citation.path)).toContain(`${K}cancel-safe-irp-queues.md`);
  });

  it('marks query terms in the excerpts and keeps them short', () => {
    for (const excerpt of answer.excerpts) {
      expect(excerpt.spans.some((span) => span.match)).toBe(true);
      for (const span of excerpt.spans.filter((s) => s.match)) expect(span.text.trim()).not.toBe('');
    }
    for (const text of plain(answer)) {
      expect(text.length).toBeGreaterThan(20);
      expect(text.length).toBeLessThanOrEqual(450);
    }
  });

  it('lists related pages beyond those cited, and credits Microsoft (CC BY 4.0)', () => {
    const cited = new Set(answer.excerpts.map((e) => e.citation.path));
    expect(answer.related.length).toBeGreaterThan(0);
    for (const page of answer.related) {
      expect(cited.has(page.path)).toBe(false);
      expect(page.url.startsWith(LEARN)).toBe(true);
    }
    expect(answer.credit).toMatch(/Microsoft/);
    expect(answer.credit).toMatch(/CC BY 4\.0/);
  });

  it('a question naming an API gets its facts', () => {
    const withApi = engine.ask('At what IRQL can IoQueueWorkItem be called?');
    expect(withApi.api?.name).toBe('IoQueueWorkItem');
    expect(withApi.api?.facts.irql).toContain('DISPATCH_LEVEL');
    expect(withApi.api?.facts.header).toBe('wdm.h');
    expect(withApi.api?.path).toBe(`${WDM}nf-wdm-ioqueueworkitem.md`);
    expect(withApi.excerpts[0]?.citation.path).toBe(`${WDM}nf-wdm-ioqueueworkitem.md`);
  });

  it('a question naming no API has no API card', () => {
    expect(answer.api).toBeUndefined();
  });
});

describe('ask: passages of one section are one quote', () => {
  it('quotes two passages of one section under its one number, in the section order', () => {
    const answer = engine.ask('When my registry callback gets the context cleanup notification, have all handles to the key been closed?');
    const first = answer.excerpts[0]!;
    expect(first.citation.url).toMatch(/ns-wdm-_reg_callback_context_cleanup_information#remarks$/);
    expect(answer.excerpts.filter((excerpt) => excerpt.citation.url === first.citation.url)).toHaveLength(1);
    const text = first.spans.map((span) => span.text).join('');
    // Two paragraphs that follow each other in the section: the one about when the
    // notification comes, then the one about what to do in response.
    expect(text).toMatch(/reference count drops to zero[^]*\nIn response to this notification/);
    expect(text).not.toContain('…');
  });

  it('lists first among related pages a page the quoted section links to, though the search did not find it', () => {
    const question = 'Will ZwUnloadDriver unload a driver that has no Unload routine, and which status does it return?';
    const answer = engine.ask(question);
    expect(answer.excerpts.map((e) => e.citation.path)).toContain(`${WDM}nf-wdm-zwunloaddriver.md`);
    expect(answer.related[0]?.path).toBe(`${WDM}ns-wdm-_driver_object.md`);
    expect(engine.search(question, { limit: 10 }).map((hit) => hit.path)).not.toContain(`${WDM}ns-wdm-_driver_object.md`);
    const cited = new Set(answer.excerpts.map((e) => e.citation.path));
    for (const page of answer.related) expect(cited.has(page.path)).toBe(false);
    expect(new Set(answer.related.map((page) => page.path)).size).toBe(answer.related.length);
  });

  it('never gives two excerpts the same number or section', () => {
    for (const question of [...answerable.map((c) => c.question), 'What does IoCancelIrp do when the IRP has no cancel routine?']) {
      const { excerpts } = engine.ask(question);
      expect(excerpts.map((e) => e.citation.n)).toEqual(excerpts.map((_, i) => i + 1));
      expect(new Set(excerpts.map((e) => e.citation.url)).size).toBe(excerpts.length);
    }
  });
});

describe('ask: no answer, bad and hostile input', () => {
  it('says so plainly for something the docs do not cover, with no excerpt', () => {
    const answer = engine.ask('best pizza recipe in Naples');
    expect(answer.noAnswer?.reason).toBe('no-match');
    expect(answer.noAnswer?.message).not.toBe('');
    expect(answer.excerpts).toEqual([]);
    expect(answer.api).toBeUndefined();
  });

  it.each(['', '   ', '?!?...', '\n\t  \n', '***', '@everyone'])('an empty question (%j) gets a clear answer', (question) => {
    const answer = engine.ask(question);
    expect(answer.noAnswer?.reason).toBe('empty-question');
    expect(answer.noAnswer?.message).toMatch(/\w/);
    expect(answer.excerpts).toEqual([]);
  });

  it('a 20,000-character question is shortened with a notice, and still answered', () => {
    const long = 'How do I protect data that my DPC shares with a dispatch routine using a spin lock? '.repeat(240);
    expect(long.length).toBeGreaterThanOrEqual(20_000);
    const answer = engine.ask(long);
    expect(answer.notice).toMatch(/\w/);
    expect(answer.searchedQuestion.length).toBeLessThan(1000);
    expect(answer.noAnswer).toBeUndefined();
    expect(answer.excerpts.length).toBeGreaterThanOrEqual(2);
  });

  it('hostile markup does not throw and is not searched', () => {
    const hostile = '@everyone <@123> **bold** `code` ||spoiler||';
    expect(() => engine.ask(hostile)).not.toThrow();
    const answer = engine.ask(hostile);
    expect(answer.searchedQuestion).not.toMatch(/@everyone|<@|\*\*|`|\|\|/);
    // Either a plain "not found" or a well-formed answer, never both or neither.
    expect(answer.noAnswer === undefined).toBe(answer.excerpts.length > 0);
  });

  it('a real question wrapped in Discord markup is answered', () => {
    const answer = engine.ask('@everyone <@123> how do I **protect shared data** with a `spin lock`?');
    expect(answer.searchedQuestion).not.toMatch(/@everyone|<@|\*\*|`/);
    expect(answer.noAnswer).toBeUndefined();
    expect(answer.excerpts.length).toBeGreaterThanOrEqual(2);
  });

  it('a polite or misspelt word does not sink an answerable question', () => {
    for (const question of ['How do I protect shared data with a spin lock? thanks', 'how do I use a spin lock corectly']) {
      expect(engine.ask(question).noAnswer, question).toBeUndefined();
    }
  });

  it('control characters and odd Unicode do not throw', () => {
    for (const question of ['\u0000\u0007spin\u202elock', '🔒 spin lock 🔓', 'x'.repeat(5000), '<script>alert(1)</script> IRQL']) {
      expect(() => engine.ask(question)).not.toThrow();
      expect(() => engine.search(question)).not.toThrow();
    }
  });
});

describe('filters and paging', () => {
  const question = 'How do I protect shared data with a spin lock?';

  it("kind 'api' returns only API pages", () => {
    const hits = engine.search(question, { kind: 'api', limit: 10 });
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((hit) => hit.kind === 'api' && hit.path.startsWith('wdk-ddi-src/'))).toBe(true);
    const answer = engine.ask(question, { kind: 'api' });
    expect(answer.excerpts.length).toBeGreaterThan(0);
    expect(answer.excerpts.every((e) => e.citation.path.startsWith('wdk-ddi-src/'))).toBe(true);
  });

  it("kind 'concept' returns only conceptual pages", () => {
    const hits = engine.search('IoQueueWorkItem', { kind: 'concept', limit: 10 });
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((hit) => hit.kind === 'concept' && hit.path.startsWith('windows-driver-docs-pr/'))).toBe(true);
  });

  it("area 'wdf' returns only WDF pages (conceptual and API)", () => {
    const hits = engine.search('How are I/O requests queued and cancelled?', { area: 'wdf', limit: 10 });
    expect(hits.length).toBe(10);
    for (const hit of hits) expect(hit.path).toMatch(/^(windows-driver-docs-pr\/wdf\/|wdk-ddi-src\/content\/wdf)/);
    const answer = engine.ask('How do I create an I/O queue?', { area: 'wdf' });
    for (const excerpt of answer.excerpts)
      expect(excerpt.citation.path).toMatch(/^(windows-driver-docs-pr\/wdf\/|wdk-ddi-src\/content\/wdf)/);
  });

  it('an area with no pages gives no results', () => {
    expect(engine.search(question, { area: 'no-such-area' })).toEqual([]);
    expect(engine.ask(question, { area: 'no-such-area' }).excerpts).toEqual([]);
  });

  it('offset moves on to other pages', () => {
    const first = engine.ask(question);
    expect(first.nextOffset).toBeGreaterThan(0);
    const more = engine.ask(question, { offset: first.nextOffset });
    const firstPaths = new Set(first.excerpts.map((e) => e.citation.path));
    expect(more.excerpts.length).toBeGreaterThan(0);
    for (const excerpt of more.excerpts) expect(firstPaths.has(excerpt.citation.path)).toBe(false);
    const page1 = engine.search(question, { limit: 5 }).map((h) => h.path);
    const page2 = engine.search(question, { limit: 5, offset: 5 }).map((h) => h.path);
    expect(page2).toHaveLength(5);
    expect(page2.filter((p) => page1.includes(p))).toEqual([]);
  });

  it('search returns distinct pages', () => {
    const paths = engine.search(question, { limit: 10 }).map((h) => h.path);
    expect(new Set(paths).size).toBe(paths.length);
  });
});

describe('autocomplete, API cards and key tips', () => {
  it('suggestTitles finds the IoQueueWorkItem page, as a page path', () => {
    const suggestions = engine.suggestTitles('IoQueueWork');
    expect(suggestions.length).toBeGreaterThan(0);
    expect(suggestions.length).toBeLessThanOrEqual(25);
    expect(suggestions.map((s) => s.value)).toContain(`${WDM}nf-wdm-ioqueueworkitem.md`);
    for (const s of suggestions) {
      expect(s.name.length).toBeGreaterThan(0);
      expect(s.kind).toBe('page');
    }
    expect(engine.suggestTitles('')).toEqual([]);
  });

  it('a page with a path over 100 characters is suggested by its whole path and opens by path or page id', () => {
    const path = `${K}synchronizing-cancellation-in-higher-level-drivers-without-cancel-rout.md`;
    expect(path.length).toBeGreaterThan(100);
    const suggestion = engine.suggestTitles('Synchronizing Cancellation in Higher-Level Drivers').find((s) => s.value === path);
    expect(suggestion?.name).toBe('Synchronizing Cancellation in Higher-Level Drivers Without Cancel Routines');
    expect(engine.pageByPath(path)?.url).toBe(
      `${LEARN}windows-hardware/drivers/kernel/synchronizing-cancellation-in-higher-level-drivers-without-cancel-rout`,
    );
    expect(engine.pageById(pageId(path))?.path).toBe(path);
    expect(engine.pageById(pageId(`${path}x`))).toBeUndefined();
    expect(engine.pageById(path)).toBeUndefined();
  });

  it('a chosen title suggestion opens its page (pageByPath)', () => {
    const suggestion = engine.suggestTitles('IoQueueWork').find((s) => s.value.endsWith('nf-wdm-ioqueueworkitem.md'))!;
    expect(engine.pageByPath(suggestion.value)?.url).toBe(`${LEARN}windows-hardware/drivers/ddi/wdm/nf-wdm-ioqueueworkitem`);
  });

  it('every title suggestion value resolves with pageByPath', () => {
    for (const prefix of ['IoQueueWork', 'worker thread', 'bug check 0x1d']) {
      for (const s of engine.suggestTitles(prefix)) expect(engine.pageByPath(s.value), `${prefix}: ${s.value}`).toBeDefined();
    }
  });

  it('suggestApis gives API names', () => {
    const suggestions = engine.suggestApis('KeAcquire');
    expect(suggestions.length).toBeGreaterThan(3);
    expect(suggestions.length).toBeLessThanOrEqual(25);
    expect(suggestions.map((s) => s.value)).toContain('KeAcquireSpinLock');
    for (const s of suggestions) {
      expect(s.value).toMatch(/^KeAcquire\w*$/);
      expect(engine.apiCard(s.value)?.name).toBe(s.value);
      expect(s.name.length).toBeLessThanOrEqual(100);
    }
    expect(new Set(suggestions.map((s) => s.value)).size).toBe(suggestions.length);
  });

  it('apiCard is case-insensitive and gives the facts', () => {
    const card = engine.apiCard('ioqueueworkitem');
    expect(card?.name).toBe('IoQueueWorkItem');
    expect(card?.facts.irql).toContain('DISPATCH_LEVEL');
    expect(card?.facts.header).toBe('wdm.h');
    expect(card?.url).toBe(`${LEARN}windows-hardware/drivers/ddi/wdm/nf-wdm-ioqueueworkitem`);
    expect(engine.apiCard('  IOQUEUEWORKITEM ')?.path).toBe(card?.path);
    expect(engine.apiCard('NoSuchRoutineAtAll')).toBeUndefined();
    expect(engine.apiCard('')).toBeUndefined();
  });

  it('pagesMentioningApi lists conceptual pages', () => {
    const pages = engine.pagesMentioningApi('IoQueueWorkItem', 5);
    expect(pages.length).toBeGreaterThan(0);
    expect(pages.every((p) => p.path.startsWith('windows-driver-docs-pr/'))).toBe(true);
  });

  it('keyTips lists the curated tips with their pages', () => {
    const tips = engine.keyTips();
    expect(tips.length).toBeGreaterThan(5);
    for (const tip of tips) {
      expect(tip.topic).not.toBe('');
      expect(tip.question).not.toBe('');
      expect(tip.pages.length).toBeGreaterThan(0);
      for (const page of tip.pages) expect(page.url.startsWith(LEARN)).toBe(true);
    }
    // Pages of the slice come with their real titles.
    const slicePage = tips.flatMap((t) => t.pages).find((p) => p.path.startsWith('windows-driver-docs-pr/gettingstarted/'));
    expect(slicePage).toBeDefined();
    expect(slicePage!.title).toBe(engine.pageByPath(slicePage!.path)?.title);
  });

  it("suggestTips('') gives the key tips first, in order", () => {
    const tips = engine.keyTips();
    const suggestions = engine.suggestTips('');
    expect(suggestions.length).toBe(Math.min(25, tips.length));
    expect(suggestions.map((s) => s.value)).toEqual(tips.slice(0, 25).map((t) => `tip:${t.id}`));
  });

  it('suggestTips(prefix) gives matching tips, then page titles', () => {
    const suggestions = engine.suggestTips('spin');
    const firstPage = suggestions.findIndex((s) => !s.value.startsWith('tip:'));
    expect(firstPage).toBeGreaterThan(0);
    expect(suggestions.slice(firstPage).every((s) => !s.value.startsWith('tip:'))).toBe(true);
    expect(suggestions.length).toBeLessThanOrEqual(25);
  });
});
