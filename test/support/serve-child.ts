// `serve` as a separate process for tests: the HTTP endpoint over the test slice index (the
// engine in worker threads, as `serve` runs it), with the store the environment names
// (DATABASE_URL for the shared-store tests). Prints {"url"} on stdout once listening; stops
// on SIGTERM.
import pino from 'pino';
import { serveAdmission, serveEngineOpener } from '../../bot/discord/http/serve-engine.ts';
import { readServeSettings } from '../../bot/discord/http/serve-settings.ts';
import { startInteractionServer } from '../../bot/discord/http/start-server.ts';
import { readBotSettings } from '../../bot/discord/settings.ts';
import { sliceIndexFile } from './slice.ts';

const settings = readBotSettings(process.env);
const logger = pino({ level: 'warn' }, pino.destination(2));
// The engine as `serve` runs it (worker threads unless SERVE_ENGINE_THREADS=0).
const { engineThreads } = readServeSettings(process.env);
const served = await serveEngineOpener(engineThreads, logger)(sliceIndexFile);
const server = await startInteractionServer({
  engine: served.engine,
  admission: serveAdmission(engineThreads),
  settings,
  logger,
  publicKey: process.env.DISCORD_PUBLIC_KEY ?? '',
  port: 0,
  host: '127.0.0.1',
});
process.stdout.write(`${JSON.stringify({ url: server.url, store: server.store.backend })}\n`);
process.once('SIGTERM', () => {
  server.stop().finally(() => process.exit(0));
});
