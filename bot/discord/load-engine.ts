// The engine a front end (`npm start`, `npm run serve`) serves: the corpus (fetched on first
// use) and the index over it (built when missing or stale), with progress in the log.
import type { Logger } from 'pino';
import type { IndexSettings } from '../../indexer/settings.ts';
import type { ServedEngine } from '../answer/served-engine.ts';

export async function loadEngineToServe(indexSettings: IndexSettings, logger: Logger): Promise<ServedEngine> {
  // Imported here so that a missing setting is explained without loading the index code.
  const { ensureCorpusFor } = await import('../../indexer/cli/corpus-step.ts');
  const { loadServedEngine } = await import('../answer/served-engine.ts');
  await ensureCorpusFor(indexSettings);
  return loadServedEngine(indexSettings, {
    onBuildStart: (reason) => logger.info({ reason }, 'building the search index (a few minutes, once)'),
    onWaitForBuilder: (holder) => logger.info({ holder }, 'another process is building the search index; waiting for it'),
  });
}

/** Resolves when everything logged so far is written. */
export function flushed(logger: Logger): Promise<void> {
  return new Promise((resolve) => logger.flush(() => resolve()));
}
