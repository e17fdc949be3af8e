// The caches that spare the answer engine repeated work across questions: bounded, and
// invisible in the answers (the same answer from a cold cache, a warm one and one warmed by
// other questions), on the real-corpus slice.
import { beforeAll, describe, expect, it } from 'vitest';
import { BoundedCache } from '../../bot/answer/bounded-cache.ts';
import { warmUp } from '../../bot/answer/engine-threads/warm-up.ts';
import type { AnswerEngineContract } from '../../bot/answer/engine-contract.ts';
import { sectionPassages } from '../../bot/answer/passages.ts';
import {
  clearSectionPassagesCache,
  passagesOfSection,
  sectionPassagesCacheSize,
  sectionPassagesLimit,
} from '../../bot/answer/section-passages-cache.ts';
import { clearTextCaches, textCacheLimits, textCacheSizes, textFacts, weightOfDistinctTokens } from '../../bot/answer/text-facts.ts';
import type { Answer } from '../../bot/answer/types.ts';
import { openIndex } from '../../indexer/load-index.ts';
import { chunksOfPage, type ChunkStoreData } from '../../indexer/orama/chunk-store.ts';
import { weightCovered } from '../../indexer/query-analysis.ts';
import { tokenize } from '../../indexer/tokenizer.ts';
import { sliceIndexFile } from '../support/slice.ts';
import { createTestEngine } from '../support/test-engine.ts';

describe('BoundedCache', () => {
  it('never holds more than its limit, and keeps what is in use over what is not', () => {
    const cache = new BoundedCache<string, number>(10);
    for (let i = 0; i < 1_000; i += 1) {
      cache.set(`key ${i}`, i);
      // One entry read all along survives every turnover.
      expect(cache.get('key 0')).toBe(0);
      expect(cache.size).toBeLessThanOrEqual(10);
    }
    expect(cache.get('key 500')).toBeUndefined();
    expect(cache.get('key 999')).toBe(999);
    expect(cache.getOrMake('key 999', () => -1)).toBe(999);
    expect(cache.getOrMake('new', () => 7)).toBe(7);
    cache.clear();
    expect(cache.size).toBe(0);
    expect(() => new BoundedCache(1)).toThrow(RangeError);
  });
});

describe("kept tokens are the tokenizer's own", () => {
  // The caches read a text's tokens word by word (the text cut at whitespace), relying on no
  // token spanning whitespace; these texts are every chunk of a sample of slice pages.
  const index = openIndex(sliceIndexFile);
  const store = index.chunkDb.data.docs as ChunkStoreData;
  const texts = index.pages
    .filter((_, i) => i % 25 === 0)
    .flatMap((_, i) => chunksOfPage(store, i * 25).map((chunk) => `${chunk.section}\n${chunk.text}`));

  it("a text's distinct tokens, in the order the tokenizer gives them", () => {
    expect(texts.length).toBeGreaterThan(100);
    for (const text of texts) expect([...textFacts(text).tokens]).toEqual([...new Set(tokenize(text))]);
  });

  it('the weight of texts joined by spaces, as the query analysis sums it', () => {
    const weights = new Map([...new Set(texts.slice(0, 50).flatMap((text) => tokenize(text)))].map((token, i) => [token, 1 / (i + 3)]));
    for (let i = 0; i + 3 <= texts.length; i += 3) {
      const group = texts.slice(i, i + 3);
      expect(weightOfDistinctTokens(group, weights)).toBe(weightCovered(group.join(' '), weights));
    }
  });
});

describe('section passages kept across questions', () => {
  const longList = Array.from({ length: 40 }, (_, i) => `- Item number ${i} says something about topic ${i % 7} at some length.`);
  const section = ['Short lead paragraph of our own.', '', ...longList].join('\n');
  const plain = 'One paragraph of our own.\n\nAnother paragraph, with a second sentence. And a third one here.';

  it('a section cut with the question in mind is cut again for the next question', () => {
    clearSectionPassagesCache();
    const first = (text: string) => (text.includes('number 3 ') ? 5 : 0);
    const second = (text: string) => (text.includes('number 37 ') ? 5 : 0);
    expect(passagesOfSection(section, first)).toEqual(sectionPassages(section, first));
    const again = passagesOfSection(section, second);
    expect(again).toEqual(sectionPassages(section, second));
    expect(again.map((passage) => passage.text).join('\n')).toContain('number 37 ');
    expect(sectionPassagesCacheSize()).toBe(0);
  });

  it('a section the question does not shape is kept and given back as it was made', () => {
    clearSectionPassagesCache();
    const made = passagesOfSection(plain, () => 1);
    expect(made).toEqual(sectionPassages(plain, () => 1));
    expect(sectionPassagesCacheSize()).toBe(1);
    expect(passagesOfSection(plain, () => 2)).toBe(made);
    expect(sectionPassagesLimit).toBeGreaterThan(0);
  });
});

describe('answers from cold and warm caches', () => {
  let engine: AnswerEngineContract;
  let questions: string[];
  beforeAll(async () => {
    engine = await createTestEngine();
    // Questions made from the slice's own page titles, in several shapes, and a few of ours.
    const pages = openIndex(sliceIndexFile).pages;
    const step = Math.max(1, Math.floor(pages.length / 40));
    const titles = pages.filter((_, i) => i % step === 0).map((page) => page.title);
    questions = [
      ...titles.map((title, i) => [`What is ${title}?`, `How do I use ${title} in my driver?`, title][i % 3]!),
      'At what IRQL can IoQueueWorkItem be called, and what happens if I call it at a higher one from my driver?',
      'What does bug check 0x133 parameter 1 mean?',
      'How do I cancel an IRP safely?',
    ];
  });

  const withoutTiming = ({ tookMs: _, ...answer }: Answer) => answer;
  const askAll = (list: readonly string[]) => list.map((question) => withoutTiming(engine.ask(question) as Answer));

  it('the same answers, more sources and key tips whatever the caches hold', async () => {
    const cold = questions.map((question) => {
      clearTextCaches();
      clearSectionPassagesCache();
      return withoutTiming(engine.ask(question) as Answer);
    });
    expect(cold.filter((answer) => answer.excerpts.length > 0).length).toBeGreaterThan(questions.length / 2);
    // Warmed by every question, then asked again in reverse order.
    askAll(questions);
    expect(textCacheSizes().texts).toBeGreaterThan(0);
    expect(sectionPassagesCacheSize()).toBeGreaterThan(0);
    expect(askAll([...questions].reverse()).reverse()).toEqual(cold);

    const more = (answers: Answer[]) =>
      answers
        .filter((answer) => answer.nextOffset !== undefined)
        .map((answer) => withoutTiming(engine.ask(answer.question, { offset: answer.nextOffset }) as Answer));
    const warmMore = more(cold as Answer[]);
    clearTextCaches();
    clearSectionPassagesCache();
    expect(more(cold as Answer[])).toEqual(warmMore);

    const warmTips = await engine.keyTips();
    clearTextCaches();
    clearSectionPassagesCache();
    expect(await engine.keyTips()).toEqual(warmTips);
  });

  it('the caches stay within their limits', () => {
    const sizes = textCacheSizes();
    expect(sizes.texts).toBeLessThanOrEqual(textCacheLimits.texts);
    expect(sizes.words).toBeLessThanOrEqual(textCacheLimits.words);
    expect(sectionPassagesCacheSize()).toBeLessThanOrEqual(sectionPassagesLimit);
  });
});

describe('warming an engine up', () => {
  it('fills the caches and changes no answer', async () => {
    const engine = await createTestEngine();
    const question = 'How do I make an IRP queue that handles cancellation for me?';
    clearTextCaches();
    clearSectionPassagesCache();
    const { tookMs: _cold, ...cold } = engine.ask(question) as Answer;
    clearTextCaches();
    clearSectionPassagesCache();
    warmUp(engine as Parameters<typeof warmUp>[0]);
    expect(sectionPassagesCacheSize()).toBeGreaterThan(0);
    const { tookMs: _warm, ...warm } = engine.ask(question) as Answer;
    expect(warm).toEqual(cold);
  });
});
