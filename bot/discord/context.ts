// What every handler gets: the engine, the store, the logger, the cooldown.
import type { Logger } from 'pino';
import type { AnswerEngineContract } from '../answer/engine-contract.ts';
import type { Cooldown } from './cooldown.ts';
import type { FeedbackStoreApi } from './feedback-store.ts';

export interface BotContext {
  engine: AnswerEngineContract;
  store: FeedbackStoreApi;
  logger: Logger;
  cooldown: Cooldown;
}
