// /ask questions that are a key tip's question prefer the tip's pages among what retrieval
// found: the matcher must recognise the tips' questions and paraphrases and leave other
// questions alone; the reordering must never add or drop a retrieved page.
import { describe, expect, it } from 'vitest';
import { keyTipForQuestion, preferTipPages, preferredPagesFor } from '../../bot/answer/key-tip-match.ts';
import { keyTipPagePaths, keyTips } from '../../corpus/key-tips.ts';
import { createTestEngine } from '../support/test-engine.ts';

describe('key tip matching for /ask', () => {
  it("recognises every tip's own question", () => {
    for (const tip of keyTips) expect(keyTipForQuestion(tip.question)?.id, tip.id).toBe(tip.id);
  });

  it.each([
    ['Can I call IoQueueWorkItem twice on the same work item?', 'queue-work-item-once'],
    ['when do I clear DO_DEVICE_INITIALIZING', 'do-device-initializing'],
    ['what does MmProbeAndLockPages lock', 'mmprobeandlockpages'],
    ['how do I avoid deadlocks with spin locks', 'locks-deadlocks-synchronization'],
    ['which pool tag is leaking memory', 'whos-using-the-pool'],
  ])('matches the paraphrase "%s" to %s', (question, id) => {
    expect(keyTipForQuestion(question)?.id).toBe(id);
    expect(preferredPagesFor(question)).toEqual(keyTipPagePaths(keyTips.find((tip) => tip.id === id)!));
  });

  it.each(['How do I write an INF file?', 'What is an IRP?', 'bug check 0x9F DRIVER_POWER_STATE_FAILURE', '', '   '])(
    'leaves "%s" to retrieval alone',
    (question) => {
      expect(keyTipForQuestion(question)).toBeUndefined();
      expect(preferredPagesFor(question)).toEqual([]);
    },
  );

  it("moves retrieved pages of the question's tip to the front, adding and dropping nothing", async () => {
    const engine = await createTestEngine();
    const question = 'Can I call IoQueueWorkItem twice on the same work item?';
    const hits = engine.search(question, { limit: 10 });
    const preferred = preferredPagesFor(question);
    const reordered = preferTipPages(hits, preferred, (hit) => hit.path);
    expect([...reordered].map((hit) => hit.path).sort()).toEqual(hits.map((hit) => hit.path).sort());
    const firstOther = reordered.findIndex((hit) => !preferred.includes(hit.path));
    const lastPreferred = reordered.map((hit) => preferred.includes(hit.path)).lastIndexOf(true);
    expect(lastPreferred).toBeGreaterThanOrEqual(0);
    if (firstOther >= 0) expect(lastPreferred).toBeLessThan(firstOther);
    // Within each group, retrieval's order is kept.
    const order = (paths: string[]) => hits.map((hit) => hit.path).filter((path) => paths.includes(path));
    const preferredPaths = reordered.filter((hit) => preferred.includes(hit.path)).map((hit) => hit.path);
    expect(preferredPaths).toEqual(order(preferredPaths));
    expect(preferTipPages(hits, [], (hit) => hit.path)).toEqual(hits);
  });
});
