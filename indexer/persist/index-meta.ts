// What an index file says about itself, and the key that decides whether it is current.
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import path from 'node:path';
import type { CorpusVersion } from '../../corpus/corpus-version.ts';
import { CORPUS_SOURCES } from '../../corpus/sources.ts';
import { walkFiles } from '../walk-files.ts';
import { BUILD_ENTRY, codeKey } from './code-key.ts';

export interface IndexMeta {
  /** Hash of the indexing code and the corpus files: equal keys mean an equal index. */
  buildKey: string;
  builtAt: string;
  pages: number;
  chunks: number;
  skipped: number;
  /** The upstream commits the index was built from (absent in indexes built before it was recorded). */
  corpus?: CorpusVersion[];
}

// Which code wrote the file is the container's format (see container.ts); the meta only has
// to be the shape this code writes.
export function isIndexMeta(value: unknown): value is IndexMeta {
  const meta = value as IndexMeta;
  return Boolean(meta) && typeof meta.buildKey === 'string' && typeof meta.pages === 'number' && typeof meta.chunks === 'number';
}

/** Hash of the corpus: every file's path, size and modification time (cheap: no reads). */
function corpusFingerprint(hash: ReturnType<typeof createHash>, corpusDir: string): void {
  for (const source of CORPUS_SOURCES) {
    for (const file of walkFiles(corpusDir, source.folder)) {
      if (!/\.(md|yml|json)$/.test(file)) continue;
      const stat = statSync(path.join(corpusDir, file));
      hash.update(`${file}\u0000${stat.size}\u0000${Math.trunc(stat.mtimeMs)}\n`);
    }
  }
}

/** The code that builds the index (see code-key.ts) and the corpus it reads. */
export function computeBuildKey(corpusDir: string, extra = ''): string {
  const hash = createHash('sha1');
  hash.update(`${codeKey(BUILD_ENTRY)}\n${extra}\n`);
  corpusFingerprint(hash, corpusDir);
  return hash.digest('hex');
}
