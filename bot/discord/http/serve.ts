// `npm run serve`: the HTTP interactions endpoint. Loads the settings and the answer engine,
// listens on PORT, and stops cleanly on SIGINT/SIGTERM. Without DISCORD_PUBLIC_KEY it
// explains what to set and exits 1. Needs no bot token: every answer is an interaction response.
import { ConfigError, loadDotEnv } from '../../../indexer/env.ts';
import { isMainModule } from '../is-main.ts';
import { createLogger } from '../logger.ts';
import { readBotSettings } from '../settings.ts';
import { readServeSettings } from './serve-settings.ts';
import { startInteractionServer } from './start-server.ts';

export interface ServeIo {
  env: NodeJS.ProcessEnv;
  stderr: { write(text: string): unknown };
}

export async function serve(io: ServeIo = { env: process.env, stderr: process.stderr }): Promise<number> {
  let settings;
  let serveSettings;
  try {
    settings = readBotSettings(io.env);
    serveSettings = readServeSettings(io.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      io.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
  const logger = createLogger({ level: settings.logLevel, ...(settings.token ? { token: settings.token } : {}) });
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled rejection'));

  const engineStarted = performance.now();
  logger.info('loading the answer engine');
  const { loadAnswerEngine } = await import('../../answer/engine.ts');
  const engine = await loadAnswerEngine(undefined, {
    onBuildStart: (reason) => logger.info({ reason }, 'building the search index (a few minutes, once)'),
  });
  logger.info({ ms: Math.round(performance.now() - engineStarted) }, 'answer engine loaded');

  const server = await startInteractionServer({
    engine,
    settings,
    logger,
    publicKey: serveSettings.publicKey,
    port: serveSettings.port,
    host: serveSettings.host,
  });

  await new Promise<void>((resolve) => {
    const shutdown = (signal: NodeJS.Signals) => {
      logger.info({ signal }, 'shutting down');
      server.stop().then(resolve, (error: unknown) => {
        logger.error({ err: error }, 'error while shutting down');
        resolve();
      });
    };
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
  });
  logger.flush();
  return 0;
}

if (isMainModule(import.meta.url)) {
  loadDotEnv();
  serve().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`Fatal: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
