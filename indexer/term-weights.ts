// How telling each query token is in this corpus (its IDF). The answer layer uses it to
// judge how much of a question a passage covers, and to leave out words so common that
// they carry nothing (driver, Windows, device).
import type { Bm25fIndexStore } from './orama/bm25f-index.ts';
import type { LoadedIndex } from './load-index.ts';

export interface TermWeight {
  token: string;
  /** Documents (chunks) containing the token; 0 when the corpus never uses it. */
  documentFrequency: number;
  /** BM25 IDF; tokens the corpus never uses get the rarest weight. */
  idf: number;
}

function indexStore(index: LoadedIndex): Bm25fIndexStore {
  return index.chunkDb.data.index as unknown as Bm25fIndexStore;
}

export function termWeights(index: LoadedIndex, tokens: readonly string[]): TermWeight[] {
  const store = indexStore(index);
  const total = Math.max(1, store.maxDocId);
  return tokens.map((token) => {
    const termId = store.terms.get(token);
    const df = termId === undefined ? 0 : store.documentFrequency[termId]!;
    return { token, documentFrequency: df, idf: Math.log(1 + (total - df + 0.5) / (df + 0.5)) };
  });
}
