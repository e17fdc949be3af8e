// What every handler gets: the engine, the store, the logger, the cooldown.
import type { Logger } from 'pino';
import type { AnswerEngineContract } from '../answer/engine-contract.ts';
import type { EngineHolder } from '../answer/engine-holder.ts';
import type { Cooldown } from './cooldown.ts';
import type { FeedbackStoreApi } from './feedback-store.ts';

export interface BotContext {
  /** The engine this interaction answers with (leased from `engines` when it started). */
  engine: AnswerEngineContract;
  /** Where the current engine is held; a reload swaps it (see bot/answer/engine-holder.ts). */
  engines?: EngineHolder;
  store: FeedbackStoreApi;
  logger: Logger;
  cooldown: Cooldown;
}
