// Append-only typed arrays: the index build collects tens of millions of postings, which
// plain JS arrays would hold at 8 bytes a number and typed arrays hold at 2 or 4.

abstract class Growable<T extends Uint16Array | Uint32Array> {
  protected data: T;
  length = 0;
  constructor(initialCapacity: number) {
    this.data = this.allocate(Math.max(16, initialCapacity));
  }
  protected abstract allocate(capacity: number): T;
  private ensure(capacity: number): void {
    if (capacity <= this.data.length) return;
    let next = this.data.length * 2;
    while (next < capacity) next *= 2;
    const grown = this.allocate(next);
    grown.set(this.data);
    this.data = grown;
  }
  push(value: number): void {
    this.ensure(this.length + 1);
    this.data[this.length++] = value;
  }
  /** Writes at `index`, growing (zero-filled) as needed. */
  set(index: number, value: number): void {
    this.ensure(index + 1);
    this.data[index] = value;
    if (index >= this.length) this.length = index + 1;
  }
  /** The filled part, without copying. */
  view(): T {
    return this.data.subarray(0, this.length) as T;
  }
}

export class GrowableUint32 extends Growable<Uint32Array> {
  protected allocate(capacity: number): Uint32Array {
    return new Uint32Array(capacity);
  }
}

export class GrowableUint16 extends Growable<Uint16Array> {
  protected allocate(capacity: number): Uint16Array {
    return new Uint16Array(capacity);
  }
}
