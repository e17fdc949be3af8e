// Starts the HTTP interactions endpoint around a loaded engine: store, metrics, router,
// listening socket. Used by `npm run serve`, the tests and the load test.
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { FrontEndEngine } from '../../answer/engine-contract.ts';
import { EngineHolder } from '../../answer/engine-holder.ts';
import { InFlight } from '../in-flight.ts';
import { BotMetrics } from '../metrics/bot-metrics.ts';
import { type BotSettings, displayApiUrl } from '../settings.ts';
import type { BotStore } from '../store/bot-store.ts';
import { openServices } from '../services.ts';
import type { AdmissionOptions } from './admission.ts';
import { buildInteractionServer } from './server.ts';
import { publicKeyFromHex } from './verify-signature.ts';
import { createWebhookClient } from './webhook-client.ts';

export interface StartServerOptions {
  /** A fixed engine, or a holder whose engine can be swapped while the server runs. */
  engine: FrontEndEngine | EngineHolder;
  settings: BotSettings;
  logger: Logger;
  publicKey: string;
  port: number;
  host: string;
  /** Defaults to the store the settings name (guarded), closed by stop(). */
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
  /**
   * Answers new interactions with "restarting", lets those in flight finish (10 s at most,
   * deferred ones through the webhook too), closes the socket and the store (when it opened
   * it). Safe to call twice.
   */
  stop(): Promise<void>;
}

const _DAY_MS = 24 * 60 * 60 * 1000;
/** How long a stop waits for answers in flight. */
const DRAIN_TIMEOUT_MS = 10_000;

export async function startInteractionServer(options: StartServerOptions): Promise<ServerHandle> {
  const { settings, logger } = options;
  const { metrics, store, ownsStore, stopPruning, ctx } = await openServices(options);
  const inFlight = new InFlight();
  const app = buildInteractionServer({
    ctx,
    metrics,
    inFlight,
    publicKey: publicKeyFromHex(options.publicKey),
    webhook: createWebhookClient(settings.apiUrl),
    ...(options.inlineWindowMs !== undefined ? { inlineWindowMs: options.inlineWindowMs } : {}),
    ...(options.admission !== undefined ? { admission: options.admission } : {}),
    ready: async () => {
      await store.ping();
      return true;
    },
  });
  let address: string;
  try {
    address = await app.listen({ port: options.port, host: options.host });
  } catch (error) {
    stopPruning();
    if (ownsStore) await store.close();
    throw error;
  }
  logger.info({ url: address, store: store.backend, api: displayApiUrl(settings.apiUrl) }, 'interactions endpoint listening');
  let stopped = false;
  return {
    app,
    url: address,
    store,
    metrics,
    async stop() {
      if (stopped) return;
      stopped = true;
      const unfinished = await inFlight.drain(DRAIN_TIMEOUT_MS);
      if (unfinished > 0) logger.warn({ unfinished }, 'stopping with interactions still unanswered');
      await app.close();
      stopPruning();
      if (ownsStore) await store.close();
      logger.info('interactions endpoint stopped');
    },
  };
}
