// The best `limit` of many scored documents. A search scores every matching document (tens
// of thousands for a question with common words) but returns only the top few hundred: the
// cut-off score is found by selection over a flat array, in linear time, and only the
// documents above it are sorted, instead of pushing every document through a heap.

import type { ScoredDocument } from './bm25f-index.ts';

/** Reusable selection space, grown to the largest candidate count seen. */
export class TopKBuffer {
  ids = new Uint32Array(0);
  scores = new Float64Array(0);
  private selection = new Float64Array(0);
  count = 0;

  reset(capacity: number): void {
    if (this.ids.length < capacity) {
      this.ids = new Uint32Array(capacity);
      this.scores = new Float64Array(capacity);
      this.selection = new Float64Array(capacity);
    }
    this.count = 0;
  }

  add(id: number, score: number): void {
    const at = this.count++;
    this.ids[at] = id;
    this.scores[at] = score;
  }

  /**
   * The best `limit` candidates, best first, equal scores by document id. Among candidates
   * tied at the cut-off score, those added first are kept.
   */
  best(limit: number): ScoredDocument[] {
    const { ids, scores, count } = this;
    if (limit <= 0) return [];
    const cutoff = count > limit ? this.kthLargest(limit) : Number.NEGATIVE_INFINITY;
    let tiesAllowed = limit;
    for (let i = 0; i < count; i += 1) if (scores[i]! > cutoff) tiesAllowed -= 1;
    const result: ScoredDocument[] = [];
    for (let i = 0; i < count; i += 1) {
      const score = scores[i]!;
      if (score > cutoff || (score === cutoff && tiesAllowed-- > 0)) result.push({ id: ids[i]!, score });
    }
    return result.sort((a, b) => b.score - a.score || a.id - b.id);
  }

  /** The k-th largest score (Hoare's selection on a copy). */
  private kthLargest(k: number): number {
    const values = this.selection;
    values.set(this.scores.subarray(0, this.count));
    // The k-th largest is the (count - k)-th smallest.
    const target = this.count - k;
    let low = 0;
    let high = this.count - 1;
    while (low < high) {
      const pivot = median(values[low]!, values[(low + high) >> 1]!, values[high]!);
      let i = low;
      let j = high;
      while (i <= j) {
        while (values[i]! < pivot) i += 1;
        while (values[j]! > pivot) j -= 1;
        if (i <= j) {
          const swap = values[i]!;
          values[i] = values[j]!;
          values[j] = swap;
          i += 1;
          j -= 1;
        }
      }
      if (target <= j) high = j;
      else if (target >= i) low = i;
      else return values[target]!;
    }
    return values[target]!;
  }
}

function median(a: number, b: number, c: number): number {
  if (a < b) return b < c ? b : a < c ? c : a;
  return a < c ? a : b < c ? c : b;
}
