// Which files of the corpus are pages. Include files and landing pages are read through
// the pages that use them, never indexed on their own.
import path from 'node:path';
import { NON_PAGE_FOLDERS } from '../corpus/page-paths.ts';
import { CORPUS_SOURCES, type RepoId } from '../corpus/sources.ts';
import { walkFiles } from './walk-files.ts';

export interface CorpusFile {
  repo: RepoId;
  /** Path relative to the repository root (the ../shared/eval form). */
  path: string;
  absolutePath: string;
}

/** Every page file of both repositories, in a stable order. */
export function listCorpusFiles(corpusDir: string): CorpusFile[] {
  const files: CorpusFile[] = [];
  for (const source of CORPUS_SOURCES) {
    const repoRoot = path.join(corpusDir, source.folder);
    for (const relative of walkFiles(repoRoot, source.contentRoot, { skipFolder: (name) => NON_PAGE_FOLDERS.has(name) })) {
      if (!relative.endsWith('.md')) continue;
      files.push({ repo: source.id, path: relative, absolutePath: path.join(repoRoot, relative) });
    }
  }
  return files;
}

/** Where a repository-relative page path lives under `corpusDir`, if a source holds it. */
export function absolutePathOf(corpusDir: string, repoRelPath: string): string | undefined {
  const source = CORPUS_SOURCES.find((s) => repoRelPath.startsWith(`${s.contentRoot}/`));
  return source ? path.join(corpusDir, source.folder, repoRelPath) : undefined;
}
