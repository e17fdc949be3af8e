// BM25F over a frozen store: field-weighted, length-normalised term frequency with one IDF
// per term over all fields, summed over the query's tokens, best documents only.
import { type Bm25fIndexStore, freeze } from './bm25f-store.ts';
import { type ScoredDocument, TopK } from './top-k.ts';

/** Prefix expansions per query token, and how much less an expansion counts than the exact term. */
const maxPrefixExpansions = 64;
const prefixExpansionFactor = 0.7;

/** Reusable per-search scratch space sized to the collection. */
class Scratch {
  accumulated: Float32Array;
  score: Float32Array;
  matchedTerms: Uint8Array;
  termDocs: Uint32Array;
  matchedDocs: Uint32Array;
  matchedCount = 0;
  /** Which query token last matched each document (stamps avoid clearing per token). */
  tokenStamps: Uint32Array;
  stampCounter = 0;
  constructor(size: number) {
    this.tokenStamps = new Uint32Array(size);
    this.accumulated = new Float32Array(size);
    this.score = new Float32Array(size);
    this.matchedTerms = new Uint8Array(size);
    this.termDocs = new Uint32Array(size);
    this.matchedDocs = new Uint32Array(size);
  }
}
const scratchByStore = new WeakMap<Bm25fIndexStore, Scratch>();

function scratchFor(store: Bm25fIndexStore): Scratch {
  const size = store.maxDocId + 1;
  let scratch = scratchByStore.get(store);
  if (!scratch || scratch.score.length !== size) {
    scratch = new Scratch(size);
    scratchByStore.set(store, scratch);
  }
  scratch.matchedCount = 0;
  return scratch;
}

/**
 * BM25F over the given tokens. Returns the best `limit` documents, best first.
 * `weights` overrides field weights (0 leaves a field out).
 */
export function scoreTokens(
  store: Bm25fIndexStore,
  tokens: readonly string[],
  weights: Partial<Record<string, number>>,
  allowed: ((docId: number) => boolean) | undefined,
  limit: number,
): ScoredDocument[] {
  freeze(store);
  const scratch = scratchFor(store);
  const totalDocs = Math.max(1, store.maxDocId);
  for (const token of new Set(tokens)) {
    const stamp = ++scratch.stampCounter;
    for (const { termId, factor } of termExpansions(store, token)) {
      const df = store.documentFrequency[termId]!;
      const idf = Math.log(1 + (totalDocs - df + 0.5) / (df + 0.5));
      const termDocCount = accumulateFieldFrequencies(store, scratch, termId, weights);
      addTermScores(scratch, termDocCount, stamp, factor * idf, store.config.k1);
    }
  }
  return bestDocuments(store, scratch, new Set(tokens).size, allowed, limit);
}

/** The indexed terms a query token stands for, with how much each counts. */
function termExpansions(store: Bm25fIndexStore, token: string): Array<{ termId: number; factor: number }> {
  const expansions: Array<{ termId: number; factor: number }> = [];
  const exact = store.terms.get(token);
  if (exact !== undefined) expansions.push({ termId: exact, factor: 1 });
  const sorted = store.sortedTerms;
  const list = store.termList;
  if (!sorted || !list) return expansions;
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (list[sorted[middle]!]! < token) low = middle + 1;
    else high = middle;
  }
  for (let i = low; i < sorted.length && expansions.length <= maxPrefixExpansions; i += 1) {
    const termId = sorted[i]!;
    const term = list[termId]!;
    if (!term.startsWith(token)) break;
    if (termId !== exact) expansions.push({ termId, factor: prefixExpansionFactor });
  }
  return expansions;
}

/**
 * Sums one term's weighted, length-normalised frequency over the fields into
 * scratch.accumulated; lists the documents it touched in scratch.termDocs and returns how many.
 */
function accumulateFieldFrequencies(
  store: Bm25fIndexStore,
  scratch: Scratch,
  termId: number,
  weights: Partial<Record<string, number>>,
): number {
  const { accumulated, termDocs } = scratch;
  const frozen = store.frozen!;
  let termDocCount = 0;
  for (const field of store.textFields) {
    const weight = weights[field] ?? store.config.fields[field]?.weight ?? 1;
    if (weight <= 0) continue;
    const b = store.config.fields[field]?.b ?? 0.75;
    const { offsets, docs, tfs, lengths, averageLength } = frozen[field]!;
    const end = offsets[termId + 1]!;
    for (let i: number = offsets[termId]!; i < end; i += 1) {
      const doc = docs[i]!;
      const norm = 1 - b + (b * lengths[doc]!) / averageLength;
      if (accumulated[doc] === 0) termDocs[termDocCount++] = doc;
      accumulated[doc]! += (weight * tfs[i]!) / norm;
    }
  }
  return termDocCount;
}

/** Saturates the accumulated frequencies into scores (k1) and counts matched query tokens. */
function addTermScores(scratch: Scratch, termDocCount: number, stamp: number, weight: number, k1: number): void {
  const { accumulated, score, matchedTerms, termDocs, matchedDocs, tokenStamps } = scratch;
  for (let i = 0; i < termDocCount; i += 1) {
    const doc = termDocs[i]!;
    const tf = accumulated[doc]!;
    accumulated[doc] = 0;
    if (matchedTerms[doc] === 0) matchedDocs[scratch.matchedCount++] = doc;
    // A query token counts once per document, however many of its expansions match.
    if (tokenStamps[doc] !== stamp) {
      tokenStamps[doc] = stamp;
      matchedTerms[doc]! += 1;
    }
    score[doc]! += (weight * tf * (k1 + 1)) / (k1 + tf);
  }
}

/** The best allowed documents; clears the scratch scores for the next search. */
function bestDocuments(
  store: Bm25fIndexStore,
  scratch: Scratch,
  queryTokenCount: number,
  allowed: ((docId: number) => boolean) | undefined,
  limit: number,
): ScoredDocument[] {
  const { score, matchedTerms, matchedDocs } = scratch;
  const best = new TopK(limit);
  // Typing "create dev" means titles with both words: with prefix matching (autocomplete)
  // a title matching only some of the words ranks below those matching all of them.
  const coordinate = store.config.prefixMatching === true && queryTokenCount > 1;
  for (let i = 0; i < scratch.matchedCount; i += 1) {
    const doc = matchedDocs[i]!;
    const coordination = coordinate ? (matchedTerms[doc]! / queryTokenCount) ** 2 : 1;
    if (!allowed || allowed(doc)) best.offer(doc, score[doc]! * coordination, matchedTerms[doc]!);
    score[doc] = 0;
    matchedTerms[doc] = 0;
  }
  return best.sorted();
}
