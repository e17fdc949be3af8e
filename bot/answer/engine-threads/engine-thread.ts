// One engine thread seen from the main thread: a worker running engine-thread-main.ts over
// one index file, with the calls sent to it and not yet answered. If the thread dies, those
// calls fail at once instead of waiting for ever.
import { Worker } from 'node:worker_threads';
import type { IndexMeta } from '../../../indexer/persist/index-meta.ts';
import type { EngineCall, EngineMethod, EngineReply, EngineThreadData, EngineThreadReady } from './engine-calls.ts';

const THREAD_MAIN = new URL('./engine-thread-main.ts', import.meta.url).href;
// Node 20 does not run a worker's entry module through the parent's --import hooks, so the
// worker registers tsx itself before importing its TypeScript entry.
const TSX_API = import.meta.resolve('tsx/esm/api');
const BOOTSTRAP = `import(${JSON.stringify(TSX_API)}).then(({ register }) => { register(); return import(${JSON.stringify(THREAD_MAIN)}); });`;

/**
 * An engine's live heap is about 180 MB with its caches full. Without a limit V8 sizes a
 * thread's heap for the machine's memory and let it grow to ~650 MB committed while
 * answering (RSS about 1 GB per thread); with this one it stays near 300 MB, at the same speed.
 */
const ENGINE_HEAP_LIMIT_MB = 1024;

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

export class EngineThread {
  /** Resolves with the index's meta once the thread has loaded it; rejects if it cannot. */
  readonly ready: Promise<IndexMeta | undefined>;
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private exited = false;
  private stopping = false;
  /** Why the thread ended, when it failed (an uncaught error in it). */
  private failure: Error | undefined;

  /** `onDied` hears of a thread that ended without being stopped (after it was ready). */
  constructor(indexFile: string, onDied: (error: Error) => void = () => undefined) {
    this.worker = new Worker(BOOTSTRAP, {
      eval: true,
      execArgv: [],
      workerData: { indexFile } satisfies EngineThreadData,
      resourceLimits: { maxOldGenerationSizeMb: ENGINE_HEAP_LIMIT_MB },
    });
    let isReady = false;
    this.ready = new Promise((resolve, reject) => {
      const onFirst = (message: EngineThreadReady | EngineReply) => {
        if (!('ready' in message)) return;
        isReady = true;
        this.worker.off('message', onFirst);
        resolve(message.meta);
      };
      this.worker.on('message', onFirst);
      this.worker.once('exit', (code) => {
        if (!isReady) reject(this.failure ?? new Error(`engine thread exited with code ${code} before loading the index`));
      });
    });
    // Nobody may be waiting on `ready` when a thread dies later; never an unhandled rejection.
    this.ready.catch(() => undefined);
    this.worker.on('message', (message: EngineThreadReady | EngineReply) => {
      if ('ready' in message) return;
      const call = this.pending.get(message.id);
      if (!call) return;
      this.pending.delete(message.id);
      if ('error' in message) call.reject(new Error(message.error));
      else call.resolve(message.result);
    });
    this.worker.on('error', (error) => {
      this.failure = error;
    });
    this.worker.once('exit', (code) => {
      this.exited = true;
      const error = this.failure ?? new Error(`engine thread exited with code ${code}`);
      for (const call of this.pending.values()) call.reject(error);
      this.pending.clear();
      if (isReady && !this.stopping) onDied(error);
    });
  }

  /** Whether the thread can take calls. */
  get alive(): boolean {
    return !this.exited && !this.stopping;
  }

  /** Calls sent and not yet answered. */
  get busy(): number {
    return this.pending.size;
  }

  call(method: EngineMethod, args: unknown[]): Promise<unknown> {
    if (!this.alive) return Promise.reject(new Error('engine thread is not running'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, method, args } satisfies EngineCall);
    });
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.worker.terminate();
  }
}
