// Pages move between documentation updates. Views stored before an update (a chosen title's
// path, a hashed page key in a button or suggestion) and the key tips' page lists name old
// paths; this wrapper follows them through the index's moved-pages table (built from the
// redirection files) to where the page lives now.
import type { MovedPages } from '../../indexer/build/moved-pages.ts';
import type { AnswerEngineContract } from './engine-contract.ts';
import { pageKey } from './engine.ts';
import type { KeyTip, PageHit } from './types.ts';

export function followMovedPages(engine: AnswerEngineContract, moved: MovedPages): AnswerEngineContract {
  const entries = Object.entries(moved);
  if (entries.length === 0) return engine;
  // Old paths, and the hashed keys that stood for long old paths, → current path.
  const currentPath = new Map<string, string>();
  for (const [oldPath, newPath] of entries) {
    currentPath.set(oldPath, newPath);
    currentPath.set(pageKey(oldPath), newPath);
  }
  const pageByPath = (path: string): PageHit | undefined => {
    const page = engine.pageByPath(path);
    if (page) return page;
    const now = currentPath.get(path);
    return now === undefined ? undefined : engine.pageByPath(now);
  };
  return {
    ask: (question, options) => engine.ask(question, options),
    search: (query, options) => engine.search(query, options),
    pageByPath,
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
