// What an index file says about itself, and the key that decides whether it is current.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CorpusVersion } from '../../corpus/corpus-version.ts';
import { CORPUS_SOURCES } from '../../corpus/sources.ts';

export interface IndexMeta {
  /** Bumped when the index's data layout changes incompatibly. */
  schemaVersion: number;
  /** Hash of the indexing code and the corpus files: equal keys mean an equal index. */
  buildKey: string;
  builtAt: string;
  pages: number;
  chunks: number;
  skipped: number;
  /** The upstream commits the index was built from (absent in indexes built before it was recorded). */
  corpus?: CorpusVersion[];
}

const schemaVersion = 2;

export function indexFormatMeta(): Pick<IndexMeta, 'schemaVersion'> {
  return { schemaVersion };
}

export function isIndexMeta(value: unknown): value is IndexMeta {
  const meta = value as IndexMeta;
  return Boolean(meta) && meta.schemaVersion === schemaVersion && typeof meta.buildKey === 'string';
}

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/**
 * Code that shapes what the index holds: a change in any of it means a rebuild. The query
 * side (search, glossary, term weights) and the commands read the index and are left out.
 */
const indexingCodeFolders = [
  'corpus/sources.ts',
  'corpus/urls.ts',
  'corpus/page-paths.ts',
  'indexer/parse',
  'indexer/build',
  'indexer/orama',
  'indexer/persist',
  'indexer/chunker.ts',
  'indexer/corpus-files.ts',
  'indexer/model.ts',
  'indexer/page-record.ts',
  'indexer/schema.ts',
  'indexer/tokenizer.ts',
];

export function* filesUnder(folder: string): Generator<string> {
  let entries;
  try {
    entries = readdirSync(folder, { withFileTypes: true });
  } catch {
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const entry of entries) {
    const child = path.join(folder, entry.name);
    if (entry.isDirectory()) yield* filesUnder(child);
    else yield child;
  }
}

/**
 * Hashes the TypeScript sources under the given project-relative folders or files, and the
 * package versions (package-lock.json).
 */
export function hashProjectSources(hash: ReturnType<typeof createHash>, relativePaths: readonly string[]): void {
  for (const relative of relativePaths) {
    const target = path.join(projectRoot, relative);
    const files = relative.endsWith('.ts') ? [target] : [...filesUnder(target)];
    for (const file of files) {
      if (!file.endsWith('.ts')) continue;
      hash.update(path.relative(projectRoot, file));
      try {
        hash.update(readFileSync(file));
      } catch {
        hash.update('(missing)');
      }
    }
  }
  const lock = path.join(projectRoot, 'package-lock.json');
  try {
    hash.update(readFileSync(lock));
  } catch {
    // No lock file in a bare checkout: the code hash alone decides.
  }
}

/** Hash of the corpus: every file's path, size and modification time (cheap: no reads). */
function corpusFingerprint(hash: ReturnType<typeof createHash>, corpusDir: string): void {
  for (const source of CORPUS_SOURCES) {
    for (const file of filesUnder(path.join(corpusDir, source.folder))) {
      if (!/\.(md|yml|json)$/.test(file)) continue;
      const stat = statSync(file);
      hash.update(`${path.relative(corpusDir, file)}\u0000${stat.size}\u0000${Math.trunc(stat.mtimeMs)}\n`);
    }
  }
}

export function computeBuildKey(corpusDir: string, extra = ''): string {
  const hash = createHash('sha1');
  hash.update(`schema ${schemaVersion}\n${extra}\n`);
  hashProjectSources(hash, indexingCodeFolders);
  corpusFingerprint(hash, corpusDir);
  return hash.digest('hex');
}
