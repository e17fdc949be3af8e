// `npm start`: loads the settings and the answer engine, connects to Discord, and runs until
// SIGINT/SIGTERM (exit 0, after the answers in flight) or a fatal problem (non-zero, with one
// line saying what to fix); see lifecycle.ts. Without DISCORD_TOKEN it explains what to set and exits 1.
import type { Logger } from 'pino';
import { ConfigError, loadDotEnv } from '../../indexer/env.ts';
import { type IndexSettings, readIndexSettings } from '../../indexer/settings.ts';
import type { ServedEngine } from '../answer/served-engine.ts';
import { startBot } from './client.ts';
import { FatalBotError } from './gateway-close.ts';
import { isMainModule } from './is-main.ts';
import { Lifecycle } from './lifecycle.ts';
import { createLogger } from './logger.ts';
import { type BotSettings, apiUrlSecrets, readBotSettings, requireToken } from './settings.ts';

export interface MainIo {
  env: NodeJS.ProcessEnv;
  stderr: { write(text: string): unknown };
}

/** Runs the bot until it is stopped; resolves with the exit code. */
export async function main(io: MainIo = { env: process.env, stderr: process.stderr }): Promise<number> {
  const lifecycle = new Lifecycle(process, io.stderr);
  try {
    return await run(io, lifecycle);
  } finally {
    lifecycle.dispose();
  }
}

async function run(io: MainIo, lifecycle: Lifecycle): Promise<number> {
  let settings: BotSettings;
  let indexSettings: IndexSettings;
  try {
    settings = readBotSettings(io.env);
    requireToken(settings);
    indexSettings = readIndexSettings(io.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      io.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
  const logger = createLogger({
    level: settings.logLevel,
    ...(settings.token ? { token: settings.token } : {}),
    secrets: apiUrlSecrets(settings.apiUrl),
  });
  lifecycle.useLogger(logger);
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled rejection'));

  const engineStarted = performance.now();
  logger.info('loading the answer engine');
  const served = await lifecycle.unlessStopped(loadEngine(indexSettings, logger));
  if (!served) {
    logger.info('stopped before the answer engine was ready');
    const code = lifecycle.exitCode(await lifecycle.stopped());
    await flushed(logger);
    return code;
  }
  logger.info({ ms: Math.round(performance.now() - engineStarted) }, 'answer engine loaded');
  // A new index file (npm run index after update-corpus), or SIGHUP, swaps the engine in place.
  const { startReloadingEngine } = await import('../answer/index-reloader.ts');
  const engines = startReloadingEngine(served, { indexFile: indexSettings.indexFile, logger });

  const starting = startBot({ engine: engines.holder, settings, logger, onFatal: (error) => lifecycle.fail(error) }).catch(
    (error: unknown) => {
      if (!(error instanceof FatalBotError)) throw error;
      lifecycle.fail(error);
      return undefined;
    },
  );
  // A stop while connecting (up to 30 s) does not wait for the connection: nothing is in flight yet.
  const bot = await lifecycle.unlessStopped(starting);
  if (!bot) starting.catch(() => undefined);
  const reason = await lifecycle.stopped();
  engines.stop();
  try {
    await bot?.stop();
  } catch (error) {
    logger.error({ err: error }, 'error while shutting down');
  }
  const code = lifecycle.exitCode(reason);
  await flushed(logger);
  return code;
}

/** The corpus (fetched on first use) and the index over it (built when missing or stale). */
async function loadEngine(indexSettings: IndexSettings, logger: Logger): Promise<ServedEngine> {
  // Imported here so that a missing token is explained without loading the index code.
  const { ensureCorpusFor } = await import('../../indexer/cli/corpus-step.ts');
  const { loadServedEngine } = await import('../answer/served-engine.ts');
  await ensureCorpusFor(indexSettings);
  return loadServedEngine(indexSettings, {
    onBuildStart: (reason) => logger.info({ reason }, 'building the search index (a few minutes, once)'),
    onWaitForBuilder: (holder) => logger.info({ holder }, 'another process is building the search index; waiting for it'),
  });
}

function flushed(logger: Logger): Promise<void> {
  return new Promise((resolve) => logger.flush(() => resolve()));
}

if (isMainModule(import.meta.url)) {
  loadDotEnv();
  main().then(
    (code) => {
      // Exit explicitly: a build abandoned by a stop still has worker threads.
      process.exit(code);
    },
    (error: unknown) => {
      process.stderr.write(`Fatal: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
