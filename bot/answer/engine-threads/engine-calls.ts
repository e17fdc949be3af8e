// What crosses between the main thread and an engine thread: calls of the engine contract by
// name, and their results (structured clones of plain objects).
import type { IndexMeta } from '../../../indexer/persist/index-meta.ts';
import type { AnswerEngineContract } from '../engine-contract.ts';

type Lane = 'quick' | 'answer';

/**
 * Which lane each method runs in. Autocomplete's prefix lookups are quick and must not wait
 * behind answers; everything else (answers, searches, cards) is answer work. A Record, so a
 * method added to the contract must be given a lane here.
 */
export const ENGINE_LANES: Readonly<Record<keyof AnswerEngineContract, Lane>> = {
  ask: 'answer',
  search: 'answer',
  pageByPath: 'answer',
  pageById: 'answer',
  apiCard: 'answer',
  pagesMentioningApi: 'answer',
  keyTips: 'answer',
  suggestTitles: 'quick',
  suggestApis: 'quick',
  suggestTips: 'quick',
};

export type EngineMethod = keyof AnswerEngineContract;

export interface EngineCall {
  id: number;
  method: EngineMethod;
  args: unknown[];
}

export type EngineReply = { id: number; result: unknown } | { id: number; error: string };

/** The first message of an engine thread: its index is loaded. */
export interface EngineThreadReady {
  ready: true;
  meta: IndexMeta | undefined;
}

export interface EngineThreadData {
  indexFile: string;
}
