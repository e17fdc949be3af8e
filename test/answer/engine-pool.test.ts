// The answer engine in worker threads (bot/answer/engine-threads/) over the real test slice
// index: it answers exactly what the engine answers on this thread, autocomplete does not wait
// behind queued answers, a reload swaps in new threads while a leased engine keeps its own
// until the lease ends, a thread that dies is replaced, and a closed engine fails calls
// instead of leaving them waiting.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { Worker } from 'node:worker_threads';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EnginePool, openEngineThreads } from '../../bot/answer/engine-threads/engine-pool.ts';
import type { AnswerEngineContract } from '../../bot/answer/engine-contract.ts';
import { startReloadingEngine } from '../../bot/answer/index-reloader.ts';
import type { Answer } from '../../bot/answer/types.ts';
import { sliceIndexFile } from '../support/slice.ts';
import { createTestEngine } from '../support/test-engine.ts';

const QUESTIONS = [
  'How do I keep my driver from running out of kernel-mode stack?',
  'When should I call IoCompleteRequest?',
  'What IRQL does a DPC run at?',
  'how to cancel an IRP safely',
];

/** An answer without its timing, which differs from run to run. */
const untimed = (answer: Answer) => ({ ...answer, tookMs: 0 });

let local: AnswerEngineContract;
let pool: EnginePool;

beforeAll(async () => {
  local = await createTestEngine();
  pool = await EnginePool.start({ indexFile: sliceIndexFile, threads: 2 });
});

afterAll(async () => {
  await pool?.close();
});

describe('EnginePool', () => {
  it('answers every method of the contract exactly as the engine on this thread does', async () => {
    expect(pool.meta?.pages).toBeGreaterThan(0);
    for (const question of QUESTIONS) {
      const answer = await pool.ask(question);
      expect(answer.excerpts.length).toBeGreaterThan(0);
      expect(untimed(answer)).toEqual(untimed(local.ask(question)));
      expect(untimed(await pool.ask(question, { offset: 3 }))).toEqual(untimed(local.ask(question, { offset: 3 })));
    }
    expect(await pool.search('kernel stack', { limit: 5 })).toEqual(local.search('kernel stack', { limit: 5 }));
    const path = local.search('kernel stack')[0]!.path;
    expect(await pool.pageByPath(path)).toEqual(local.pageByPath(path));
    expect(await pool.pageByPath('no/such/page.md')).toBeUndefined();
    expect(await pool.suggestTitles('kernel')).toEqual(local.suggestTitles('kernel'));
    expect(await pool.suggestApis('IoC')).toEqual(local.suggestApis('IoC'));
    expect(await pool.suggestTips('')).toEqual(local.suggestTips(''));
    expect(await pool.apiCard('IoCreateDevice')).toEqual(local.apiCard('IoCreateDevice'));
    expect(await pool.apiCard('NoSuchApiAnywhere')).toBeUndefined();
    expect(await pool.pagesMentioningApi('IoCreateDevice', 4)).toEqual(local.pagesMentioningApi('IoCreateDevice', 4));
    expect(await pool.keyTips()).toEqual(local.keyTips());
  });

  it('answers calls made all at once, each with its own result', async () => {
    const many = Array.from({ length: 24 }, (_, i) => QUESTIONS[i % QUESTIONS.length]!);
    const answers = await Promise.all(many.map((question) => pool.ask(question)));
    answers.forEach((answer, i) => {
      expect(answer.question).toBe(many[i]);
      expect(untimed(answer)).toEqual(untimed(local.ask(many[i]!)));
    });
  });

  it('answers autocomplete before answers queued ahead of it', async () => {
    const done: string[] = [];
    const asks = Array.from({ length: 30 }, (_, i) => pool.ask(QUESTIONS[i % QUESTIONS.length]!).then(() => done.push(`ask ${i}`)));
    expect(pool.queued).toBeGreaterThan(0);
    const suggestion = pool.suggestTitles('kernel').then(() => done.push('autocomplete'));
    await Promise.all([...asks, suggestion]);
    // Two answer threads take one question each at a time: 28 were still queued.
    expect(done.indexOf('autocomplete')).toBeLessThan(15);
  });

  it('without a thread of its own, autocomplete goes to the front of the queue', async () => {
    const single = await EnginePool.start({ indexFile: sliceIndexFile, threads: 1, quickThread: false });
    try {
      const done: string[] = [];
      const asks = Array.from({ length: 10 }, (_, i) => single.ask(QUESTIONS[i % QUESTIONS.length]!).then(() => done.push('ask')));
      const suggestion = single.suggestApis('IoC').then((suggestions) => {
        done.push('autocomplete');
        return suggestions;
      });
      expect(await suggestion).toEqual(local.suggestApis('IoC'));
      await Promise.all(asks);
      // Only the question already on the thread went first.
      expect(done.indexOf('autocomplete')).toBe(1);
    } finally {
      await single.close();
    }
  });

  it('replaces a thread that dies: its call fails, the next ones are answered by the new thread', async () => {
    const errors: Error[] = [];
    const single = await EnginePool.start({
      indexFile: sliceIndexFile,
      threads: 1,
      quickThread: false,
      onThreadError: (error) => errors.push(error),
    });
    try {
      const onThread = single.ask(QUESTIONS[0]!).then(
        () => 'answered',
        (error: Error) => error.message,
      );
      // A crash, as the pool sees one: the thread ends without the pool stopping it.
      const threads = (single as unknown as { answerers: { worker: Worker }[] }).answerers;
      await threads[0]!.worker.terminate();
      expect(await onThread).toMatch(/answered|exited/);
      expect(errors).toHaveLength(1);
      expect(untimed(await single.ask(QUESTIONS[1]!))).toEqual(untimed(local.ask(QUESTIONS[1]!)));
      expect(threads[0]!.worker.threadId, 'a running thread in the dead one’s place').toBeGreaterThan(0);
    } finally {
      await single.close();
    }
  });

  it('refuses to start on a file that is not an index, and fails calls once closed', async () => {
    await expect(EnginePool.start({ indexFile: path.join(tmpdir(), 'no-such-index.idx'), threads: 1 })).rejects.toThrow();
    const closing = await EnginePool.start({ indexFile: sliceIndexFile, threads: 1, quickThread: false });
    // The first call is on the thread (answered or cut off by the stop: either way it settles).
    const onThread = closing.ask(QUESTIONS[0]!).catch(() => 'cut off');
    const queued = closing.ask(QUESTIONS[1]!);
    const refused = expect(queued).rejects.toThrow(/closed/);
    await closing.close();
    await refused;
    await onThread;
    await expect(closing.suggestTitles('kernel')).rejects.toThrow(/closed/);
  });
});

describe('reloading an engine served by threads', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'engine-pool-reload-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('swaps in new threads; a leased engine keeps its threads until the lease ends, then they stop', async () => {
    const indexFile = path.join(dir, 'index.idx');
    copyFileSync(sliceIndexFile, indexFile);
    const lines: string[] = [];
    const logger = {
      info: (_fields: object, msg: string) => lines.push(msg),
      warn: (_fields: object, msg: string) => lines.push(msg),
      error: (_fields: object, msg: string) => lines.push(msg),
    };
    const open = (file: string) => openEngineThreads({ indexFile: file, threads: 1, quickThread: false });
    const first = await open(indexFile);
    const reloading = startReloadingEngine(first, { indexFile, logger, watch: false, signals: [], open });
    try {
      const lease = reloading.holder.lease();
      expect(await reloading.reload('test')).toBe(true);
      const second = reloading.holder.current;
      expect(second).not.toBe(first);
      // The interaction that started before the reload still answers from the first threads.
      expect(lease.engine).toBe(first.engine);
      expect(untimed(await lease.engine.ask(QUESTIONS[0]!))).toEqual(untimed(local.ask(QUESTIONS[0]!)));
      lease.release();
      expect(lines).toContain('previous index released (its last interaction finished)');
      await expect(first.engine.ask(QUESTIONS[0]!)).rejects.toThrow(/closed/);
      expect(untimed(await second.engine.ask(QUESTIONS[0]!))).toEqual(untimed(local.ask(QUESTIONS[0]!)));
    } finally {
      reloading.stop();
      await reloading.holder.current.close?.();
    }
  });
});
