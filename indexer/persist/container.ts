// One-file persistence for data that is mostly typed arrays plus some JSON.
//
// Orama's persistence plugin cannot write an index of this corpus (msgpack's depth limit,
// dpack errors, seqproto's fixed buffer, V8's 512 MB string limit for JSON), so the index is
// written as: a JSON skeleton in which every typed array is replaced by a reference, then
// the arrays' bytes, 8-byte aligned. Loading parses only the skeleton and maps the arrays
// as views over the file's buffer: no per-element work.
//
// Layout: MAGIC | u32 header length | SHA-1 of the header | header JSON | pad | blobs... | TRAILER
// The header records each blob's offset, length and SHA-1, and the total file size, and is
// itself checksummed, so truncation and corruption anywhere (header included: a damaged
// offset would otherwise surface as a RangeError) are detected before anything is used
// (hashing the whole file costs about a quarter of a second at full size).
import { createHash, webcrypto } from 'node:crypto';
import { closeSync, fstatSync, mkdirSync, openSync, readFileSync, readSync, renameSync, rmSync, writeSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { BUILD_ENTRY, codeKey } from './code-key.ts';
import { forgetTemporary, temporaryPathFor } from './temp-files.ts';

const MAGIC = Buffer.from('DDB-INDEX\n', 'latin1');
const TRAILER = Buffer.from('\nDDB-END\n', 'latin1');
/** Files written by other indexing code are not read: which code is derived (code-key.ts). */
const FORMAT = codeKey(BUILD_ENTRY);
const SHA1_BYTES = 20;
/** Where the header JSON starts. */
const HEADER_START = MAGIC.length + 4 + SHA1_BYTES;

type TypedArray = Uint8Array | Uint16Array | Uint32Array | Int32Array | Float32Array | Float64Array;
const typedArrayKinds = {
  Uint8Array,
  Uint16Array,
  Uint32Array,
  Int32Array,
  Float32Array,
  Float64Array,
} as const;
type TypedArrayKind = keyof typeof typedArrayKinds;

interface BlobRef {
  $blob: number;
}

interface BlobEntry {
  kind: TypedArrayKind;
  offset: number;
  byteLength: number;
  sha1: string;
}

interface Header {
  format: string;
  meta: unknown;
  blobs: BlobEntry[];
  fileSize: number;
}

/**
 * Wraps a large plain-JSON value (no typed arrays inside) so it is stored as its own UTF-8
 * blob: loading then parses it without walking it for blob references.
 */
export function jsonBlob(value: unknown): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(value));
}

export function parseJsonBlob<T>(blob: unknown, what: string): T {
  if (!(blob instanceof Uint8Array)) throw new IndexFileError(`The index is damaged (${what} missing).`);
  try {
    return JSON.parse(new TextDecoder().decode(blob)) as T;
  } catch {
    throw new IndexFileError(`The index is damaged (${what} unreadable).`);
  }
}

export class IndexFileError extends Error {
  override name = 'IndexFileError';
}

/** A whole, readable file in another format: stale rather than damaged. */
export class IndexFormatError extends IndexFileError {
  override name = 'IndexFormatError';
}

function kindOf(value: unknown): TypedArrayKind | undefined {
  for (const [name, ctor] of Object.entries(typedArrayKinds)) {
    if (value instanceof ctor) return name as TypedArrayKind;
  }
  return undefined;
}

const align8 = (n: number) => (n + 7) & ~7;

function sha1Of(blob: TypedArray): string {
  return createHash('sha1')
    .update(new Uint8Array(blob.buffer, blob.byteOffset, blob.byteLength))
    .digest('hex');
}

/**
 * The header for `blobs` written in order, and its encoding. The header size depends on the
 * offsets it records, so lay out with a fixed-width guess and re-encode until the header
 * length stops changing (two passes in practice).
 */
function layOut(meta: unknown, blobs: readonly TypedArray[]): { header: Header; encoded: Buffer } {
  const checksums = blobs.map((blob) => sha1Of(blob));
  let headerLength = 0;
  for (;;) {
    let offset = align8(HEADER_START + headerLength);
    const entries = blobs.map((blob, i) => {
      const entry: BlobEntry = { kind: kindOf(blob) ?? 'Uint8Array', offset, byteLength: blob.byteLength, sha1: checksums[i]! };
      offset = align8(offset + blob.byteLength);
      return entry;
    });
    const header: Header = { format: FORMAT, meta, blobs: entries, fileSize: offset + TRAILER.length };
    const encoded = Buffer.from(JSON.stringify(header), 'utf8');
    if (encoded.length === headerLength) return { header, encoded };
    headerLength = encoded.length;
  }
}

/**
 * Writes `data` (any JSON-compatible value whose leaves may be typed arrays) to `file`
 * atomically: a temporary file is written, then renamed over the target.
 * `meta` is small JSON readable without loading the rest (see readMeta).
 */
export function writeContainer(file: string, meta: unknown, data: unknown): number {
  const blobs: TypedArray[] = [];
  // The replacer looks at the holder's own value: JSON.stringify would already have turned a
  // Buffer into {type, data} through its toJSON.
  const skeleton = JSON.stringify(data, function (this: Record<string, unknown>, key: string, value: unknown) {
    const original = key === '' ? data : this[key];
    if (kindOf(original)) {
      blobs.push(original as TypedArray);
      return { $blob: blobs.length - 1 } satisfies BlobRef;
    }
    return value;
  });
  const skeletonBytes = Buffer.from(skeleton, 'utf8');
  const blobsWithSkeleton: TypedArray[] = [...blobs, skeletonBytes];
  const { header, encoded } = layOut(meta, blobsWithSkeleton);

  mkdirSync(path.dirname(file), { recursive: true });
  // A half-written file never replaces a good one: write beside it, rename when complete.
  const temporary = temporaryPathFor(file);
  const fd = openSync(temporary, 'w');
  let open = true;
  try {
    let position = 0;
    const write = (bytes: Uint8Array) => {
      let done = 0;
      while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done, position + done);
      position += bytes.length;
    };
    const padTo = (target: number) => {
      if (target > position) write(Buffer.alloc(target - position));
    };
    const length = Buffer.alloc(4);
    length.writeUInt32LE(encoded.length);
    write(MAGIC);
    write(length);
    write(createHash('sha1').update(encoded).digest());
    write(encoded);
    header.blobs.forEach((entry, i) => {
      padTo(entry.offset);
      const blob = blobsWithSkeleton[i]!;
      write(new Uint8Array(blob.buffer, blob.byteOffset, blob.byteLength));
    });
    padTo(header.fileSize - TRAILER.length);
    write(TRAILER);
    open = false;
    closeSync(fd);
    renameSync(temporary, file);
  } catch (error) {
    if (open) closeSync(fd);
    rmSync(temporary, { force: true });
    throw error;
  } finally {
    forgetTemporary(temporary);
  }
  return header.fileSize;
}

/** `buffer` holds at least the file's first HEADER_START bytes. */
function headerLengthOf(buffer: Buffer, file: string, fileSize: number): number {
  if (buffer.length < HEADER_START || !buffer.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw new IndexFileError(`${file} is not an index file (bad signature).`);
  }
  const headerLength = buffer.readUInt32LE(MAGIC.length);
  if (HEADER_START + headerLength > fileSize) throw new IndexFileError(`${file} is truncated or damaged (header length).`);
  return headerLength;
}

/** A file from code before the header checksum: its header JSON follows the length directly. */
function hasUncheckedHeader(buffer: Buffer, headerLength: number): boolean {
  const start = MAGIC.length + 4;
  try {
    const header = JSON.parse(buffer.subarray(start, start + headerLength).toString('utf8')) as Partial<Header> | null;
    return typeof header?.format === 'string' || typeof header?.format === 'number';
  } catch {
    return false;
  }
}

function parseHeader(buffer: Buffer, file: string): Header {
  const headerLength = headerLengthOf(buffer, file, buffer.length);
  const headerBytes = buffer.subarray(HEADER_START, HEADER_START + headerLength);
  const checksum = buffer.subarray(MAGIC.length + 4, HEADER_START);
  if (!createHash('sha1').update(headerBytes).digest().equals(checksum)) {
    if (hasUncheckedHeader(buffer, headerLength)) {
      throw new IndexFormatError(`${file} was written by other indexing code; rebuild it with: npm run index`);
    }
    throw new IndexFileError(`${file} has a damaged header (checksum mismatch).`);
  }
  let header: Header;
  try {
    header = JSON.parse(headerBytes.toString('utf8')) as Header;
  } catch {
    throw new IndexFileError(`${file} has a corrupt header.`);
  }
  if (header.format !== FORMAT) {
    throw new IndexFormatError(`${file} was written by other indexing code; rebuild it with: npm run index`);
  }
  return header;
}

/** Reads only the small `meta` value (the header), e.g. to decide whether a rebuild is due. */
export function readMeta(file: string): unknown {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const prefix = Buffer.alloc(HEADER_START);
    readSync(fd, prefix, 0, prefix.length, 0);
    const headerLength = headerLengthOf(prefix, file, size);
    const headerBytes = Buffer.alloc(HEADER_START + headerLength);
    readSync(fd, headerBytes, 0, headerBytes.length, 0);
    const header = parseHeader(headerBytes, file);
    if (size !== header.fileSize) {
      throw new IndexFileError(`${file} is ${size} bytes, expected ${header.fileSize}: truncated or damaged.`);
    }
    return header.meta;
  } finally {
    closeSync(fd);
  }
}

/** Reads a container written by writeContainer. Throws IndexFileError when it is damaged. */
export function readContainer(file: string): { meta: unknown; data: unknown } {
  const { header, views } = containerViews(readFileSync(file), file);
  views.forEach((view, i) => {
    if (sha1Of(view) !== header.blobs[i]!.sha1) throw new IndexFileError(`${file} is damaged (checksum mismatch).`);
  });
  return assembleContainer(header, views, file);
}

/**
 * readContainer for a process that keeps serving while it loads (a reload): the file is read
 * and the checksums computed on libuv's thread pool, so the event loop stays free.
 */
export async function readContainerAsync(file: string): Promise<{ meta: unknown; data: unknown }> {
  const { header, views } = containerViews(await readFile(file), file);
  const digests = await Promise.all(views.map((view) => webcrypto.subtle.digest('SHA-1', view)));
  digests.forEach((digest, i) => {
    if (Buffer.from(digest).toString('hex') !== header.blobs[i]!.sha1) throw new IndexFileError(`${file} is damaged (checksum mismatch).`);
  });
  return assembleContainer(header, views, file);
}

function containerViews(buffer: Buffer, file: string): { header: Header; views: TypedArray[] } {
  const header = parseHeader(buffer, file);
  if (buffer.length !== header.fileSize) {
    throw new IndexFileError(`${file} is ${buffer.length} bytes, expected ${header.fileSize}: truncated or damaged.`);
  }
  if (!buffer.subarray(buffer.length - TRAILER.length).equals(TRAILER)) {
    throw new IndexFileError(`${file} is damaged (missing end marker).`);
  }
  // Views need their element alignment; a Buffer from the pool may start anywhere.
  const base = buffer.byteOffset % 8 === 0 ? buffer : Buffer.from(buffer);
  const views = header.blobs.map((entry) => {
    if (entry.offset + entry.byteLength > base.length) throw new IndexFileError(`${file} is damaged (blob out of range).`);
    const ctor = Object.hasOwn(typedArrayKinds, entry.kind) ? typedArrayKinds[entry.kind] : undefined;
    if (!ctor) throw new IndexFileError(`${file} is damaged (unknown blob kind).`);
    const start = base.byteOffset + entry.offset;
    if (!Number.isInteger(start / ctor.BYTES_PER_ELEMENT) || !Number.isInteger(entry.byteLength / ctor.BYTES_PER_ELEMENT)) {
      throw new IndexFileError(`${file} is damaged (misaligned blob).`);
    }
    return new ctor(base.buffer as ArrayBuffer, start, entry.byteLength / ctor.BYTES_PER_ELEMENT) as TypedArray;
  });
  return { header, views };
}

/** Puts the checked blobs back where the skeleton refers to them. */
function assembleContainer(header: Header, views: TypedArray[], file: string): { meta: unknown; data: unknown } {
  const skeletonView = views.pop() as Uint8Array;
  const skeletonBytes = Buffer.from(skeletonView.buffer, skeletonView.byteOffset, skeletonView.byteLength);
  // A reviver would run for every value of the skeleton (seconds at this size); swapping
  // the references in afterwards touches each object once.
  const resolve = (value: unknown): unknown => {
    const blob = (value as BlobRef | null)?.$blob;
    if (typeof blob !== 'number') return value;
    const view = views[blob];
    if (!view) throw new IndexFileError(`${file} is damaged (bad blob reference).`);
    return view;
  };
  const data = resolve(JSON.parse(skeletonBytes.toString('utf8')) as unknown);
  const pending: unknown[] = [data];
  while (pending.length > 0) {
    const node = pending.pop();
    if (!node || typeof node !== 'object' || ArrayBuffer.isView(node)) continue;
    const record = node as Record<string, unknown>;
    for (const key in record) {
      const child = record[key];
      if (child && typeof child === 'object') {
        const resolved = resolve(child);
        if (resolved !== child) record[key] = resolved;
        else pending.push(child);
      }
    }
  }
  return { meta: header.meta, data };
}
