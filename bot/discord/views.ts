// A view is what one command or button shows: (kind, query, offset) → rendered embeds.
// Commands create views, buttons re-create them from the stored record (More sources: the
// same query at the next offset; Share: the same view again, publicly).
import type { FrontEndEngine } from '../answer/engine-contract.ts';
import { keyTipFor } from '../answer/key-tip-answer.ts';
import type { ViewKind } from './feedback-store.ts';
import { pageOfChoice } from './page-choice.ts';
import type { RenderedView } from './render-common.ts';
import { renderAnswer } from './render-answer.ts';
import { renderApiCard, renderUnknownApi } from './render-api.ts';
import { SEARCH_PAGE_SIZE, renderPageHit, renderSearch } from './render-search.ts';
import { renderKeyTip } from './render-tip.ts';

export interface ViewRequest {
  kind: ViewKind;
  query: string;
  offset: number;
}

type Renderer = (engine: FrontEndEngine, request: ViewRequest) => Promise<RenderedView>;

const renderers: Record<ViewKind, Renderer> = {
  ask: async (engine, { query, offset }) => renderAnswer(await engine.ask(query, { offset }), offset),

  search: async (engine, { query, offset }) => {
    // A chosen title suggestion names a page: show that page.
    const page = offset === 0 ? await pageOfChoice(engine, query) : undefined;
    if (page) return renderPageHit(page);
    return renderSearch(query, await engine.search(query, { limit: SEARCH_PAGE_SIZE, offset }), offset);
  },

  tip: async (engine, { query, offset }) => {
    const tip = await keyTipFor(engine, query);
    if (tip) return renderKeyTip(tip);
    const page = await pageOfChoice(engine, query);
    if (page) return renderPageHit(page);
    // An unknown "tip:<id>" (a tip since removed) is searched as words.
    const text = query.trim().replace(/^tip:/i, '').replace(/[-_]/g, ' ');
    return renderSearch(text, await engine.search(text, { limit: SEARCH_PAGE_SIZE, offset }), offset);
  },

  api: async (engine, { query }) => {
    const card = await engine.apiCard(query.trim());
    if (!card) return renderUnknownApi(query, await engine.suggestApis(query.trim()));
    return renderApiCard(card, await engine.pagesMentioningApi(card.name, 8));
  },
};

export function computeView(engine: FrontEndEngine, request: ViewRequest): Promise<RenderedView> {
  return renderers[request.kind](engine, request);
}
