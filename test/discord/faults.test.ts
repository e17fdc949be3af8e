// Faults of the bot's surroundings, each met by the real `npm start` process against the
// Discord stand-in: a damaged or failing feedback database, a stop while an answer is in
// flight, and a gateway that closes for good.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { FeedbackStore } from '../../bot/discord/feedback-store.ts';
import { STORE_UNAVAILABLE_NOTE } from '../../bot/discord/store-guard.ts';
import { type BotProcess, makeDataDir, startBotProcess } from '../support/bot-process.ts';
import { TEST_TOKEN } from '../support/discord-harness.ts';
import { InteractionFactory, makeUser } from '../support/discord-interactions.ts';
import { DiscordStandIn, type RecordedRequest } from '../support/discord-stand-in.ts';

const STRING = 3;
const QUESTION = 'How do I keep my driver from running out of kernel-mode stack?';
const NONSENSE = 'zxqv wplk frobnicate the quux of glorbs';
const FATAL = 60;

let standIn: DiscordStandIn;
let bot: BotProcess | undefined;
let factory: InteractionFactory;

beforeEach(async () => {
  standIn = await DiscordStandIn.start();
  factory = new InteractionFactory(standIn.applicationId);
});

afterEach(async () => {
  await bot?.cleanUp();
  bot = undefined;
  await standIn.close();
});

async function startReady(dataDir?: string): Promise<BotProcess> {
  bot = startBotProcess({ standIn, ...(dataDir ? { dataDir } : {}) });
  await bot.waitForLog((line) => line.msg === 'bot ready', 30_000);
  return bot;
}

function askInteraction(question: string) {
  return factory.slash('ask', [{ name: 'question', type: STRING, value: question }], makeUser());
}

/** Dispatches and waits for the bot's "interaction done" line. */
async function run(process: BotProcess, interaction: any): Promise<RecordedRequest[]> {
  standIn.dispatchInteraction(interaction);
  await process.waitForLog((line) => line.msg === 'interaction done' && line.interaction?.id === interaction.id);
  return standIn.requestsFor(interaction);
}

function answerEdit(requests: RecordedRequest[]): any {
  const edit = requests.find((r) => r.method === 'PATCH' && r.path.endsWith('/messages/%40original'));
  expect(edit, 'the deferred reply was completed').toBeDefined();
  return edit!.body;
}

function buttonId(body: any, label: string): string {
  const found = (body.components ?? []).flatMap((row: any) => row.components).find((b: any) => b.label === label);
  expect(found, `button ${label}`).toBeDefined();
  return found.custom_id;
}

/** The ephemeral note a button press got (callback type 4). */
function noteOf(requests: RecordedRequest[]): string {
  const callback = requests.find((r) => r.path.endsWith('/callback'));
  expect(callback?.body.type).toBe(4);
  expect(callback?.body.data.flags & 64).toBe(64);
  return callback!.body.data.content;
}

describe('feedback database faults never cost an answer', () => {
  test('a garbage database file is moved aside, a fresh one is created, and answers and votes work', async () => {
    const dataDir = makeDataDir();
    const dbFile = path.join(dataDir, 'discord', 'feedback.sqlite');
    mkdirSync(path.dirname(dbFile), { recursive: true });
    const garbage = Buffer.from('this is not an SQLite database, it was overwritten '.repeat(200));
    writeFileSync(dbFile, garbage);

    const process = await startReady(dataDir);
    const moved = process.logs.find((line) => line.msg.includes('moved it aside'));
    expect(moved, 'a log line naming both files').toMatchObject({ file: dbFile });
    expect(moved!.movedTo).toMatch(/feedback\.sqlite\.corrupt-\d{4}-\d\d-\d\dT/);
    expect(readFileSync(moved!.movedTo).equals(garbage), 'the damaged file is kept as it was').toBe(true);

    const interaction = askInteraction(QUESTION);
    const body = answerEdit(await run(process, interaction));
    expect(body.embeds.length).toBeGreaterThan(0);
    const vote = factory.button(buttonId(body, 'Helpful'), standIn.originalMessage(interaction.token)!, makeUser());
    expect(noteOf(await run(process, vote))).toMatch(/^Thanks for the 👍/);

    // The fresh database holds the vote.
    const db = new Database(dbFile, { readonly: true });
    expect((db.prepare('SELECT COUNT(*) AS n FROM feedback').get() as { n: number }).n).toBe(1);
    db.close();
  });

  test('a store whose writes fail: answers still delivered, buttons say so politely, one log line', async () => {
    const dataDir = makeDataDir();
    const dbFile = path.join(dataDir, 'discord', 'feedback.sqlite');
    FeedbackStore.open(dbFile).close();
    // Every write fails inside SQLite, as on a full disk.
    const db = new Database(dbFile);
    for (const table of ['views', 'unanswered', 'feedback']) {
      db.exec(`CREATE TRIGGER full_${table} BEFORE INSERT ON ${table} BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`);
    }
    db.close();

    const process = await startReady(dataDir);
    const first = askInteraction(QUESTION);
    const body = answerEdit(await run(process, first));
    expect(body.embeds.length, 'the answer is delivered').toBeGreaterThan(0);
    const unanswered = answerEdit(await run(process, askInteraction(NONSENSE)));
    expect(unanswered.embeds.length).toBeGreaterThan(0);
    answerEdit(await run(process, askInteraction(`${QUESTION} Please.`)));

    const vote = factory.button(buttonId(body, 'Helpful'), standIn.originalMessage(first.token)!, makeUser());
    expect(noteOf(await run(process, vote))).toBe(STORE_UNAVAILABLE_NOTE);

    const failures = process.logs.filter((line) => line.msg.startsWith('feedback store unavailable'));
    expect(failures, 'logged once, not once per request').toHaveLength(1);
    expect(failures[0]).toMatchObject({ file: dbFile });
    expect(failures[0]!.reason).toMatch(/disk is full/);
    expect(process.logs.filter((line) => line.msg === 'interaction handler failed')).toHaveLength(0);
  });
});

describe('stops', () => {
  test('SIGTERM with an answer in flight: the answer is delivered, new ones are turned away, close 1000, exit 0', async () => {
    const process = await startReady();
    // Discord is slow to take the acknowledgement: the answer is in flight when the stop comes.
    standIn.delayNext({ method: 'POST', path: /\/callback$/, ms: 1500 });
    const inFlight = askInteraction(QUESTION);
    standIn.dispatchInteraction(inFlight);
    await standIn.waitForDelayed();
    process.child.kill('SIGTERM');
    await process.waitForLog((line) => line.msg.startsWith('stopping'));

    const late = askInteraction(QUESTION);
    standIn.dispatchInteraction(late);
    const closeCode = standIn.waitForGatewayClose(15_000);
    expect(await process.exited).toBe(0);
    expect(await closeCode).toBe(1000);

    const body = answerEdit(standIn.requestsFor(inFlight));
    expect(body.embeds.length).toBeGreaterThan(0);
    const lateCallback = standIn.requestsFor(late).find((r) => r.path.endsWith('/callback'));
    expect(lateCallback?.body.data.content, 'a new interaction is told to come back').toMatch(/restarting/);
    expect(process.logs.some((line) => line.msg === 'interaction handler failed')).toBe(false);
    expect(process.logs.some((line) => line.msg === 'bot stopped')).toBe(true);
    // Everything happened before the gateway closed.
    const lastRest = Math.max(...standIn.requests.filter((r) => r.path.includes(inFlight.token)).map((r) => r.at));
    expect(lastRest).toBeLessThanOrEqual(standIn.gatewayCloses[0]!.at);
  });

  test('SIGTERM while the index loads: exit 0 without connecting', async () => {
    bot = startBotProcess({ standIn });
    await bot.waitForLog((line) => line.msg === 'loading the answer engine');
    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
    expect(bot.logs.some((line) => line.msg.startsWith('stopping'))).toBe(true);
  });
});

describe('loud failures', () => {
  test('the gateway closes with 4004 while running: exit non-zero with one line saying what to fix', async () => {
    const process = await startReady();
    standIn.closeGateway(4004, 'Authentication failed.');
    const code = await process.exited;
    expect(code, 'EX_CONFIG: the operator must act').toBe(78);
    const fatal = process.logs.filter((line) => line.level === FATAL);
    expect(fatal).toHaveLength(1);
    expect(fatal[0]!.msg).toMatch(/token.*DISCORD_TOKEN/);
    expect(fatal[0]!.msg).toMatch(/developer portal/);
  });

  test('the gateway refuses the identify with 4004: exit non-zero, not a hang', async () => {
    standIn.closeOnIdentify = 4004;
    bot = startBotProcess({ standIn });
    const code = await bot.exited;
    expect(code, 'EX_CONFIG: the operator must act').toBe(78);
    expect(bot.logs.some((line) => line.msg === 'bot ready')).toBe(false);
    const fatal = bot.logs.filter((line) => line.level === FATAL);
    expect(fatal).toHaveLength(1);
    expect(fatal[0]!.msg).toMatch(/DISCORD_TOKEN/);
    expect(existsSync(bot.dataDir)).toBe(true);
  });
});

describe('secrets in logs', () => {
  test('the token in odd fields of an API error, and the password in DISCORD_API_URL, never reach a log line', async () => {
    const password = 'proxy-hunter2-password';
    const url = new URL(standIn.apiUrl);
    url.username = 'proxyuser';
    url.password = password;
    bot = startBotProcess({ standIn, env: { DISCORD_API_URL: url.href } });
    const ready = await bot.waitForLog((line) => line.msg === 'bot ready', 30_000);
    expect(ready.api).toBe(`http://127.0.0.1:${url.port}/api`);

    // Discord answers the acknowledgement with an error that carries the token in odd places.
    standIn.failNext({
      method: 'POST',
      path: /\/callback$/,
      status: 400,
      body: {
        message: `Invalid Form Body for Bot ${TEST_TOKEN}`,
        code: 50035,
        errors: { Headers: { 'X-Echo-Authorization': `Bot ${TEST_TOKEN}` }, deep: [[{ _errors: [{ code: 'X', message: TEST_TOKEN }] }]] },
        Token: TEST_TOKEN,
      },
    });
    const interaction = askInteraction(QUESTION);
    await run(bot, interaction);
    const failed = await bot.waitForLog((line) => line.msg === 'interaction handler failed');
    expect(failed.err.status).toBe(400);

    const everything = bot.rawLog.join('\n') + bot.stderr();
    expect(everything).not.toContain(TEST_TOKEN);
    expect(everything).not.toContain(TEST_TOKEN.split('.')[2]!);
    expect(everything).not.toContain(password);
    expect(everything).not.toContain(interaction.token.slice(4));
  });
});
