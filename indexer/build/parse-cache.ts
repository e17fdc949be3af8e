// Parsed pages kept between builds, keyed by each file's content. Parsing is most of a
// build's time (remark reads about 1 MB/s per core) while most rebuilds change only the
// indexing code after the parser, or a few hundred corpus files (an upstream update): those
// rebuilds re-parse only what changed.
//
// An entry is valid while the file's content and the parsing code (the modules the parse
// worker reaches, see code-key.ts) are unchanged, and what
// its parse read besides the file (includes, toc answers, redirections; recorded with the
// entry, see parse-dependencies.ts) still reads the same. The parsing code is the one key
// for the whole cache.
//
// The cache is a stream of records, read and written one entry at a time: holding the
// parsed corpus in memory would more than double a build's peak memory. Each entry also
// names its file, so the next build can tell which pages were added, removed or changed.
//   "DDB-PARSE-CACHE 2\n" | u32 key length | key | then per entry: u32 id length | id |
//   u32 path length | path | u32 deps length | deps | u32 payload length | payload
//   (deps and payload v8-serialised: PageDependencies, ParsedFileResult)
import { createHash } from 'node:crypto';
import { closeSync, existsSync, fstatSync, mkdirSync, openSync, readSync, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { codeKey, PARSE_ENTRY } from '../persist/code-key.ts';
import { forgetTemporary, temporaryPathFor } from '../persist/temp-files.ts';
import { NO_DEPENDENCIES, type PageDependencies } from './parse-dependencies.ts';
import type { ParsedFileResult } from './parse-worker.ts';

const MAGIC = Buffer.from('DDB-PARSE-CACHE 2\n', 'latin1');

/** The key of the whole cache: the parsing code (corpus context is checked per entry). */
export function parseCacheKey(): string {
  const hash = createHash('sha1');
  hash.update(codeKey(PARSE_ENTRY));
  return hash.digest('hex');
}

/** Identifies one version of one file. */
export function contentKey(repoRelPath: string, raw: Buffer | string): string {
  return createHash('sha1').update(repoRelPath).update('\u0000').update(raw).digest('base64url');
}

function readExactly(fd: number, length: number, position: number): Buffer {
  const buffer = Buffer.alloc(length);
  let done = 0;
  while (done < length) {
    const read = readSync(fd, buffer, done, length - done, position + done);
    if (read === 0) throw new Error('parse cache: unexpected end of file');
    done += read;
  }
  return buffer;
}

/** Reads entries of an existing cache by id, without loading the rest. */
interface EntryPlace {
  path: string;
  depsOffset: number;
  depsLength: number;
  offset: number;
  length: number;
}

export class ParseCacheReader {
  private constructor(
    private readonly fd: number,
    private readonly entries: Map<string, EntryPlace>,
    /** Whether the entries were parsed by the current parsing code (else only their paths count). */
    readonly usable: boolean,
  ) {}

  /**
   * The cache in `file` if it exists and is readable. Written under another `key` (other
   * parsing code), it still tells which files the previous build had, but serves no entries.
   */
  static open(file: string, key: string): ParseCacheReader | undefined {
    if (!existsSync(file)) return undefined;
    const fd = openSync(file, 'r');
    try {
      const size = fstatSync(fd).size;
      if (size < MAGIC.length + 4 || !readExactly(fd, MAGIC.length, 0).equals(MAGIC)) throw new Error('not a parse cache');
      let position = MAGIC.length;
      const keyLength = readExactly(fd, 4, position).readUInt32LE();
      const storedKey = readExactly(fd, keyLength, position + 4).toString('utf8');
      position += 4 + keyLength;
      const entries = new Map<string, EntryPlace>();
      const field = (): { offset: number; length: number } => {
        const length = readExactly(fd, 4, position).readUInt32LE();
        const offset = position + 4;
        if (offset + length > size) throw new RangeError('truncated');
        position = offset + length;
        return { offset, length };
      };
      const text = ({ offset, length }: { offset: number; length: number }) => readExactly(fd, length, offset).toString('utf8');
      try {
        while (position + 16 <= size) {
          const id = text(field());
          const entryPath = text(field());
          const deps = field();
          const payload = field();
          entries.set(id, {
            path: entryPath,
            depsOffset: deps.offset,
            depsLength: deps.length,
            offset: payload.offset,
            length: payload.length,
          });
        }
      } catch (error) {
        if (!(error instanceof RangeError)) throw error; // a truncated tail: keep what is whole
      }
      return new ParseCacheReader(fd, entries, storedKey === key);
    } catch {
      // A stale, damaged or foreign file only costs a full parse.
      closeSync(fd);
      return undefined;
    }
  }

  has(id: string): boolean {
    return this.usable && this.entries.has(id);
  }

  /** What the entry's parse read besides its file. */
  dependencies(id: string): PageDependencies | undefined {
    const entry = this.usable ? this.entries.get(id) : undefined;
    return entry ? (deserialize(readExactly(this.fd, entry.depsLength, entry.depsOffset)) as PageDependencies) : undefined;
  }

  /** The serialised entry (dependencies, payload), for copying into the next cache unchanged. */
  payload(id: string): { deps: Buffer; payload: Buffer } | undefined {
    const entry = this.usable ? this.entries.get(id) : undefined;
    return entry
      ? { deps: readExactly(this.fd, entry.depsLength, entry.depsOffset), payload: readExactly(this.fd, entry.length, entry.offset) }
      : undefined;
  }

  /** The files of the build that wrote the cache: path → content id. */
  previousFiles(): Map<string, string> {
    const files = new Map<string, string>();
    for (const [id, entry] of this.entries) files.set(entry.path, id);
    return files;
  }

  close(): void {
    closeSync(this.fd);
  }
}

/** Writes a new cache beside the old one; commit() replaces it. */
export class ParseCacheWriter {
  private readonly temporary: string;
  private readonly fd: number;
  private position = 0;

  constructor(
    private readonly file: string,
    key: string,
  ) {
    mkdirSync(path.dirname(file), { recursive: true });
    this.temporary = temporaryPathFor(file);
    this.fd = openSync(this.temporary, 'w');
    const keyBytes = Buffer.from(key, 'utf8');
    this.append(MAGIC);
    this.append(this.length(keyBytes.length));
    this.append(keyBytes);
  }

  private length(value: number): Buffer {
    const bytes = Buffer.alloc(4);
    bytes.writeUInt32LE(value);
    return bytes;
  }

  private append(bytes: Uint8Array): void {
    let done = 0;
    while (done < bytes.length) done += writeSync(this.fd, bytes, done, bytes.length - done, this.position + done);
    this.position += bytes.length;
  }

  writePayload(id: string, filePath: string, entry: { deps: Uint8Array; payload: Uint8Array }): void {
    for (const bytes of [Buffer.from(id, 'utf8'), Buffer.from(filePath, 'utf8'), entry.deps, entry.payload]) {
      this.append(this.length(bytes.length));
      this.append(bytes);
    }
  }

  write(id: string, filePath: string, result: ParsedFileResult): void {
    const { dependencies, ...parsed } = result;
    this.writePayload(id, filePath, { deps: serialize(dependencies ?? NO_DEPENDENCIES), payload: serialize(parsed) });
  }

  commit(): void {
    try {
      closeSync(this.fd);
      renameSync(this.temporary, this.file);
    } catch (error) {
      rmSync(this.temporary, { force: true });
      throw error;
    } finally {
      forgetTemporary(this.temporary);
    }
  }

  abort(): void {
    try {
      closeSync(this.fd);
    } catch {
      // Already closed by a failed commit.
    } finally {
      rmSync(this.temporary, { force: true });
      forgetTemporary(this.temporary);
    }
  }
}

export function decodeEntry(payload: Uint8Array): ParsedFileResult {
  return deserialize(payload) as ParsedFileResult;
}
