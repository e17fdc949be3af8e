// Scoring shortcuts against the plain computation, over the real slice's chunks: the
// postings merged across fields with MaxScore pruning (what every question search takes)
// must rank the same documents with the same scores as folding the fields per query over
// every posting, with and without a where filter, for short and long candidate lists.
// A saved index keeps only the merged postings, so the comparison runs on the slice's chunks
// inserted again into a database in memory, which has both until it is saved.
import { insert, search } from '@orama/orama';
import { beforeAll, describe, expect, it } from 'vitest';
import { chunkDocuments } from '../../indexer/build/page-documents.ts';
import { openIndex } from '../../indexer/load-index.ts';
import type { Bm25fIndexStore } from '../../indexer/orama/bm25f-index.ts';
import { scoreTokens } from '../../indexer/orama/bm25f-scoring.ts';
import { enumFilter } from '../../indexer/orama/bm25f-store.ts';
import { type ChunkStoreData, chunksOfPage } from '../../indexer/orama/chunk-store.ts';
import { TopKBuffer } from '../../indexer/orama/top-k.ts';
import { type ChunkDb, chunkIndexConfig, createChunkDb } from '../../indexer/schema.ts';
import { sliceIndexFile } from '../support/slice.ts';

// Our own questions, heavy in common words (they match most of the slice) with a few rare ones.
const questions = [
  'how do I complete a request in a driver when the device is removed',
  'what IRQL does the driver run at when it queues a work item',
  'can a filter driver forward the IRP to the next lower driver and still get it back',
  'the system crashes with a bug check when my driver frees memory twice',
  'which callback does the framework call when the device enters a low power state',
  'WdfRequestComplete status information',
  'driver',
];

describe('merged postings with pruning score like the fields folded per query', () => {
  let db: ChunkDb;
  let store: Bm25fIndexStore;
  let plain: Bm25fIndexStore;
  const weights = Object.fromEntries(Object.entries(chunkIndexConfig.fields).map(([field, settings]) => [field, settings.weight]));
  const tokensOf = (question: string) => db.tokenizer.tokenize(question, undefined, undefined, false) as string[];

  beforeAll(() => {
    const slice = openIndex(sliceIndexFile);
    db = createChunkDb(scoreTokens);
    slice.pages.forEach((page, pageIndex) => {
      for (const document of chunkDocuments(page, chunksOfPage(slice.chunkDb.data.docs as ChunkStoreData, pageIndex), pageIndex))
        insert(db, document as never);
    });
    search(db, { term: 'freeze' });
    store = db.data.index as unknown as Bm25fIndexStore;
    // The same postings without the merged lists: scoring then takes the per-field path.
    plain = { ...store, merged: undefined };
  });

  it('merges every page of the slice', () => {
    expect(store.maxDocId).toBeGreaterThan(5000);
    expect(store.merged?.docs.length).toBeGreaterThan(store.maxDocId);
  });

  it('a loaded index holds only the merged postings, and refuses other field weights clearly', () => {
    const loaded = openIndex(sliceIndexFile).chunkDb;
    const loadedStore = loaded.data.index as unknown as Bm25fIndexStore;
    expect(loadedStore.merged?.docs.length).toBe(store.merged?.docs.length);
    expect(Object.keys(loadedStore.frozen ?? {})).toEqual([]);
    expect(() => search(loaded, { term: 'interrupt', properties: ['body'] })).toThrow(/merged at its field weights/);
    expect((search(loaded, { term: 'interrupt', boost: weights }) as { count: number }).count).toBeGreaterThan(0);
  });

  for (const limit of [10, 50, 400]) {
    it(`same best ${limit} documents and scores, with and without a filter`, () => {
      const kernelOnly = enumFilter(store, 'areaId', ['kernel']);
      for (const question of questions) {
        for (const allowed of [undefined, (doc: number) => kernelOnly.has(doc)]) {
          const fast = scoreTokens(store, tokensOf(question), weights, allowed, limit);
          const reference = scoreTokens(plain, tokensOf(question), weights, allowed, limit);
          expect(fast.length).toBe(reference.length);
          expect(fast.length).toBeGreaterThan(0);
          // Single-precision sums in another order may differ in the last bits: documents
          // tied that closely at the cut-off may trade places, no others.
          const cutoff = reference.at(-1)!.score;
          const fastScores = new Map(fast.map((hit) => [hit.id, hit.score]));
          for (const hit of reference) {
            if (hit.score <= cutoff * (1 + 1e-5)) continue;
            expect(fastScores.get(hit.id), `${question}: document ${hit.id}`).toBeCloseTo(hit.score, 3);
          }
          if (allowed) for (const hit of fast) expect(kernelOnly.has(hit.id)).toBe(true);
        }
      }
    });
  }
});

describe('TopKBuffer', () => {
  const filled = (entries: Array<[number, number]>) => {
    const buffer = new TopKBuffer();
    buffer.reset(entries.length);
    for (const [id, score] of entries) buffer.add(id, score);
    return buffer;
  };

  it('returns the best, best first, equal scores by id', () => {
    const buffer = filled([
      [5, 1],
      [3, 9],
      [8, 4],
      [1, 4],
      [7, 0.5],
    ]);
    expect(buffer.best(3).map((hit) => hit.id)).toEqual([3, 1, 8]);
  });

  it('keeps the first added of documents tied at the cut-off', () => {
    const buffer = filled([
      [9, 2],
      [4, 5],
      [2, 2],
      [6, 2],
    ]);
    expect(buffer.best(2).map((hit) => hit.id)).toEqual([4, 9]);
  });

  it('returns everything when there are fewer than the limit, nothing for a limit of 0', () => {
    const buffer = filled([
      [1, 3],
      [2, 1],
    ]);
    expect(buffer.best(5).map((hit) => hit.id)).toEqual([1, 2]);
    expect(buffer.best(0)).toEqual([]);
  });

  it('selects the same best as a full sort over many random scores', () => {
    let seed = 42;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const entries: Array<[number, number]> = Array.from({ length: 5000 }, (_, id) => [id, Math.round(random() * 500) / 10]);
    const expected = [...entries]
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, 400)
      .map(([, score]) => score);
    expect(
      filled(entries)
        .best(400)
        .map((hit) => hit.score),
    ).toEqual(expected);
  });
});
