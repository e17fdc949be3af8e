// The answer engine the tests run against: the real engine over the real-corpus slice
// index that global setup builds.
import type { AnswerEngineContract } from '../../bot/answer/engine-contract.ts';
import { AnswerEngine } from '../../bot/answer/engine.ts';
import { EnginePool } from '../../bot/answer/engine-threads/engine-pool.ts';
import { openIndex } from '../../indexer/load-index.ts';
import { sliceIndexFile } from './slice.ts';

let engine: AnswerEngine | undefined;

export async function createTestEngine(): Promise<AnswerEngineContract> {
  engine ??= new AnswerEngine(openIndex(sliceIndexFile));
  return engine;
}

/** `real` with some contract methods replaced. Every other method is real's own, called on
 *  real, so a wrapper made this way keeps up with the contract without an edit. */
export function withEngineOverrides<E extends object>(real: E, overrides: Partial<E>): E {
  return new Proxy(real, {
    get(target, key) {
      if (Object.hasOwn(overrides, key)) return overrides[key as keyof E];
      const value = Reflect.get(target, key);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/**
 * The same engine as `serve` runs it: in worker threads over the slice index (one answer
 * thread and autocomplete's own). The caller closes it.
 */
export function startTestEngineThreads(): Promise<EnginePool> {
  return EnginePool.start({ indexFile: sliceIndexFile, threads: 1 });
}
