// Pages that moved: for each old path in the redirection files whose redirect (followed hop
// by hop) lands on a page of this index, the page's current path. Stored in the index so a
// running bot can open a page from a link, button or suggestion made before the move.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CORPUS_SOURCES } from '../../corpus/sources.ts';
import { followRedirects, loadRedirects, publishedUrl, redirectKey } from '../../corpus/urls.ts';
import type { PageRecord } from '../page-record.ts';

/** Old repository-relative path → current page path. */
export type MovedPages = Record<string, string>;

export function movedPages(corpusDir: string, pages: readonly PageRecord[]): MovedPages {
  const redirects = loadRedirects(corpusDir);
  if (redirects.byUrl.size === 0) return {};
  const byUrl = new Map(pages.map((page) => [redirectKey(page.url), page.path]));
  const present = new Set(pages.map((page) => page.path));
  const moved: MovedPages = {};
  for (const source of CORPUS_SOURCES) {
    let entries: unknown;
    try {
      entries = (
        JSON.parse(readFileSync(path.join(corpusDir, source.folder, source.redirectionFile), 'utf8')) as { redirections?: unknown }
      ).redirections;
    } catch {
      continue;
    }
    if (!Array.isArray(entries)) continue;
    for (const entry of entries as Array<{ source_path?: unknown }>) {
      const oldPath = entry.source_path;
      if (typeof oldPath !== 'string' || present.has(oldPath)) continue;
      const oldUrl = publishedUrl(oldPath);
      if (oldUrl === undefined) continue;
      const target = byUrl.get(redirectKey(followRedirects(oldUrl, redirects)));
      if (target !== undefined && target !== oldPath) moved[oldPath] = target;
    }
  }
  return moved;
}
