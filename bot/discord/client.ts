// The discord.js client: Guilds intent only (no privileged intents), nobody pinged unless a
// message says so, REST base overridable (DISCORD_API_URL), every interaction to the router.
import { Client, Events, GatewayIntentBits, type ClientOptions } from 'discord.js';
import type { Logger } from 'pino';
import type { AnswerEngineContract } from '../answer/engine-contract.ts';
import { NO_MENTIONS } from './compose.ts';
import type { BotContext } from './context.ts';
import { BotMetrics, commandLabel, indexFactsOf } from './metrics/bot-metrics.ts';
import { startMetricsServer } from './metrics/metrics-server.ts';
import { createRouter } from './router.ts';
import { type BotSettings, requireToken } from './settings.ts';
import type { BotStore } from './store/bot-store.ts';
import { cooldownFor, openBotStore } from './store/open-store.ts';
import { fromDiscordJs } from './transport/gateway-adapter.ts';

/** Views older than this are forgotten; their buttons then say so. */
const VIEW_MAX_AGE_MS = 90 * 24 * 60 * 60 * 1000;
const READY_TIMEOUT_MS = 30_000;

export interface StartBotOptions {
  engine: AnswerEngineContract;
  settings: BotSettings;
  logger: Logger;
  /** Defaults to a store at settings.feedbackDbFile, closed by stop(). */
  store?: BotStore;
  /** Serve Prometheus metrics on this port (METRICS_PORT); 0 picks a free one. */
  metricsPort?: number;
}

export interface BotHandle {
  client: Client<true>;
  store: BotStore;
  /** The metrics endpoint, when metricsPort was given. */
  metricsUrl?: string;
  /** Disconnects and closes the store (when startBot opened it). Safe to call twice. */
  stop(): Promise<void>;
}

export function createClient(settings: Pick<BotSettings, 'apiUrl'>): Client {
  const options: ClientOptions = {
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: NO_MENTIONS,
    ...(settings.apiUrl !== undefined ? { rest: { api: settings.apiUrl } } : {}),
  };
  return new Client(options);
}

/** Connects the bot and resolves once it is ready to answer interactions. */
export async function startBot(options: StartBotOptions): Promise<BotHandle> {
  const { engine, settings, logger } = options;
  const token = requireToken(settings);
  const ownsStore = options.store === undefined;
  const store = options.store ?? (await openBotStore(settings));
  const pruned = await store.pruneViews(VIEW_MAX_AGE_MS);
  if (pruned > 0) logger.info({ pruned }, 'forgot old answer views');

  const metrics = new BotMetrics(indexFactsOf(engine));
  const ctx: BotContext = { engine, store: metrics.instrumentStore(store), logger, cooldown: cooldownFor(store, settings.cooldownMs) };
  const route = createRouter(ctx, undefined, (interaction, outcome, ms) =>
    metrics.observeInteraction(interaction.kind, commandLabel(interaction), outcome, ms),
  );
  const metricsServer = options.metricsPort !== undefined ? await startMetricsServer(metrics, options.metricsPort) : undefined;
  if (metricsServer) logger.info({ url: metricsServer.url }, 'metrics endpoint listening');
  const client = createClient(settings);

  client.on(Events.InteractionCreate, (interaction) => {
    void route(fromDiscordJs(interaction));
  });
  client.on(Events.Error, (error) => logger.error({ err: error }, 'discord client error'));
  client.on(Events.Warn, (message) => logger.warn({ message }, 'discord client warning'));
  client.on(Events.ShardDisconnect, (event, shard) => logger.warn({ shard, code: event.code }, 'gateway disconnected'));
  client.on(Events.ShardReconnecting, (shard) => logger.info({ shard }, 'gateway reconnecting'));
  client.rest.on('rateLimited', (info) =>
    logger.warn({ route: info.route, retryAfter: info.retryAfter, global: info.global }, 'rate limited'),
  );

  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    await client.destroy();
    await metricsServer?.close();
    if (ownsStore) await store.close();
    logger.info('bot stopped');
  };

  let timer: NodeJS.Timeout | undefined;
  try {
    const ready = new Promise<Client<true>>((resolve, reject) => {
      timer = setTimeout(() => reject(new Error('Discord did not report ready in time')), READY_TIMEOUT_MS);
      client.once(Events.ClientReady, resolve);
    });
    await client.login(token);
    const readyClient = await ready;
    logger.info(
      { user: readyClient.user.tag, application: readyClient.application.id, api: settings.apiUrl ?? 'discord.com' },
      'bot ready',
    );
    return { client: readyClient, store, ...(metricsServer ? { metricsUrl: metricsServer.url } : {}), stop };
  } catch (error) {
    await stop();
    throw error;
  } finally {
    clearTimeout(timer);
  }
}
