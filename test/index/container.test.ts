// The one-file container the index is persisted in: round trip of typed arrays and JSON,
// atomic replacement, header-only reads, and damaged files reported as IndexFileError.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IndexFileError, jsonBlob, parseJsonBlob, readContainer, readMeta, writeContainer } from '../../indexer/persist/container.ts';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'ddb-container-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const meta = { buildKey: 'abc', pages: 3 };

function sample() {
  return {
    name: 'skeleton-marker-Zq9',
    nested: { list: [1, 'two', null, true, { deep: 'x' }] },
    u8: new Uint8Array([0, 1, 254, 255]),
    u16: new Uint16Array([0, 65535, 42]),
    u32: new Uint32Array([0, 4294967295, 7]),
    i32: new Int32Array([-2147483648, -1, 2147483647]),
    f32: new Float32Array([1.5, -0.25]),
    f64: new Float64Array([Math.PI, -1e300]),
    // Odd lengths make the next blob need padding to stay 8-byte aligned.
    odd: new Uint8Array([9, 8, 7]),
    arrays: [new Uint16Array([1, 2, 3]), { inner: new Float64Array([2.5]) }],
    empty: new Uint32Array(0),
  };
}

function write(name: string, data: unknown = sample(), m: unknown = meta): string {
  const file = path.join(dir, name);
  writeContainer(file, m, data);
  return file;
}

describe('round trip', () => {
  it('gives back the JSON and every typed array with its kind and values', () => {
    const file = write('round-trip.idx');
    const { meta: readBack, data } = readContainer(file);
    expect(readBack).toEqual(meta);
    const d = data as ReturnType<typeof sample>;
    const original = sample();
    expect(d.name).toBe(original.name);
    expect(d.nested).toEqual(original.nested);
    for (const key of ['u8', 'u16', 'u32', 'i32', 'f32', 'f64', 'odd', 'empty'] as const) {
      expect(d[key].constructor).toBe(original[key].constructor);
      expect(Array.from(d[key] as ArrayLike<number>)).toEqual(Array.from(original[key] as ArrayLike<number>));
    }
    expect(d.arrays[0]).toBeInstanceOf(Uint16Array);
    expect(Array.from(d.arrays[0] as Uint16Array)).toEqual([1, 2, 3]);
    expect((d.arrays[1] as { inner: Float64Array }).inner).toBeInstanceOf(Float64Array);
    expect((d.arrays[1] as { inner: Float64Array }).inner[0]).toBe(2.5);
  });

  it('returns the byte size it wrote', () => {
    const file = path.join(dir, 'size.idx');
    const bytes = writeContainer(file, meta, sample());
    expect(statSync(file).size).toBe(bytes);
  });

  it('keeps large JSON parts as blobs (jsonBlob / parseJsonBlob)', () => {
    const pages = [
      { path: 'a.md', title: 'Ä “quoted” title' },
      { path: 'b.md', title: 'x' },
    ];
    const file = write('json-blob.idx', { pages: jsonBlob(pages) });
    const { data } = readContainer(file);
    expect(parseJsonBlob((data as { pages: unknown }).pages, 'page table')).toEqual(pages);
    expect(() => parseJsonBlob(undefined, 'page table')).toThrow(IndexFileError);
    expect(() => parseJsonBlob(new TextEncoder().encode('{not json'), 'page table')).toThrow(IndexFileError);
  });

  it('round-trips a typed array as the whole data', () => {
    const file = write('root-array.idx', new Uint32Array([5, 6]));
    const { data } = readContainer(file);
    expect(data).toBeInstanceOf(Uint32Array);
  });
});

describe('atomic write', () => {
  it('replaces an existing file and leaves no temporary file behind', () => {
    const sub = mkdtempSync(path.join(dir, 'atomic-'));
    const file = path.join(sub, 'index.idx');
    writeContainer(file, { version: 1 }, { value: 'first' });
    writeContainer(file, { version: 2 }, { value: 'second' });
    expect(readdirSync(sub)).toEqual(['index.idx']);
    expect(readContainer(file)).toEqual({ meta: { version: 2 }, data: { value: 'second' } });
  });

  it('a failed write leaves the existing file as it was', () => {
    const sub = mkdtempSync(path.join(dir, 'atomic-fail-'));
    const file = path.join(sub, 'index.idx');
    writeContainer(file, { version: 1 }, { value: 'kept' });
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => writeContainer(file, { version: 2 }, cyclic)).toThrow();
    expect(readContainer(file).data).toEqual({ value: 'kept' });
    expect(readdirSync(sub)).toEqual(['index.idx']);
  });

  it('creates missing parent folders', () => {
    const file = path.join(dir, 'new', 'deeper', 'index.idx');
    writeContainer(file, meta, { ok: true });
    expect(readContainer(file).data).toEqual({ ok: true });
  });
});

describe('readMeta', () => {
  it('reads the meta from the header', () => {
    expect(readMeta(write('meta.idx'))).toEqual(meta);
  });

  it('reads the header without the body, yet notices a file truncated after it', () => {
    const file = write('meta-truncated.idx');
    // Cut inside the skeleton, which comes after the header and the arrays.
    truncateSync(file, readFileSync(file).indexOf('skeleton-marker-Zq9'));
    expect(() => readMeta(file)).toThrow(/truncated/);
    expect(() => readContainer(file)).toThrow(IndexFileError);
  });

  it('rejects a file that is not a container', () => {
    const file = path.join(dir, 'not-an-index.idx');
    writeFileSync(file, 'just some text that is long enough to have a header');
    expect(() => readMeta(file)).toThrow(IndexFileError);
    expect(() => readContainer(file)).toThrow(/not an index file/);
  });
});

describe('damaged files', () => {
  it('a truncated file is an IndexFileError', () => {
    const file = write('truncated.idx');
    truncateSync(file, statSync(file).size - 20);
    expect(() => readContainer(file)).toThrow(IndexFileError);
    expect(() => readContainer(file)).toThrow(/truncated|damaged/);
  });

  it('a file cut inside its header is an IndexFileError', () => {
    const file = write('truncated-header.idx');
    truncateSync(file, 20);
    expect(() => readContainer(file)).toThrow(IndexFileError);
    expect(() => readMeta(file)).toThrow(IndexFileError);
  });

  it('an empty file is an IndexFileError', () => {
    const file = path.join(dir, 'empty.idx');
    writeFileSync(file, '');
    expect(() => readContainer(file)).toThrow(IndexFileError);
  });

  it('a flipped byte in the skeleton fails the checksum', () => {
    const file = write('flipped.idx');
    const bytes = readFileSync(file);
    const at = bytes.indexOf('skeleton-marker-Zq9');
    expect(at).toBeGreaterThan(0);
    bytes.writeUInt8(bytes.readUInt8(at + 3) ^ 0x01, at + 3);
    writeFileSync(file, bytes);
    expect(() => readContainer(file)).toThrow(IndexFileError);
    expect(() => readContainer(file)).toThrow(/checksum/);
  });

  it('a flipped byte inside a typed array fails its checksum', () => {
    const marker = new Uint32Array([0x5a5a5a5a, 0x5a5a5a5a, 0x5a5a5a5a, 0x5a5a5a5a]);
    const file = write('flipped-array.idx', { postings: marker });
    const bytes = readFileSync(file);
    const at = bytes.indexOf(Buffer.from(marker.buffer));
    expect(at).toBeGreaterThan(0);
    bytes.writeUInt8(bytes.readUInt8(at + 5) ^ 0x01, at + 5);
    writeFileSync(file, bytes);
    expect(() => readContainer(file)).toThrow(/checksum/);
  });

  it('a missing end marker is an IndexFileError', () => {
    const file = write('no-trailer.idx');
    const bytes = readFileSync(file);
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 2) ^ 0xff, bytes.length - 2);
    writeFileSync(file, bytes);
    expect(() => readContainer(file)).toThrow(/end marker/);
  });

  it('extra bytes after the end are an IndexFileError', () => {
    const file = write('appended.idx');
    writeFileSync(file, Buffer.concat([readFileSync(file), Buffer.from('junk')]));
    expect(() => readContainer(file)).toThrow(IndexFileError);
  });
});
