// How `npm run serve` runs the answer engine: in engine threads (SERVE_ENGINE_THREADS, one
// per core by default), so answering never holds the event loop that reads requests, checks
// signatures and sheds load; or, with 0 threads, on the main thread as `npm start` does. The
// handlers cannot tell: both are engines they await.
import type { Logger } from 'pino';
import { openEngineThreads } from '../../answer/engine-threads/engine-pool.ts';
import { openServedEngineAsync, type ServedEngine } from '../../answer/served-engine.ts';
import { type AdmissionOptions, DEFAULT_ADMISSION } from './admission.ts';

export type EngineOpener = (indexFile: string) => Promise<ServedEngine>;

/** Opens an index file into the engine `serve` answers with (used at start and on reload). */
export function serveEngineOpener(engineThreads: number, logger: Pick<Logger, 'error'>): EngineOpener {
  if (engineThreads === 0) return openServedEngineAsync;
  return (indexFile) =>
    openEngineThreads({
      indexFile,
      threads: engineThreads,
      onThreadError: (error) => logger.error({ err: error }, 'an engine thread failed; starting another in its place'),
    });
}

/** Admission for `threads` answer threads: two tasks each, so a thread never idles while the main thread renders. */
export function serveAdmission(engineThreads: number): AdmissionOptions {
  return engineThreads === 0 ? DEFAULT_ADMISSION : { ...DEFAULT_ADMISSION, concurrency: engineThreads * 2 };
}
