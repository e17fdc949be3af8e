// Reload without restart: watches the index file (and listens for SIGHUP), and when a new
// index appears, loads it beside the current one and swaps it in through the EngineHolder.
// A file that cannot be loaded leaves the current engine serving; the log says why.
import { type FSWatcher, watch } from 'node:fs';
import path from 'node:path';
import { readMeta } from '../../indexer/persist/container.ts';
import { isIndexMeta } from '../../indexer/persist/index-meta.ts';
import { EngineHolder } from './engine-holder.ts';
import { describeDocsEdition, openServedEngineAsync, type ServedEngine } from './served-engine.ts';

/** The pino methods used (any pino logger fits). */
interface ReloadLogger {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

export interface IndexReloaderOptions {
  indexFile: string;
  logger: ReloadLogger;
  /** Opens an index file into an engine (default: openServedEngineAsync). */
  open?: (indexFile: string) => Promise<ServedEngine> | ServedEngine;
  /** Watch the index file's folder (default true). */
  watch?: boolean;
  /** Signals that force a reload (default SIGHUP). */
  signals?: readonly NodeJS.Signals[];
  /** Quiet time after the last change to the file before loading it (a file being written keeps changing). */
  settleMs?: number;
}

export interface ReloadingEngine {
  holder: EngineHolder;
  /** Loads the index file now; resolves true when the new engine serves. */
  reload(reason: string): Promise<boolean>;
  /** Stops watching and listening for signals. */
  stop(): void;
}

export function startReloadingEngine(initial: ServedEngine, options: IndexReloaderOptions): ReloadingEngine {
  const { indexFile, logger } = options;
  const open = options.open ?? openServedEngineAsync;
  const holder = new EngineHolder(initial, {
    onReleased: (served, generation) => {
      logger.info({ generation }, 'previous index released (its last interaction finished)');
      served.close?.().catch((error: unknown) => logger.warn({ err: error, generation }, 'could not close the previous engine'));
    },
  });

  const reload = async (reason: string): Promise<boolean> => {
    const started = performance.now();
    try {
      const next = await holder.reload(() => open(indexFile));
      logger.info(
        {
          reason,
          ms: Math.round(performance.now() - started),
          pages: next.meta?.pages,
          docs: describeDocsEdition(next.meta),
          generation: holder.generation,
        },
        'index reloaded: new interactions use the new index',
      );
      return true;
    } catch (error) {
      logger.error({ err: error, reason, indexFile }, 'index reload failed; still answering from the previous index');
      return false;
    }
  };

  /** Whether the file on disk is the index already serving (same build), read from its header only. */
  const isServing = (): boolean => {
    const serving = holder.current.meta;
    if (!serving) return false;
    try {
      const meta = readMeta(indexFile);
      return isIndexMeta(meta) && meta.buildKey === serving.buildKey && meta.builtAt === serving.builtAt;
    } catch {
      return false;
    }
  };

  let timer: NodeJS.Timeout | undefined;
  const onChange = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (!isServing()) void reload('index file changed');
    }, options.settleMs ?? 1500);
  };

  let watcher: FSWatcher | undefined;
  if (options.watch !== false) {
    const name = path.basename(indexFile);
    try {
      watcher = watch(path.dirname(indexFile), (_event, filename) => {
        if (filename === null || filename === name) onChange();
      });
      watcher.on('error', (error) => logger.warn({ err: error }, 'stopped watching the index file; reload with SIGHUP'));
    } catch (error) {
      logger.warn({ err: error, indexFile }, 'cannot watch the index file; reload with SIGHUP');
    }
  }

  const onSignal = (signal: NodeJS.Signals) => void reload(signal);
  const signals = options.signals ?? ['SIGHUP'];
  for (const signal of signals) process.on(signal, onSignal);

  return {
    holder,
    reload,
    stop() {
      clearTimeout(timer);
      watcher?.close();
      for (const signal of signals) process.off(signal, onSignal);
    },
  };
}
