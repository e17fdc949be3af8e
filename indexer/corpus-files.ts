// Which files of the corpus are pages. Include files and landing pages are read through
// the pages that use them, never indexed on their own.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { NON_PAGE_FOLDERS } from '../corpus/page-paths.ts';
import { CORPUS_SOURCES, type RepoId } from '../corpus/sources.ts';

export interface CorpusFile {
  repo: RepoId;
  /** Path relative to the repository root (the ../shared/eval form). */
  path: string;
  absolutePath: string;
}

function* markdownFiles(root: string, relative: string): Generator<string> {
  let entries;
  try {
    entries = readdirSync(path.join(root, relative), { withFileTypes: true });
  } catch {
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const child = relative ? `${relative}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      if (!NON_PAGE_FOLDERS.has(entry.name)) yield* markdownFiles(root, child);
    } else if (entry.isFile() && entry.name.endsWith('.md')) {
      yield child;
    }
  }
}

/** Every page file of both repositories, in a stable order. */
export function listCorpusFiles(corpusDir: string): CorpusFile[] {
  const files: CorpusFile[] = [];
  for (const source of CORPUS_SOURCES) {
    const repoRoot = path.join(corpusDir, source.folder);
    for (const relative of markdownFiles(repoRoot, source.contentRoot)) {
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
