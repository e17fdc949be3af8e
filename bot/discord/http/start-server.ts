// Starts the HTTP interactions endpoint around a loaded engine: store, metrics, router,
// listening socket. Used by `npm run serve`, the tests and the load test.
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { AnswerEngineContract } from '../../answer/engine-contract.ts';
import type { BotContext } from '../context.ts';
import { BotMetrics, indexFactsOf } from '../metrics/bot-metrics.ts';
import type { BotSettings } from '../settings.ts';
import type { BotStore } from '../store/bot-store.ts';
import { cooldownFor, openBotStore } from '../store/open-store.ts';
import type { AdmissionOptions } from './admission.ts';
import { buildInteractionServer } from './server.ts';
import { publicKeyFromHex } from './verify-signature.ts';
import { createWebhookClient } from './webhook-client.ts';

export interface StartServerOptions {
  engine: AnswerEngineContract;
  settings: BotSettings;
  logger: Logger;
  publicKey: string;
  port: number;
  host: string;
  /** Defaults to the store the settings name, closed by stop(). */
  store?: BotStore;
  inlineWindowMs?: number;
  admission?: AdmissionOptions;
}

export interface ServerHandle {
  app: FastifyInstance;
  /** http://host:port of the listening socket. */
  url: string;
  store: BotStore;
  metrics: BotMetrics;
  stop(): Promise<void>;
}

/** Views older than this are forgotten; their buttons then say so. */
const VIEW_MAX_AGE_MS = 90 * 24 * 60 * 60 * 1000;

export async function startInteractionServer(options: StartServerOptions): Promise<ServerHandle> {
  const { engine, settings, logger } = options;
  const ownsStore = options.store === undefined;
  const store = options.store ?? (await openBotStore(settings));
  const metrics = new BotMetrics(indexFactsOf(engine));
  const pruned = await store.pruneViews(VIEW_MAX_AGE_MS);
  if (pruned > 0) logger.info({ pruned }, 'forgot old answer views');
  const ctx: BotContext = { engine, store: metrics.instrumentStore(store), logger, cooldown: cooldownFor(store, settings.cooldownMs) };
  const app = buildInteractionServer({
    ctx,
    metrics,
    publicKey: publicKeyFromHex(options.publicKey),
    webhook: createWebhookClient(settings.apiUrl),
    ...(options.inlineWindowMs !== undefined ? { inlineWindowMs: options.inlineWindowMs } : {}),
    ...(options.admission !== undefined ? { admission: options.admission } : {}),
    ready: async () => {
      await store.ping();
      return true;
    },
  });
  const address = await app.listen({ port: options.port, host: options.host });
  logger.info({ url: address, store: store.backend, api: settings.apiUrl ?? 'discord.com' }, 'interactions endpoint listening');
  let stopped = false;
  return {
    app,
    url: address,
    store,
    metrics,
    async stop() {
      if (stopped) return;
      stopped = true;
      await app.close();
      if (ownsStore) await store.close();
    },
  };
}
