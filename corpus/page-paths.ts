// Which files of a repository are pages of their own. Include files are read through the
// pages that use them, never published or indexed alone.
import type { CorpusSource } from './sources.ts';

export const NON_PAGE_FOLDERS: ReadonlySet<string> = new Set(['includes', 'includes-ddi', '.github']);

/** Whether a repository-relative path is a page: markdown under the content root, outside include folders. */
export function isPagePath(repoRelPath: string, source: CorpusSource): boolean {
  if (!repoRelPath.endsWith('.md') || !repoRelPath.startsWith(`${source.contentRoot}/`)) return false;
  const folders = repoRelPath
    .slice(source.contentRoot.length + 1)
    .split('/')
    .slice(0, -1);
  return !folders.some((folder) => NON_PAGE_FOLDERS.has(folder));
}
