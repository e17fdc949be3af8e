// What every front end (the gateway bot, the HTTP server) answers with: the engine it leases
// per interaction, the store behind the buttons with its retention, the metrics, and the
// context the handlers see. Both front ends open them the same way.
import type { Logger } from 'pino';
import type { FrontEndEngine } from '../answer/engine-contract.ts';
import { EngineHolder } from '../answer/engine-holder.ts';
import type { BotContext } from './context.ts';
import { BotMetrics, indexFactsOf } from './metrics/bot-metrics.ts';
import type { BotSettings } from './settings.ts';
import type { BotStore } from './store/bot-store.ts';
import { cooldownFor, openBotStore } from './store/open-store.ts';
import { keepPruning } from './store-retention.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface ServicesOptions {
  engine: FrontEndEngine | EngineHolder;
  settings: BotSettings;
  logger: Logger;
  /** A store the caller owns (tests); otherwise one is opened from the settings. */
  store?: BotStore;
}

export interface Services {
  engines: EngineHolder;
  metrics: BotMetrics;
  store: BotStore;
  /** The store was opened here, so closing it is ours to do. */
  ownsStore: boolean;
  stopPruning: () => void;
  ctx: BotContext;
}

export async function openServices(options: ServicesOptions): Promise<Services> {
  const { engine, settings, logger } = options;
  const engines = engine instanceof EngineHolder ? engine : new EngineHolder(engine);
  const metrics = new BotMetrics(() => indexFactsOf(engines.current));
  // The store's guard counts what the store could not do (driver_docs_store_errors_total).
  const store = options.store ?? (await openBotStore(settings, { logger, onFailure: (operation) => metrics.countStoreFailure(operation) }));
  const stopPruning = keepPruning(store, { retentionMs: settings.retentionDays * DAY_MS, logger });
  const ctx: BotContext = { engine: engines.current.engine, engines, store, logger, cooldown: cooldownFor(store, settings.cooldownMs) };
  return { engines, metrics, store, ownsStore: options.store === undefined, stopPruning, ctx };
}
