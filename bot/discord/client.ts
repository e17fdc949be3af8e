// The discord.js client: Guilds intent only (no privileged intents), nobody pinged unless a
// message says so, REST base overridable (DISCORD_API_URL), every interaction to the router.
import { Client, Events, GatewayIntentBits, type ClientOptions } from 'discord.js';
import type { Logger } from 'pino';
import type { FrontEndEngine } from '../answer/engine-contract.ts';
import { EngineHolder } from '../answer/engine-holder.ts';
import { NO_MENTIONS } from './compose.ts';
import { type FatalBotError, fatalGatewayClose, tokenRejected } from './gateway-close.ts';
import { replyEphemeral } from './handlers/respond.ts';
import { InFlight, STOPPING_NOTE } from './in-flight.ts';
import { commandLabel } from './metrics/bot-metrics.ts';
import { startMetricsServer } from './metrics/metrics-server.ts';
import { createRouter } from './router.ts';
import { type BotSettings, displayApiUrl, requireToken } from './settings.ts';
import type { BotStore } from './store/bot-store.ts';
import { openServices } from './services.ts';
import { fromDiscordJs } from './transport/gateway-adapter.ts';
import { isRepliable } from './transport/interaction.ts';

const READY_TIMEOUT_MS = 30_000;
const _DAY_MS = 24 * 60 * 60 * 1000;
/** How long a stop waits for answers in flight. */
const DRAIN_TIMEOUT_MS = 10_000;

export interface StartBotOptions {
  /** A fixed engine, or a holder whose engine can be swapped while the bot runs. */
  engine: FrontEndEngine | EngineHolder;
  settings: BotSettings;
  logger: Logger;
  /** Defaults to the store the settings name (guarded), closed by stop(). */
  store?: BotStore;
  /** Called once when the connection is lost for good (e.g. the token was reset). */
  onFatal?: (error: FatalBotError) => void;
  /** Serve Prometheus metrics on this port (METRICS_PORT); 0 picks a free one. */
  metricsPort?: number;
}

export interface BotHandle {
  client: Client<true>;
  store: BotStore;
  /** The metrics endpoint, when metricsPort was given. */
  metricsUrl?: string;
  /**
   * Turns new interactions away, lets those in flight finish (10 s at most), disconnects
   * (close code 1000) and closes the store (when startBot opened it). Safe to call twice.
   */
  stop(): Promise<void>;
}

function createClient(settings: Pick<BotSettings, 'apiUrl'>): Client {
  const options: ClientOptions = {
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: NO_MENTIONS,
    ...(settings.apiUrl !== undefined ? { rest: { api: settings.apiUrl } } : {}),
  };
  return new Client(options);
}

/** Connects the bot and resolves once it is ready to answer interactions. */
export async function startBot(options: StartBotOptions): Promise<BotHandle> {
  const { settings, logger } = options;
  const token = requireToken(settings);
  const { metrics, store, ownsStore, stopPruning, ctx } = await openServices(options);
  const route = createRouter(ctx, undefined, (interaction, outcome, ms) =>
    metrics.observeInteraction(interaction.kind, commandLabel(interaction), outcome, ms),
  );
  const metricsServer = options.metricsPort !== undefined ? await startMetricsServer(metrics, options.metricsPort) : undefined;
  if (metricsServer) logger.info({ url: metricsServer.url }, 'metrics endpoint listening');
  const client = createClient(settings);

  const inFlight = new InFlight();
  client.on(Events.InteractionCreate, (raw) => {
    const interaction = fromDiscordJs(raw);
    if (inFlight.accepting) {
      inFlight.track(route(interaction));
    } else if (isRepliable(interaction)) {
      inFlight.track(replyEphemeral(interaction, STOPPING_NOTE).catch(() => undefined));
    }
  });
  logClientTrouble(client, logger);
  const fatal: FatalWatch = { report: options.onFatal, seen: undefined };
  watchFatalCloses(client, logger, fatal);

  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    fatal.report = undefined;
    const unfinished = await inFlight.drain(DRAIN_TIMEOUT_MS);
    if (unfinished > 0) logger.warn({ unfinished }, 'stopping with interactions still unanswered');
    await client.destroy();
    stopPruning();
    await metricsServer?.close();
    if (ownsStore) await store.close();
    logger.info('bot stopped');
  };

  try {
    const readyClient = await logIn(client, token, fatal);
    logger.info({ user: readyClient.user.tag, application: readyClient.application.id, api: displayApiUrl(settings.apiUrl) }, 'bot ready');
    return { client: readyClient, store, ...(metricsServer ? { metricsUrl: metricsServer.url } : {}), stop };
  } catch (error) {
    await stop();
    // login fails with discord.js's own words ("Authentication failed"); ours say what to fix.
    throw fatal.seen ?? error;
  }
}

function logClientTrouble(client: Client, logger: Logger): void {
  client.on(Events.Error, (error) => logger.error({ err: error }, 'discord client error'));
  client.on(Events.Warn, (message) => logger.warn({ message }, 'discord client warning'));
  client.on(Events.ShardReconnecting, (shard) => logger.info({ shard }, 'gateway reconnecting'));
  client.rest.on('rateLimited', (info) =>
    logger.warn({ route: info.route, retryAfter: info.retryAfter, global: info.global }, 'rate limited'),
  );
}

/** Who hears of a fatal gateway close (reported once), and the first one seen. */
interface FatalWatch {
  report: ((error: FatalBotError) => void) | undefined;
  seen: FatalBotError | undefined;
}

function watchFatalCloses(client: Client, logger: Logger, fatal: FatalWatch): void {
  // discord.js emits this only for close codes it will not reconnect after.
  client.on(Events.ShardDisconnect, (event) => {
    const error = fatalGatewayClose(event.code);
    fatal.seen ??= error;
    const report = fatal.report;
    fatal.report = undefined;
    if (report) report(error);
    else logger.error({ code: event.code }, error.message);
  });
}

/** Logs in and waits for ready; a fatal close before ready fails the start instead of waiting for the timeout. */
async function logIn(client: Client, token: string, fatal: FatalWatch): Promise<Client<true>> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const ready = new Promise<Client<true>>((resolve, reject) => {
      timer = setTimeout(() => reject(new Error('Discord did not report ready in time')), READY_TIMEOUT_MS);
      client.once(Events.ClientReady, resolve);
      const afterReady = fatal.report;
      fatal.report = (error) => reject(error);
      client.once(Events.ClientReady, () => {
        fatal.report = afterReady;
      });
    });
    ready.catch(() => undefined); // awaited below; a rejection during login must not go unhandled
    await client.login(token).catch((error: unknown) => {
      throw (error as { code?: unknown }).code === 'TokenInvalid' ? tokenRejected() : error;
    });
    return await ready;
  } finally {
    clearTimeout(timer);
  }
}
