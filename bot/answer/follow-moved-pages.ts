// Pages move between documentation updates. Views stored before an update (a chosen title's
// path or page id in a button or suggestion) and the key tips' page lists name old pages; this
// wrapper follows them through the index's moved-pages table (built from the redirection
// files) to where the page lives now.
import type { MovedPages } from '../../indexer/build/moved-pages.ts';
import type { AnswerEngineContract } from './engine-contract.ts';
import { pageId } from './page-id.ts';
import type { KeyTip, PageHit } from './types.ts';

export function followMovedPages(engine: AnswerEngineContract, moved: MovedPages): AnswerEngineContract {
  const entries = Object.entries(moved);
  if (entries.length === 0) return engine;
  // Old paths → current path, and the ids of old paths → current path.
  const currentPath = new Map(entries);
  const currentPathById = new Map(entries.map(([oldPath, newPath]) => [pageId(oldPath), newPath]));
  const pageByPath = (path: string): PageHit | undefined => {
    const page = engine.pageByPath(path);
    if (page) return page;
    const now = currentPath.get(path);
    return now === undefined ? undefined : engine.pageByPath(now);
  };
  const pageById = (id: string): PageHit | undefined => {
    const page = engine.pageById(id);
    if (page) return page;
    const now = currentPathById.get(id);
    return now === undefined ? undefined : engine.pageByPath(now);
  };
  return {
    ask: (question, options) => engine.ask(question, options),
    search: (query, options) => engine.search(query, options),
    pageByPath,
    pageById,
    suggestTitles: (prefix) => engine.suggestTitles(prefix),
    suggestApis: (prefix) => engine.suggestApis(prefix),
    apiCard: (name) => engine.apiCard(name),
    pagesMentioningApi: (name, limit) => engine.pagesMentioningApi(name, limit),
    keyTips: (): KeyTip[] =>
      engine.keyTips().map((tip) => ({
        ...tip,
        pages: tip.pages.map((page) => {
          if (!currentPath.has(page.path) || engine.pageByPath(page.path)) return page;
          const now = pageByPath(page.path);
          return now ? { title: now.title, url: now.url, path: now.path } : page;
        }),
      })),
    suggestTips: (prefix) => engine.suggestTips(prefix),
  };
}
