// BM25F over a frozen store: field-weighted, length-normalised term frequency with one IDF
// per term over all fields, summed over the query's tokens, best documents only.
// Two paths with the same scores: searches at the configured field weights (every question
// search) read the postings merged across fields (merged-postings.ts); searches with other
// weights, and prefix (autocomplete) searches, fold the fields per query.
import type { Bm25fIndexStore, ScoredDocument } from './bm25f-index.ts';
import { freeze } from './bm25f-store.ts';
import { type MergedPostings, normalisedFrequencies } from './merged-postings.ts';
import { TopKBuffer } from './top-k.ts';

/** Prefix expansions per query token, and how much less an expansion counts than the exact term. */
const maxPrefixExpansions = 64;
const prefixExpansionFactor = 0.7;

/** Per store, each field's normalised frequencies, filled on first use: only searches at other weights than the configured ones need them. */
const normalisedByStore = new WeakMap<Bm25fIndexStore, Record<string, Float32Array>>();

function normalisedFor(store: Bm25fIndexStore, field: string): Float32Array {
  let perField = normalisedByStore.get(store);
  if (!perField) normalisedByStore.set(store, (perField = {}));
  return (perField[field] ??= normalisedFrequencies(store.config, field, store.frozen![field]!));
}

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
  best = new TopKBuffer();
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
  const uniqueTokens = [...new Set(tokens)];
  if (store.merged && atConfiguredWeights(store, weights)) scoreMerged(store.merged, store, scratch, uniqueTokens, allowed, limit);
  else if (store.textFields.every((field) => store.frozen?.[field])) scoreByField(store, scratch, uniqueTokens, weights);
  else
    throw new Error('bm25f index: a loaded index keeps its postings merged at its field weights; search all its fields at those weights.');
  return bestDocuments(store, scratch, uniqueTokens.length, allowed, limit);
}

function atConfiguredWeights(store: Bm25fIndexStore, weights: Partial<Record<string, number>>): boolean {
  return store.textFields.every(
    (field) => (weights[field] ?? store.config.fields[field]?.weight ?? 1) === (store.config.fields[field]?.weight ?? 1),
  );
}

function inverseDocumentFrequency(store: Bm25fIndexStore, termId: number): number {
  const totalDocs = Math.max(1, store.maxDocId);
  const df = store.documentFrequency[termId]!;
  return Math.log(1 + (totalDocs - df + 0.5) / (df + 0.5));
}

/**
 * Exact tokens over the merged postings: one pass per token, the most telling first. Once the
 * documents found so far hold `limit` scores above what the remaining tokens could give any
 * document (their IDF times their largest weight, summed), a document none of the earlier
 * tokens matched cannot make the cut: the remaining tokens then only add to documents already
 * found (MaxScore pruning). Results are the same as scoring every posting; a question with
 * common words matches over half the corpus, and this skips most of those documents.
 */
function scoreMerged(
  merged: MergedPostings,
  store: Bm25fIndexStore,
  scratch: Scratch,
  tokens: readonly string[],
  allowed: ((docId: number) => boolean) | undefined,
  limit: number,
): void {
  const { offsets, docs, weights } = merged;
  const { score, matchedDocs } = scratch;
  const terms = mergedTerms(merged, store, tokens);
  let remaining = 0;
  for (const term of terms) remaining += term.bound;
  let matchedCount = 0;
  let onlyFound = false;
  for (const { termId, idf, bound } of terms) {
    const start = offsets[termId]!;
    const end = offsets[termId + 1]!;
    // The check costs up to a pass over the documents found: worth it before a long list only.
    if (!onlyFound && matchedCount >= limit && (end - start) * pruneCheckListShare >= matchedCount) {
      scratch.matchedCount = matchedCount;
      onlyFound = countAbove(scratch, allowed, remaining * (1 + scoreRoundingMargin), limit) >= limit;
    }
    if (onlyFound) {
      for (let i = start; i < end; i += 1) {
        const doc = docs[i]!;
        if (score[doc] !== 0) score[doc]! += idf * weights[i]!;
      }
    } else {
      for (let i = start; i < end; i += 1) {
        const doc = docs[i]!;
        if (score[doc] === 0) matchedDocs[matchedCount++] = doc;
        score[doc]! += idf * weights[i]!;
      }
    }
    remaining -= bound;
  }
  scratch.matchedCount = matchedCount;
}

/** Pruning is checked before a list at least a quarter as long as the list of documents found so far. */
const pruneCheckListShare = 4;
/** Scores add up in single precision: the bound allows for that rounding. */
const scoreRoundingMargin = 1e-5;

interface MergedTerm {
  termId: number;
  idf: number;
  /** The most this term can add to one document's score. */
  bound: number;
}

/** The query's known terms, the highest bound first (ties by term id, so the order is stable). */
function mergedTerms(merged: MergedPostings, store: Bm25fIndexStore, tokens: readonly string[]): MergedTerm[] {
  const terms: MergedTerm[] = [];
  for (const token of tokens) {
    const termId = store.terms.get(token);
    if (termId === undefined) continue;
    const idf = inverseDocumentFrequency(store, termId);
    terms.push({ termId, idf, bound: idf * merged.maxWeights[termId]! });
  }
  return terms.sort((a, b) => b.bound - a.bound || a.termId - b.termId);
}

/** How many allowed documents found so far score above `bar`, counting up to `enough`. */
function countAbove(scratch: Scratch, allowed: ((docId: number) => boolean) | undefined, bar: number, enough: number): number {
  const { score, matchedDocs } = scratch;
  let count = 0;
  for (let i = 0; i < scratch.matchedCount && count < enough; i += 1) {
    const doc = matchedDocs[i]!;
    if (score[doc]! > bar && (!allowed || allowed(doc))) count += 1;
  }
  return count;
}

/** Tokens and their prefix expansions, fields folded per query at the given weights. */
function scoreByField(store: Bm25fIndexStore, scratch: Scratch, tokens: readonly string[], weights: Partial<Record<string, number>>): void {
  for (const token of tokens) {
    const stamp = ++scratch.stampCounter;
    for (const { termId, factor } of termExpansions(store, token)) {
      const termDocCount = accumulateFieldFrequencies(store, scratch, termId, weights);
      addTermScores(scratch, termDocCount, stamp, factor * inverseDocumentFrequency(store, termId), store.config.k1);
    }
  }
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
  let termDocCount = 0;
  for (const field of store.textFields) {
    const weight = weights[field] ?? store.config.fields[field]?.weight ?? 1;
    if (weight <= 0) continue;
    const { offsets, docs } = store.frozen![field]!;
    const tfs = normalisedFor(store, field);
    const end = offsets[termId + 1]!;
    for (let i: number = offsets[termId]!; i < end; i += 1) {
      const doc = docs[i]!;
      if (accumulated[doc] === 0) termDocs[termDocCount++] = doc;
      accumulated[doc]! += weight * tfs[i]!;
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
  const { score, matchedTerms, matchedDocs, best } = scratch;
  best.reset(scratch.matchedCount);
  // Typing "create dev" means titles with both words: with prefix matching (autocomplete)
  // a title matching only some of the words ranks below those matching all of them.
  const coordinate = store.config.prefixMatching === true && queryTokenCount > 1;
  for (let i = 0; i < scratch.matchedCount; i += 1) {
    const doc = matchedDocs[i]!;
    const coordination = coordinate ? (matchedTerms[doc]! / queryTokenCount) ** 2 : 1;
    if (!allowed || allowed(doc)) best.add(doc, score[doc]! * coordination);
    score[doc] = 0;
    matchedTerms[doc] = 0;
  }
  return best.best(limit);
}
