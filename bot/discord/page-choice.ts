// How a page travels in a Discord choice value, and so in the query of a view stored behind
// its buttons: its path when the path fits the value limit, else "page:" and the page's
// short id. Both resolve without any record of the values handed out, so any replica, and
// any later process, reads a value that another one issued.
import type { FrontEndEngine } from '../answer/engine-contract.ts';
import { pageId } from '../answer/page-id.ts';
import type { PageHit } from '../answer/types.ts';
import { AUTOCOMPLETE_VALUE_MAX } from './limits.ts';

const BY_ID = 'page:';

export function pageChoiceValue(path: string): string {
  return path.length <= AUTOCOMPLETE_VALUE_MAX ? path : `${BY_ID}${pageId(path)}`;
}

/** The page a choice value names; undefined for anything else (typed words, a tip). */
export async function pageOfChoice(engine: Pick<FrontEndEngine, 'pageByPath' | 'pageById'>, value: string): Promise<PageHit | undefined> {
  return value.startsWith(BY_ID) ? await engine.pageById(value.slice(BY_ID.length)) : await engine.pageByPath(value);
}
