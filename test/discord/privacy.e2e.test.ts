// Per-server privacy and bounded records, through the real client and the stand-in: a
// server's /feedback-summary lists its own public questions only, and a context-menu
// question is stored no longer than an /ask question.
import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { STORED_QUESTION_MAX } from '../../bot/discord/store/records.ts';
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
    factory.slash(
      'ask',
      [
        { name: 'question', type: STRING, value: question },
        { name: 'hide', type: BOOLEAN, value: hide },
      ],
      makeUser(),
    ),
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
  const unanswered = db.prepare("SELECT MAX(length(question)) AS n FROM unanswered WHERE question LIKE '%long message%'").get() as {
    n: number;
  };
  db.close();
  expect(longest.n).toBeGreaterThan(0);
  expect(longest.n).toBeLessThanOrEqual(STORED_QUESTION_MAX);
  expect(unanswered.n).toBeLessThanOrEqual(STORED_QUESTION_MAX);
});

test('user text in embeds cannot render channel links, timestamps, emoji or right-to-left overrides', async () => {
  const factory = new InteractionFactory(h.standIn.applicationId);
  const hostile = `${unanswerable('hostile')} <#123456789012345678> <t:1700000000:R> </ask:123456789012345678> <:blob:123456789012345678> \u202Eexe.txt\u2066x\u2069 \u001b[31m`;
  const interaction = factory.slash('ask', [{ name: 'question', type: STRING, value: hostile }], makeUser());
  const requests = await h.run(interaction);
  const edit = requests.find((r) => r.method === 'PATCH' && r.path.endsWith('/messages/%40original'))!;
  const text = JSON.stringify(edit.body.embeds);
  expect(text, 'the question is shown').toContain('hostile');
  for (const form of ['<#123', '<t:17', '</ask', '<:blob']) expect(text).not.toContain(form);
  expect(text).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
  expect(text, 'no escape character (JSON shows it as \\u001b)').not.toContain('\\u001b');
  // The summary shows it the same way.
  const summary = await summaryText(factory);
  expect(summary).toContain('hostile');
  expect(summary).not.toContain('<#123');
  expect(summary).not.toMatch(/[\u202e\u001b]/);
});
