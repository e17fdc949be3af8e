// The engine a front end (`npm start`, `npm run serve`) serves: the corpus (fetched on first
// use) and the index over it (built when missing or stale), with progress in the log.
import type { Logger } from 'pino';
import type { IndexSettings } from '../../indexer/settings.ts';
import type { ReloadingEngine } from '../answer/index-reloader.ts';
import type { ServedEngine } from '../answer/served-engine.ts';
import type { Lifecycle } from './lifecycle.ts';
import { createLogger } from './logger.ts';
import { type BotSettings, logSecrets } from './settings.ts';

/** The log of a front end's process, with the secrets it must never show and the lifecycle told of it. */
export function frontEndLogger(settings: BotSettings, lifecycle: Lifecycle): Logger {
  const logger = createLogger({
    level: settings.logLevel,
    ...(settings.token ? { token: settings.token } : {}),
    secrets: logSecrets(settings),
  });
  lifecycle.useLogger(logger);
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled rejection'));
  return logger;
}

/**
 * Loads the engine (a stop meanwhile ends the wait) and starts reloading it when a new index
 * file appears or on SIGHUP. Undefined when stopped before the engine was ready.
 */
export async function serveReloadingEngine(
  indexSettings: IndexSettings,
  logger: Logger,
  lifecycle: Lifecycle,
  /** Opens the (current) index file into an engine; default: loaded on this thread. */
  open?: (indexFile: string) => Promise<ServedEngine>,
): Promise<ReloadingEngine | undefined> {
  const started = performance.now();
  logger.info('loading the answer engine');
  const served = await lifecycle.unlessStopped(loadEngineToServe(indexSettings, logger, open));
  if (!served) {
    logger.info('stopped before the answer engine was ready');
    return undefined;
  }
  logger.info({ ms: Math.round(performance.now() - started) }, 'answer engine loaded');
  const { startReloadingEngine } = await import('../answer/index-reloader.ts');
  return startReloadingEngine(served, { indexFile: indexSettings.indexFile, logger, ...(open ? { open } : {}) });
}

async function loadEngineToServe(
  indexSettings: IndexSettings,
  logger: Logger,
  open: ((indexFile: string) => Promise<ServedEngine>) | undefined,
): Promise<ServedEngine> {
  // Imported here so that a missing setting is explained without loading the index code.
  const { ensureCorpusFor } = await import('../../indexer/cli/corpus-step.ts');
  const { loadServedEngine } = await import('../answer/served-engine.ts');
  await ensureCorpusFor(indexSettings);
  const build = {
    onBuildStart: (reason: string) => logger.info({ reason }, 'building the search index (a few minutes, once)'),
    onWaitForBuilder: (holder: string) => logger.info({ holder }, 'another process is building the search index; waiting for it'),
  };
  if (!open) return loadServedEngine(indexSettings, build);
  const { ensureIndex } = await import('../../indexer/load-index.ts');
  await ensureIndex(indexSettings, build);
  try {
    return await open(indexSettings.indexFile);
  } catch (error) {
    // Damage the header check cannot see (a truncated body), met by the engine threads: rebuild
    // once, as loading on this thread does. An error keeps its name, not its class, across threads.
    if (!(error instanceof Error) || !/^Index(?:File|Format)Error$/.test(error.name)) throw error;
    await ensureIndex(indexSettings, { ...build, force: true });
    return open(indexSettings.indexFile);
  }
}

/** Resolves when everything logged so far is written. */
export function flushed(logger: Logger): Promise<void> {
  return new Promise((resolve) => logger.flush(() => resolve()));
}
