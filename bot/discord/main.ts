// `npm start`: loads the settings and the answer engine, connects to Discord, and shuts down
// cleanly on SIGINT/SIGTERM. Without DISCORD_TOKEN it explains what to set and exits 1.
import { ConfigError, loadDotEnv } from '../../indexer/env.ts';
import { startBot } from './client.ts';
import { readMetricsPort } from './http/serve-settings.ts';
import { isMainModule } from './is-main.ts';
import { createLogger } from './logger.ts';
import { type BotSettings, readBotSettings, requireToken } from './settings.ts';

export interface MainIo {
  env: NodeJS.ProcessEnv;
  stderr: { write(text: string): unknown };
}

/** Runs the bot until SIGINT/SIGTERM; resolves with the exit code. */
export async function main(io: MainIo = { env: process.env, stderr: process.stderr }): Promise<number> {
  let settings: BotSettings;
  let metricsPort: number | undefined;
  try {
    settings = readBotSettings(io.env);
    requireToken(settings);
    metricsPort = readMetricsPort(io.env);
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
  // Imported here so that a missing token is explained without loading the index code.
  const { loadAnswerEngine } = await import('../answer/engine.ts');
  const engine = await loadAnswerEngine(undefined, {
    onBuildStart: (reason) => logger.info({ reason }, 'building the search index (a few minutes, once)'),
  });
  logger.info({ ms: Math.round(performance.now() - engineStarted) }, 'answer engine loaded');

  const bot = await startBot({ engine, settings, logger, ...(metricsPort !== undefined ? { metricsPort } : {}) });

  await new Promise<void>((resolve) => {
    const shutdown = (signal: NodeJS.Signals) => {
      logger.info({ signal }, 'shutting down');
      bot.stop().then(resolve, (error: unknown) => {
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
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`Fatal: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
