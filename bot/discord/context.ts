// What every handler gets: the engine, the store, the logger, the cooldown.
import type { Logger } from 'pino';
import type { FrontEndEngine } from '../answer/engine-contract.ts';
import type { EngineHolder } from '../answer/engine-holder.ts';
import type { CooldownResult } from './cooldown.ts';
import type { BotStore } from './store/bot-store.ts';

/** Per-user turns; a shared store keeps them across replicas. */
export interface CooldownGate {
  take(key: string): CooldownResult | Promise<CooldownResult>;
}

export interface BotContext {
  /** The engine this interaction answers with (leased from `engines` when it started). */
  engine: FrontEndEngine;
  /** Where the current engine is held; a reload swaps it (see bot/answer/engine-holder.ts). */
  engines?: EngineHolder;
  store: BotStore;
  logger: Logger;
  cooldown: CooldownGate;
}
