// The best `limit` of a stream of scored documents, kept in a min-heap: a search ranks
// every matching document but returns only the top few hundred.

export interface ScoredDocument {
  id: number;
  score: number;
  /** How many distinct query tokens the document contains. */
  matchedTerms: number;
}

export class TopK {
  private readonly heap: ScoredDocument[] = [];
  constructor(private readonly limit: number) {}
  offer(id: number, score: number, matchedTerms: number): void {
    const heap = this.heap;
    if (heap.length < this.limit) {
      heap.push({ id, score, matchedTerms });
      this.up(heap.length - 1);
    } else if (this.limit > 0 && score > heap[0]!.score) {
      heap[0] = { id, score, matchedTerms };
      this.down(0);
    }
  }
  /** Best first; equal scores by document id. */
  sorted(): ScoredDocument[] {
    return [...this.heap].sort((a, b) => b.score - a.score || a.id - b.id);
  }
  private up(i: number): void {
    const heap = this.heap;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (heap[parent]!.score <= heap[i]!.score) break;
      [heap[parent], heap[i]] = [heap[i]!, heap[parent]!];
      i = parent;
    }
  }
  private down(i: number): void {
    const heap = this.heap;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < heap.length && heap[left]!.score < heap[smallest]!.score) smallest = left;
      if (right < heap.length && heap[right]!.score < heap[smallest]!.score) smallest = right;
      if (smallest === i) return;
      [heap[smallest], heap[i]] = [heap[i]!, heap[smallest]!];
      i = smallest;
    }
  }
}
