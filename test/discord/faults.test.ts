// Faults of the bot's surroundings, each met by the real `npm start` process against the
// Discord stand-in: a damaged or failing feedback database, a stop while an answer is in
// flight, and a gateway that closes for good.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, test } from 'vitest';
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

interface Scene {
  standIn: DiscordStandIn;
  factory: InteractionFactory;
  /** Starts `npm start` against this scene's stand-in; stopped and removed after the test. */
  start(options?: { dataDir?: string; env?: Record<string, string> }): BotProcess;
  startReady(dataDir?: string): Promise<BotProcess>;
  ask(question: string): any;
  /** Dispatches and waits for the bot's "interaction done" line. */
  run(bot: BotProcess, interaction: any): Promise<RecordedRequest[]>;
}

/** A stand-in of its own for one test, so the tests can run side by side. */
async function scene(onTestFinished: (cleanUp: () => Promise<void>) => void): Promise<Scene> {
  const standIn = await DiscordStandIn.start();
  const factory = new InteractionFactory(standIn.applicationId);
  const bots: BotProcess[] = [];
  onTestFinished(async () => {
    for (const bot of bots) await bot.cleanUp();
    await standIn.close();
  });
  const start: Scene['start'] = (options = {}) => {
    const bot = startBotProcess({ standIn, ...options });
    bots.push(bot);
    return bot;
  };
  return {
    standIn,
    factory,
    start,
    async startReady(dataDir) {
      const bot = start(dataDir ? { dataDir } : {});
      await bot.waitForLog((line) => line.msg === 'bot ready', 30_000);
      return bot;
    },
    ask: (question) => factory.slash('ask', [{ name: 'question', type: STRING, value: question }], makeUser()),
    async run(bot, interaction) {
      standIn.dispatchInteraction(interaction);
      await bot.waitForLog((line) => line.msg === 'interaction done' && line.interaction?.id === interaction.id);
      return standIn.requestsFor(interaction);
    },
  };
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

describe.concurrent('feedback database faults never cost an answer', () => {
  test('a garbage database file is moved aside, a fresh one is created, and answers and votes work', async ({ onTestFinished }) => {
    const s = await scene(onTestFinished);
    const dataDir = makeDataDir();
    const dbFile = path.join(dataDir, 'discord', 'feedback.sqlite');
    mkdirSync(path.dirname(dbFile), { recursive: true });
    const garbage = Buffer.from('this is not an SQLite database, it was overwritten '.repeat(200));
    writeFileSync(dbFile, garbage);

    const process = await s.startReady(dataDir);
    const moved = process.logs.find((line) => line.msg.includes('moved it aside'));
    expect(moved, 'a log line naming both files').toMatchObject({ file: dbFile });
    expect(moved!.movedTo).toMatch(/feedback\.sqlite\.corrupt-\d{4}-\d\d-\d\dT/);
    expect(readFileSync(moved!.movedTo).equals(garbage), 'the damaged file is kept as it was').toBe(true);

    const interaction = s.ask(QUESTION);
    const body = answerEdit(await s.run(process, interaction));
    expect(body.embeds.length).toBeGreaterThan(0);
    const vote = s.factory.button(buttonId(body, 'Helpful'), s.standIn.originalMessage(interaction.token)!, makeUser());
    expect(noteOf(await s.run(process, vote))).toMatch(/^Thanks for the 👍/);

    // The fresh database holds the vote.
    const db = new Database(dbFile, { readonly: true });
    expect((db.prepare('SELECT COUNT(*) AS n FROM feedback').get() as { n: number }).n).toBe(1);
    db.close();
  });

  test('a store whose writes fail: answers still delivered, buttons say so politely, one log line', async ({ onTestFinished }) => {
    const s = await scene(onTestFinished);
    const dataDir = makeDataDir();
    const dbFile = path.join(dataDir, 'discord', 'feedback.sqlite');
    FeedbackStore.open(dbFile).close();
    // Every write fails inside SQLite, as on a full disk.
    const db = new Database(dbFile);
    for (const table of ['views', 'unanswered', 'feedback']) {
      db.exec(`CREATE TRIGGER full_${table} BEFORE INSERT ON ${table} BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`);
    }
    db.close();

    const process = await s.startReady(dataDir);
    const first = s.ask(QUESTION);
    const body = answerEdit(await s.run(process, first));
    expect(body.embeds.length, 'the answer is delivered').toBeGreaterThan(0);
    const unanswered = answerEdit(await s.run(process, s.ask(NONSENSE)));
    expect(unanswered.embeds.length).toBeGreaterThan(0);
    answerEdit(await s.run(process, s.ask(`${QUESTION} Please.`)));

    const vote = s.factory.button(buttonId(body, 'Helpful'), s.standIn.originalMessage(first.token)!, makeUser());
    expect(noteOf(await s.run(process, vote))).toBe(STORE_UNAVAILABLE_NOTE);

    const failures = process.logs.filter((line) => line.msg.startsWith('feedback store unavailable'));
    expect(failures, 'logged once, not once per request').toHaveLength(1);
    expect(failures[0]).toMatchObject({ file: dbFile });
    expect(failures[0]!.reason).toMatch(/disk is full/);
    expect(process.logs.filter((line) => line.msg === 'interaction handler failed')).toHaveLength(0);
  });
});

describe.concurrent('stops', () => {
  test('SIGTERM with an answer in flight: the answer is delivered, new ones are turned away, close 1000, exit 0', async ({
    onTestFinished,
  }) => {
    const s = await scene(onTestFinished);
    const process = await s.startReady();
    // Discord is slow to take the acknowledgement: the answer is in flight when the stop comes.
    const acknowledgement = s.standIn.holdNext({ method: 'POST', path: /\/callback$/ });
    const inFlight = s.ask(QUESTION);
    s.standIn.dispatchInteraction(inFlight);
    await acknowledgement.arrived;
    process.child.kill('SIGTERM');
    await process.waitForLog((line) => line.msg.startsWith('stopping'));

    const late = s.ask(QUESTION);
    s.standIn.dispatchInteraction(late);
    await s.standIn.waitForRequest((r) => r.path.startsWith(`/interactions/${late.id}/`));
    expect(process.exitCode, 'still waiting for the answer in flight').toBeNull();
    const closeCode = s.standIn.waitForGatewayClose(15_000);
    acknowledgement.release();
    expect(await process.exited).toBe(0);
    expect(await closeCode).toBe(1000);

    const body = answerEdit(s.standIn.requestsFor(inFlight));
    expect(body.embeds.length).toBeGreaterThan(0);
    const lateCallback = s.standIn.requestsFor(late).find((r) => r.path.endsWith('/callback'));
    expect(lateCallback?.body.data.content, 'a new interaction is told to come back').toMatch(/restarting/);
    expect(process.logs.some((line) => line.msg === 'interaction handler failed')).toBe(false);
    expect(process.logs.some((line) => line.msg === 'bot stopped')).toBe(true);
    // Everything happened before the gateway closed.
    const lastRest = Math.max(...s.standIn.requests.filter((r) => r.path.includes(inFlight.token)).map((r) => r.at));
    expect(lastRest).toBeLessThanOrEqual(s.standIn.gatewayCloses[0]!.at);
  });

  test('SIGTERM while the index loads: exit 0 without connecting', async ({ onTestFinished }) => {
    const s = await scene(onTestFinished);
    const bot = s.start();
    await bot.waitForLog((line) => line.msg === 'loading the answer engine');
    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
    expect(bot.logs.some((line) => line.msg.startsWith('stopping'))).toBe(true);
  });
});

describe.concurrent('loud failures', () => {
  test('the gateway closes with 4004 while running: exit non-zero with one line saying what to fix', async ({ onTestFinished }) => {
    const s = await scene(onTestFinished);
    const process = await s.startReady();
    s.standIn.closeGateway(4004, 'Authentication failed.');
    const code = await process.exited;
    expect(code, 'EX_CONFIG: the operator must act').toBe(78);
    const fatal = process.logs.filter((line) => line.level === FATAL);
    expect(fatal).toHaveLength(1);
    expect(fatal[0]!.msg).toMatch(/token.*DISCORD_TOKEN/);
    expect(fatal[0]!.msg).toMatch(/developer portal/);
  });

  test('the gateway refuses the identify with 4004: exit non-zero, not a hang', async ({ onTestFinished }) => {
    const s = await scene(onTestFinished);
    s.standIn.closeOnIdentify = 4004;
    const bot = s.start();
    const code = await bot.exited;
    expect(code, 'EX_CONFIG: the operator must act').toBe(78);
    expect(bot.logs.some((line) => line.msg === 'bot ready')).toBe(false);
    const fatal = bot.logs.filter((line) => line.level === FATAL);
    expect(fatal).toHaveLength(1);
    expect(fatal[0]!.msg).toMatch(/DISCORD_TOKEN/);
    expect(existsSync(bot.dataDir)).toBe(true);
  });
});

describe.concurrent('secrets in logs', () => {
  test('the token in odd fields of an API error, and the password in DISCORD_API_URL, never reach a log line', async ({
    onTestFinished,
  }) => {
    const s = await scene(onTestFinished);
    const password = 'proxy-hunter2-password';
    const url = new URL(s.standIn.apiUrl);
    url.username = 'proxyuser';
    url.password = password;
    const bot = s.start({ env: { DISCORD_API_URL: url.href } });
    const ready = await bot.waitForLog((line) => line.msg === 'bot ready', 30_000);
    expect(ready.api).toBe(`http://127.0.0.1:${url.port}/api`);

    // Discord answers the acknowledgement with an error that carries the token in odd places.
    s.standIn.failNext({
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
    const interaction = s.ask(QUESTION);
    await s.run(bot, interaction);
    const failed = await bot.waitForLog((line) => line.msg === 'interaction handler failed');
    expect(failed.err.status).toBe(400);

    const everything = bot.rawLog.join('\n') + bot.stderr();
    expect(everything).not.toContain(TEST_TOKEN);
    expect(everything).not.toContain(TEST_TOKEN.split('.')[2]!);
    expect(everything).not.toContain(password);
    expect(everything).not.toContain(interaction.token.slice(4));
  });
});
