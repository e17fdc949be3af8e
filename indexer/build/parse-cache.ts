// Parsed pages kept between builds, keyed by each file's content. Parsing is most of a
// build's time (remark reads about 1 MB/s per core) while most rebuilds change only the
// indexing code after the parser, or a handful of corpus files: those rebuilds re-parse
// only what changed.
//
// An entry is valid while the file's content, the parsing code and the files a page's
// parse reads besides itself (includes, toc.yml, redirections, API header index pages) are
// unchanged; the last two are folded into one key for the whole cache.
//
// The cache is a stream of records, read and written one entry at a time: holding the
// parsed corpus in memory would more than double a build's peak memory.
//   "DDB-PARSE-CACHE 1\n" | u32 key length | key | then per entry: u32 id length | id |
//   u32 payload length | payload (v8-serialised ParsedFileResult)
import { createHash } from 'node:crypto';
import { closeSync, existsSync, fstatSync, mkdirSync, openSync, readFileSync, readSync, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { CORPUS_SOURCES } from '../../corpus/sources.ts';
import { filesUnder, hashProjectSources } from '../persist/index-meta.ts';
import { forgetTemporary, temporaryPathFor } from '../persist/temp-files.ts';
import type { ParsedFileResult } from './parse-worker.ts';

const MAGIC = Buffer.from('DDB-PARSE-CACHE 1\n', 'latin1');

/** Code whose change changes what a page parses into. */
const parsingCode = [
  'corpus/sources.ts',
  'corpus/urls.ts',
  'indexer/parse',
  'indexer/model.ts',
  'indexer/chunker.ts',
  'indexer/page-record.ts',
  'indexer/build/parse-worker.ts',
];

/** Corpus files read while parsing other pages. */
function isParseContextFile(relative: string): boolean {
  return (
    /(^|\/)includes\//.test(relative) ||
    relative.endsWith('toc.yml') ||
    relative.endsWith('.openpublishing.redirection.json') ||
    /^windows-driver-docs-ddi\/wdk-ddi-src\/content\/[^/]+\/index\.md$/.test(relative)
  );
}

export function parseCacheKey(corpusDir: string): string {
  const hash = createHash('sha1');
  hashProjectSources(hash, parsingCode);
  for (const source of CORPUS_SOURCES) {
    for (const file of filesUnder(path.join(corpusDir, source.folder))) {
      const relative = path.relative(corpusDir, file).split(path.sep).join('/');
      if (!isParseContextFile(relative)) continue;
      hash.update(relative);
      hash.update(readFileSync(file));
    }
  }
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
export class ParseCacheReader {
  private constructor(
    private readonly fd: number,
    private readonly entries: Map<string, { offset: number; length: number }>,
  ) {}

  /** The cache in `file` if it exists, is readable and was written under `key`. */
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
      if (storedKey !== key) throw new Error('written for other parsing code or context');
      const entries = new Map<string, { offset: number; length: number }>();
      while (position + 8 <= size) {
        const idLength = readExactly(fd, 4, position).readUInt32LE();
        const id = readExactly(fd, idLength, position + 4).toString('utf8');
        const payloadLength = readExactly(fd, 4, position + 4 + idLength).readUInt32LE();
        const offset = position + 8 + idLength;
        if (offset + payloadLength > size) break; // a truncated tail: keep what is whole
        entries.set(id, { offset, length: payloadLength });
        position = offset + payloadLength;
      }
      return new ParseCacheReader(fd, entries);
    } catch {
      // A stale, damaged or foreign file only costs a full parse.
      closeSync(fd);
      return undefined;
    }
  }

  has(id: string): boolean {
    return this.entries.has(id);
  }

  /** The serialised entry, for copying into the next cache unchanged. */
  payload(id: string): Buffer | undefined {
    const entry = this.entries.get(id);
    return entry ? readExactly(this.fd, entry.length, entry.offset) : undefined;
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

  writePayload(id: string, payload: Uint8Array): void {
    const idBytes = Buffer.from(id, 'utf8');
    this.append(this.length(idBytes.length));
    this.append(idBytes);
    this.append(this.length(payload.length));
    this.append(payload);
  }

  write(id: string, result: ParsedFileResult): void {
    this.writePayload(id, serialize(result));
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
