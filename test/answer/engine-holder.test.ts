// The engine holder over the real engine (test slice index): leases keep the engine an
// interaction started with across a swap; a replaced engine is released after its last
// lease; a failed load keeps the current engine; SIGHUP reloads. Moved pages are followed
// by old path and by the hashed key that stood for a long old path.
import { describe, expect, it } from 'vitest';
import { EngineHolder } from '../../bot/answer/engine-holder.ts';
import { pageId } from '../../bot/answer/page-id.ts';
import { followMovedPages } from '../../bot/answer/follow-moved-pages.ts';
import { startReloadingEngine } from '../../bot/answer/index-reloader.ts';
import { openServedEngine, type ServedEngine } from '../../bot/answer/served-engine.ts';
import { sliceIndexFile } from '../support/slice.ts';
import { createTestEngine } from '../support/test-engine.ts';

const QUESTION = 'How do I keep my driver from running out of kernel-mode stack?';

async function served(): Promise<ServedEngine> {
  // Two distinct engine objects over the same index, told apart by identity.
  const real = await createTestEngine();
  return {
    engine: followMovedPages(real, {
      'windows-driver-docs-pr/kernel/no-such-old-page.md': 'windows-driver-docs-pr/kernel/using-the-kernel-stack.md',
    }),
    meta: undefined,
  };
}

describe('EngineHolder', () => {
  it('keeps a leased engine across a swap and releases the old one after its last lease', async () => {
    const released: number[] = [];
    const first = await served();
    const second = await served();
    const holder = new EngineHolder(first, { onReleased: (_s, generation) => released.push(generation) });
    const a = holder.lease();
    const b = holder.lease();
    holder.swap(second);
    expect(holder.current).toBe(second);
    expect(a.engine).toBe(first.engine);
    expect((await a.engine.ask(QUESTION)).excerpts.length).toBeGreaterThan(0);
    expect(holder.lease().engine).toBe(second.engine);
    a.release();
    a.release(); // twice is harmless
    expect(released).toEqual([]);
    b.release();
    expect(released).toEqual([0]);
  });

  it('a failed load leaves the current engine serving; reloads run one at a time', async () => {
    const first = await served();
    const holder = new EngineHolder(first);
    await expect(
      holder.reload(() => {
        throw new Error('damaged index');
      }),
    ).rejects.toThrow('damaged index');
    expect(holder.current).toBe(first);
    const order: string[] = [];
    const second = await served();
    const third = await served();
    const slow = holder.reload(async () => {
      await new Promise((resolve) => setTimeout(resolve, 50));
      order.push('second');
      return second;
    });
    const fast = holder.reload(() => {
      order.push('third');
      return third;
    });
    await Promise.all([slow, fast]);
    expect(order).toEqual(['second', 'third']);
    expect(holder.current).toBe(third);
    expect(holder.generation).toBe(2);
  });
});

describe('followMovedPages', () => {
  it('opens a moved page by its old path and by the page id of its old path', async () => {
    const real = await createTestEngine();
    const target = 'windows-driver-docs-pr/kernel/using-the-kernel-stack.md';
    expect(real.pageByPath(target)).toBeDefined();
    const longOldPath = `windows-driver-docs-pr/kernel/${'an-old-and-very-long-page-name-'.repeat(4)}.md`;
    const engine = followMovedPages(real, { 'windows-driver-docs-pr/kernel/old-stack.md': target, [longOldPath]: target });
    expect(engine.pageByPath('windows-driver-docs-pr/kernel/old-stack.md')?.path).toBe(target);
    expect(engine.pageByPath(longOldPath)?.path).toBe(target);
    expect(engine.pageById(pageId(longOldPath))?.path).toBe(target);
    expect(engine.pageById(pageId(target))?.path).toBe(target);
    expect(engine.pageByPath('windows-driver-docs-pr/kernel/never-existed.md')).toBeUndefined();
    expect(engine.pageById(pageId('windows-driver-docs-pr/kernel/never-existed.md'))).toBeUndefined();
  });
});

describe('startReloadingEngine', () => {
  it('reloads on SIGHUP and logs the docs it now serves', async () => {
    const lines: Array<{ msg: string; reason?: string; pages?: number }> = [];
    const logger = {
      info: (fields: object, msg: string) => lines.push({ ...fields, msg }),
      warn: (fields: object, msg: string) => lines.push({ ...fields, msg }),
      error: (fields: object, msg: string) => lines.push({ ...fields, msg }),
    };
    const first = openServedEngine(sliceIndexFile);
    const reloading = startReloadingEngine(first, { indexFile: sliceIndexFile, logger, watch: false });
    try {
      process.kill(process.pid, 'SIGHUP');
      const started = Date.now();
      while (!lines.some((l) => l.msg.startsWith('index reloaded')) && Date.now() - started < 20_000) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const reloaded = lines.find((l) => l.msg.startsWith('index reloaded'));
      expect(reloaded).toMatchObject({ reason: 'SIGHUP', pages: first.meta!.pages });
      expect(reloading.holder.current).not.toBe(first);
      expect((await reloading.holder.current.engine.ask(QUESTION)).excerpts.length).toBeGreaterThan(0);
      // Nothing leased the first engine, so it was released at once.
      expect(lines.some((l) => l.msg.startsWith('previous index released'))).toBe(true);
    } finally {
      reloading.stop();
    }
    expect(process.listenerCount('SIGHUP')).toBe(0);
  });
});
