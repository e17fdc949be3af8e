// Postings with the fields folded in, for searches at the configured field weights (every
// question search). BM25F sums a term's length-normalised frequencies over the fields and
// then saturates the sum; with fixed weights that value depends only on the term and the
// document, so it is worked out once, when the index is frozen, and saved with it: a search
// then makes one pass over one list per query token instead of one per field, plus a second
// to saturate. Common words have tens of thousands of postings, and a question has a dozen.
import type { Bm25fConfig, FrozenField } from './bm25f-store.ts';

export interface MergedPostings {
  /** Per term, where its postings start in docs/weights (CSR, termCount + 1 entries). */
  offsets: Uint32Array;
  docs: Uint32Array;
  /** Saturated field-weighted term frequency, k1 applied, IDF not. */
  weights: Float32Array;
  /** Per term, its largest weight: the most one document can get from it (times its IDF). */
  maxWeights: Float32Array;
}

/** Each posting's term frequency divided by the document's length norm for the field. */
export function normalisedFrequencies(
  config: Bm25fConfig,
  field: string,
  { docs, tfs, lengths, averageLength }: FrozenField,
): Float32Array {
  const b = config.fields[field]?.b ?? 0.75;
  const values = new Float32Array(docs.length);
  for (let i = 0; i < docs.length; i += 1) values[i] = tfs[i]! / (1 - b + (b * lengths[docs[i]!]!) / averageLength);
  return values;
}

export function mergePostings(
  config: Bm25fConfig,
  frozen: Record<string, FrozenField>,
  termCount: number,
  maxDocId: number,
): MergedPostings {
  const { k1 } = config;
  const fieldDocs: Uint32Array[] = [];
  const fieldOffsets: Uint32Array[] = [];
  const fieldValues: Float32Array[] = [];
  let capacity = 0;
  for (const [field, postings] of Object.entries(frozen)) {
    const { docs, offsets } = postings;
    const weight = config.fields[field]?.weight ?? 1;
    const values = normalisedFrequencies(config, field, postings);
    for (let i = 0; i < values.length; i += 1) values[i]! *= weight;
    fieldDocs.push(docs);
    fieldOffsets.push(offsets);
    fieldValues.push(values);
    capacity += docs.length;
  }
  const accumulated = new Float64Array(maxDocId + 1);
  const seen = new Uint8Array(maxDocId + 1);
  const touched = new Uint32Array(maxDocId + 1);
  const offsets = new Uint32Array(termCount + 1);
  const maxWeights = new Float32Array(termCount);
  // Upper bound first (a document in several fields is one posting), trimmed at the end.
  const docs = new Uint32Array(capacity);
  const weights = new Float32Array(capacity);
  let size = 0;
  for (let term = 0; term < termCount; term += 1) {
    let count = 0;
    for (let f = 0; f < fieldDocs.length; f += 1) {
      const list = fieldDocs[f]!;
      const values = fieldValues[f]!;
      const end = fieldOffsets[f]![term + 1]!;
      for (let i = fieldOffsets[f]![term]!; i < end; i += 1) {
        const doc = list[i]!;
        if (seen[doc] === 0) {
          seen[doc] = 1;
          touched[count++] = doc;
        }
        accumulated[doc]! += values[i]!;
      }
    }
    // Documents in the order first met (title matches first): the order only breaks exact ties.
    for (let i = 0; i < count; i += 1) {
      const doc = touched[i]!;
      const tf = accumulated[doc]!;
      accumulated[doc] = 0;
      seen[doc] = 0;
      docs[size] = doc;
      weights[size] = (tf * (k1 + 1)) / (k1 + tf);
      maxWeights[term] = Math.max(maxWeights[term]!, weights[size]!);
      size += 1;
    }
    offsets[term + 1] = size;
  }
  return { offsets, docs: docs.slice(0, size), weights: weights.slice(0, size), maxWeights };
}
