// Per-server privacy and bounded records, through the real client and the stand-in: a
// server's /feedback-summary lists its own public questions only, and a context-menu
// question is stored no longer than an /ask question.
import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { STORED_QUESTION_MAX } from '../../bot/discord/feedback-store.ts';
import { type Harness, startHarness } from '../support/discord-harness.ts';
import { InteractionFactory, makeUser } from '../support/discord-interactions.ts';

const STRING = 3;
const BOOLEAN = 5;

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ cooldownSeconds: 0 });
});
afterAll(async () => {
  await h?.close();
});

function unanswerable(label: string): string {
  return `zxqv wplk glorbs ${label}`;
}

async function ask(factory: InteractionFactory, question: string, hide = false) {
  await h.run(
    factory.slash('ask', [{ name: 'question', type: STRING, value: question }, { name: 'hide', type: BOOLEAN, value: hide }], makeUser()),
  );
}

async function summaryText(factory: InteractionFactory): Promise<string> {
  const interaction = factory.slash('feedback-summary', [], makeUser());
  const requests = await h.run(interaction);
  const callback = requests.find((r) => r.path.endsWith('/callback'))!;
  expect(callback.body.data.flags & 64, 'the summary is private').toBe(64);
  return JSON.stringify(callback.body.data.embeds);
}

test("/feedback-summary shows the server's own public questions only", async () => {
  const serverA = new InteractionFactory(h.standIn.applicationId);
  const serverB = new InteractionFactory(h.standIn.applicationId);
  await ask(serverA, unanswerable('public alpha'));
  await ask(serverA, unanswerable('hidden alpha'), true);
  await ask(serverB, unanswerable('public beta'));

  const inA = await summaryText(serverA);
  expect(inA).toContain('public alpha');
  expect(inA, 'hidden questions are never shown').not.toContain('hidden alpha');
  expect(inA, "another server's questions are never shown").not.toContain('public beta');
  expect(inA).toContain('unanswered questions: 2');
  const inB = await summaryText(serverB);
  expect(inB).toContain('public beta');
  expect(inB).not.toContain('alpha');
});

test('a long message asked through the context menu is cut like an /ask question', async () => {
  const factory = new InteractionFactory(h.standIn.applicationId);
  const text = `${unanswerable('long message')} ${'padding words '.repeat(400)}`;
  await h.run(factory.messageCommand('Ask the driver docs', { content: text, author: makeUser() }, makeUser()));
  const db = new Database(h.settings.feedbackDbFile, { readonly: true });
  const longest = db.prepare("SELECT MAX(length(query)) AS n FROM views WHERE query LIKE '%long message%'").get() as { n: number };
  const unanswered = db.prepare("SELECT MAX(length(question)) AS n FROM unanswered WHERE question LIKE '%long message%'").get() as { n: number };
  db.close();
  expect(longest.n).toBeGreaterThan(0);
  expect(longest.n).toBeLessThanOrEqual(STORED_QUESTION_MAX);
  expect(unanswered.n).toBeLessThanOrEqual(STORED_QUESTION_MAX);
});
