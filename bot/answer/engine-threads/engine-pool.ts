// The answer engine in worker threads, so that answering never holds the main thread's event
// loop (HTTP, signature checks, admission, rendering and the store stay responsive there).
// Each thread loads its own copy of the index. Answer work waits in one queue here and goes to
// whichever answer thread is free, one call per thread at a time, so the queue the caller sees
// is the real one. Autocomplete's lookups run on a thread of their own (or, without it, go to
// the front of the queue), so they never wait behind answers. A thread that dies is replaced.
import type { IndexMeta } from '../../../indexer/persist/index-meta.ts';
import type { AnswerEngineContract, AskOptions, FrontEndEngine } from '../engine-contract.ts';
import type { ServedEngine } from '../served-engine.ts';
import type { Answer, ApiCard, KeyTip, PageHit, RelatedPage, SearchFilters, Suggestion } from '../types.ts';
import { ENGINE_LANES, type EngineMethod } from './engine-calls.ts';
import { EngineThread } from './engine-thread.ts';

export interface EnginePoolOptions {
  indexFile: string;
  /** Threads answering questions (at least 1). */
  threads: number;
  /** Give autocomplete a thread (and index copy) of its own; default true. */
  quickThread?: boolean;
  /** Told when a thread died (it is replaced) or could not be replaced. */
  onThreadError?: (error: Error) => void;
}

interface Job {
  method: EngineMethod;
  args: unknown[];
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

type Result<K extends EngineMethod> = Promise<ReturnType<AnswerEngineContract[K]>>;

export class EnginePool implements FrontEndEngine {
  private readonly queue: Job[] = [];
  private closed = false;

  private constructor(
    private readonly options: EnginePoolOptions,
    private readonly answerers: EngineThread[],
    private quick: EngineThread | undefined,
    /** The index's meta, as the first thread read it. */
    readonly meta: IndexMeta | undefined,
  ) {}

  /** Starts the threads and resolves once every one has loaded the index. */
  static async start(options: EnginePoolOptions): Promise<EnginePool> {
    if (!Number.isInteger(options.threads) || options.threads < 1) throw new Error('an engine pool needs at least one thread');
    const threads: EngineThread[] = [];
    // The pool does not exist yet: a thread dying now is replaced once it does.
    let pool: EnginePool | undefined;
    const start = () => {
      const thread = new EngineThread(options.indexFile, (error) => pool?.replace(thread, error));
      threads.push(thread);
      return thread;
    };
    const answerers = Array.from({ length: options.threads }, start);
    const quick = options.quickThread === false ? undefined : start();
    try {
      const metas = await Promise.all(threads.map((thread) => thread.ready));
      pool = new EnginePool(options, answerers, quick, metas[0]);
      return pool;
    } catch (error) {
      await Promise.all(threads.map((thread) => thread.stop()));
      throw error;
    }
  }

  /** Answer work waiting for a free thread. */
  get queued(): number {
    return this.queue.length;
  }

  ask(question: string, options?: AskOptions): Promise<Answer> {
    return this.call('ask', [question, options]);
  }
  search(query: string, options?: SearchFilters & { limit?: number; offset?: number }): Promise<PageHit[]> {
    return this.call('search', [query, options]);
  }
  pageByPath(path: string): Promise<PageHit | undefined> {
    return this.call('pageByPath', [path]);
  }
  pageById(id: string): Promise<PageHit | undefined> {
    return this.call('pageById', [id]);
  }
  suggestTitles(prefix: string): Promise<Suggestion[]> {
    return this.call('suggestTitles', [prefix]);
  }
  suggestApis(prefix: string): Promise<Suggestion[]> {
    return this.call('suggestApis', [prefix]);
  }
  apiCard(name: string): Promise<ApiCard | undefined> {
    return this.call('apiCard', [name]);
  }
  pagesMentioningApi(name: string, limit?: number): Promise<RelatedPage[]> {
    return this.call('pagesMentioningApi', [name, limit]);
  }
  keyTips(): Promise<KeyTip[]> {
    return this.call('keyTips', []);
  }
  suggestTips(prefix: string): Promise<Suggestion[]> {
    return this.call('suggestTips', [prefix]);
  }

  /** Stops every thread; calls not yet answered fail. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new Error('the engine was closed'));
    await Promise.all([...this.answerers, ...(this.quick ? [this.quick] : [])].map((thread) => thread.stop()));
  }

  private call<K extends EngineMethod>(method: K, args: unknown[]): Result<K> {
    return new Promise((resolve, reject) => {
      if (this.closed) return reject(new Error('the engine was closed'));
      const job: Job = { method, args, resolve: resolve as (value: unknown) => void, reject };
      if (ENGINE_LANES[method] === 'quick') {
        if (this.quick?.alive) {
          this.quick.call(method, args).then(job.resolve, job.reject);
          return;
        }
        this.queue.unshift(job);
      } else {
        this.queue.push(job);
      }
      this.dispatch();
    });
  }

  private dispatch(): void {
    for (const thread of this.answerers) {
      if (this.queue.length === 0) return;
      if (!thread.alive || thread.busy > 0) continue;
      const job = this.queue.shift()!;
      thread
        .call(job.method, job.args)
        .then(job.resolve, job.reject)
        .finally(() => this.dispatch());
    }
  }

  /** A thread died (a crash, memory): start another in its place. */
  private replace(dead: EngineThread, error: Error): void {
    if (this.closed) return;
    this.options.onThreadError?.(error);
    const next = new EngineThread(this.options.indexFile, (later) => this.replace(next, later));
    next.ready.then(
      () => {
        if (this.closed) return void next.stop();
        const at = this.answerers.indexOf(dead);
        if (at >= 0) this.answerers[at] = next;
        else if (this.quick === dead) this.quick = next;
        this.dispatch();
      },
      (failed: unknown) => {
        this.options.onThreadError?.(failed instanceof Error ? failed : new Error(String(failed)));
        // Without any answer thread, waiting work would wait for ever: fail it now.
        if (!this.answerers.some((thread) => thread.alive)) {
          for (const job of this.queue.splice(0)) job.reject(new Error('no engine thread is running'));
        }
      },
    );
  }
}

/** The index file served by engine threads: what a front end's engine holder holds. */
export async function openEngineThreads(options: EnginePoolOptions): Promise<ServedEngine> {
  const pool = await EnginePool.start(options);
  return { engine: pool, meta: pool.meta, close: () => pool.close() };
}
