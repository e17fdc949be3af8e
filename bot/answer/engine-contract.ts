// What front ends may ask of the answer engine. The Discord bot and the terminal commands
// depend on this contract only, never on the index internals.
import type { Answer, ApiCard, KeyTip, PageHit, RelatedPage, SearchFilters, Suggestion } from './types.ts';

export interface AskOptions extends SearchFilters {
  /** Skip this many cited pages (for "More sources"). Default 0. */
  offset?: number;
  /** Answer only from these pages (repository-relative paths), e.g. a key tip's curated
   *  pages; passages are chosen from all their sections. Unknown paths are ignored. */
  pages?: readonly string[];
  /** With `pages`: quote only from sections with these labels (as citations show them,
   *  e.g. "Remarks"), e.g. the section a key tip names. */
  sections?: readonly string[];
}

export interface AnswerEngineContract {
  /** Cited answer to a natural-language question. Never throws on bad input. */
  ask(question: string, options?: AskOptions): Answer;
  /** Best distinct pages for a query, best first. */
  search(query: string, options?: SearchFilters & { limit?: number; offset?: number }): PageHit[];
  /** Page by repository-relative path. */
  pageByPath(path: string): PageHit | undefined;
  /** Page by its short id (`pageId(path)`, page-id.ts), for references too short for a path. */
  pageById(id: string): PageHit | undefined;
  /** Title autocomplete (≤ 25 suggestions; value: the page path). */
  suggestTitles(prefix: string): Suggestion[];
  /** API-name autocomplete (≤ 25; value is the API name). */
  suggestApis(prefix: string): Suggestion[];
  /** Facts card for an API by name (case-insensitive); undefined when unknown. */
  apiCard(name: string): ApiCard | undefined;
  /** Conceptual pages that discuss an API (by name), best first. */
  pagesMentioningApi(name: string, limit?: number): RelatedPage[];
  /** The curated key tips, in the seed page's order. */
  keyTips(): KeyTip[];
  /** Tip autocomplete: key tips first, then page titles (value: "tip:<id>" or a page path). */
  suggestTips(prefix: string): Suggestion[];
}

/** A result now, or later (from an engine in another thread). */
export type Awaitable<T> = T | Promise<T>;

/**
 * The engine as the chat front ends call it: the contract, answered in this thread or by
 * engine threads (bot/answer/engine-threads/). Callers await every result, so a handler
 * never knows which.
 */
export type FrontEndEngine = {
  [K in keyof AnswerEngineContract]: (...args: Parameters<AnswerEngineContract[K]>) => Awaitable<ReturnType<AnswerEngineContract[K]>>;
};
