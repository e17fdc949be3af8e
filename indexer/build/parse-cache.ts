// Parsed pages kept between builds, keyed by each file's content. Parsing is most of a
// build's time (remark reads about 1 MB/s per core) while most rebuilds change only the
// indexing code after the parser, or a handful of corpus files: those rebuilds re-parse
// only what changed.
//
// An entry is valid while the file's content, the parsing code and the files a page's
// parse reads besides itself (includes, toc.yml, redirections, API header index pages) are
// unchanged; the last two are folded into one key for the whole cache.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CORPUS_SOURCES } from '../../corpus/sources.ts';
import { deserialize, serialize } from 'node:v8';
import { readContainer, writeContainer } from '../persist/container.ts';
import { filesUnder, hashProjectSources } from '../persist/index-meta.ts';
import type { ParsedFileResult } from './parse-worker.ts';

/** Code whose change changes what a page parses into. */
const parsingCode = [
  'corpus',
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

export function contentKey(repoRelPath: string, raw: Buffer | string): string {
  return createHash('sha1').update(repoRelPath).update('\u0000').update(raw).digest('base64url');
}

export type ParseCacheEntries = Map<string, ParsedFileResult>;

/** The cached entries if the cache file exists and was written under `key`; else none. */
export function loadParseCache(file: string, key: string): ParseCacheEntries {
  if (!existsSync(file)) return new Map();
  try {
    const { meta, data } = readContainer(file);
    if ((meta as { key?: string }).key !== key) return new Map();
    const blob = (data as { entries?: unknown }).entries;
    if (!(blob instanceof Uint8Array)) return new Map();
    return new Map(deserialize(blob) as Array<[string, ParsedFileResult]>);
  } catch {
    // A damaged or unreadable cache only costs a full parse.
    return new Map();
  }
}

export function saveParseCache(file: string, key: string, entries: ParseCacheEntries): void {
  // V8's serializer, not JSON: the entries hold the corpus' text, beyond JSON's string limit.
  writeContainer(file, { key, entries: entries.size }, { entries: serialize([...entries]) });
}
