// The feedback database and its summary, and the summary CLI.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, test } from 'vitest';
import { feedbackSummaryCli } from '../../bot/cli/feedback-summary.ts';
import Database from 'better-sqlite3';
import pino from 'pino';
import { keepPruning } from '../../bot/discord/store-retention.ts';
import {
  FeedbackStore,
  STORED_QUESTION_MAX,
  UNANSWERED_PER_ASKER_PER_DAY_MAX,
  VIEWS_PER_ASKER_MAX,
  VOTES_PER_USER_PER_DAY_MAX,
} from '../../bot/discord/feedback-store.ts';

const run = promisify(execFile);

async function cli(argv: string[], env: NodeJS.ProcessEnv = {}) {
  let stdout = '';
  let stderr = '';
  const code = await feedbackSummaryCli(argv, {
    env,
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
  });
  return { code, stdout, stderr };
}
const dir = mkdtempSync(path.join(tmpdir(), 'feedback-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('FeedbackStore', () => {
  test('records views, votes (one per person) and unanswered questions, durably', () => {
    const file = path.join(dir, 'a', 'feedback.sqlite');
    let now = 1_000_000;
    const store = FeedbackStore.open(file, { now: () => now });
    const view = store.saveView({ kind: 'ask', query: 'q1', offset: 0, citedUrls: ['https://learn.microsoft.com/x'], nextOffset: 2 });
    expect(store.getView(view.id)).toEqual(view);
    expect(store.recordVote(view.id, '111111111111111111', 'up')).toBe('recorded');
    expect(store.recordVote(view.id, '111111111111111111', 'down')).toBe('changed');
    expect(store.recordVote(view.id, '222222222222222222', 'down')).toBe('recorded');
    expect(store.recordVote('missing', '222222222222222222', 'down')).toBe('unknown-view');
    store.recordUnanswered('ask', 'What is a frob?', 'no-match');
    store.recordUnanswered('ask', '  what is a FROB? ', 'no-match');
    now += 10;
    store.recordUnanswered('api', 'NoSuchApi', 'unknown-api');
    store.close();

    const reopened = FeedbackStore.open(file);
    const summary = reopened.summary();
    expect(summary.votes).toEqual({ up: 0, down: 2 });
    expect(summary.totalUnanswered).toBe(3);
    expect(summary.topUnanswered[0]).toMatchObject({ count: 2 });
    expect(summary.mostDownvoted[0]).toMatchObject({ question: 'q1', down: 2, up: 0, citedUrls: ['https://learn.microsoft.com/x'] });
    expect(reopened.summary({ since: 1_000_005 }).totalUnanswered).toBe(1);
    reopened.close();
  });

  test('stores a hash of the user, not the id', () => {
    const file = path.join(dir, 'b.sqlite');
    const store = FeedbackStore.open(file);
    const view = store.saveView({ kind: 'ask', query: 'q', offset: 0, citedUrls: [] });
    store.recordVote(view.id, '333333333333333333', 'up');
    store.close();
    const raw = readFileSync(file);
    expect(raw.includes('333333333333333333')).toBe(false);
  });

  test('retention: views, votes and unanswered questions older than the window are deleted', () => {
    const day = 24 * 60 * 60 * 1000;
    let now = 0;
    const store = FeedbackStore.open(':memory:', { now: () => now });
    const old = store.saveView({ kind: 'ask', query: 'old question', offset: 0, citedUrls: [] });
    store.recordVote(old.id, '555555555555555555', 'down');
    store.recordUnanswered('ask', 'old unanswered', 'no-match');
    now = 31 * day;
    const recent = store.saveView({ kind: 'ask', query: 'recent question', offset: 0, citedUrls: [] });
    store.recordUnanswered('ask', 'recent unanswered', 'no-match');
    expect(store.prune(30 * day)).toEqual({ views: 1, unanswered: 1, feedback: 1 });
    expect(store.getView(old.id)).toBeUndefined();
    expect(store.getView(recent.id)).toBeDefined();
    const summary = store.summary();
    expect(summary.topUnanswered.map((row) => row.question)).toEqual(['recent unanswered']);
    expect(summary.votes).toEqual({ up: 0, down: 0 });
    store.close();
  });

  test('pruning runs while the bot runs, not only at start', async () => {
    const day = 24 * 60 * 60 * 1000;
    let now = 0;
    const store = FeedbackStore.open(':memory:', { now: () => now });
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(line) });
    const stop = keepPruning(store, { retentionMs: 30 * day, logger, everyMs: 20 });
    const view = store.saveView({ kind: 'ask', query: 'asked on day 0', offset: 0, citedUrls: [] });
    now = 31 * day;
    await expect.poll(() => store.getView(view.id), { timeout: 2000, interval: 10 }).toBeUndefined();
    stop();
    expect(lines.some((line) => line.includes('pruned old feedback records'))).toBe(true);
    store.close();
  });

  test('each table is capped, whatever the retention: the oldest rows go first', () => {
    let now = 0;
    const store = FeedbackStore.open(':memory:', { now: () => now, maxRowsPerTable: 50 });
    const first = store.saveView({ kind: 'search', query: 'first', offset: 0, citedUrls: [] });
    for (let i = 0; i < 50; i += 1) {
      now += 1;
      store.recordUnanswered('ask', `question ${i}`, 'no-match');
      store.saveView({ kind: 'search', query: `q${i}`, offset: 0, citedUrls: [] });
    }
    const removed = store.prune(365 * 24 * 60 * 60 * 1000);
    expect(removed).toEqual({ views: 1, unanswered: 0, feedback: 0 });
    expect(store.getView(first.id)).toBeUndefined();
    store.close();
  });

  test('one person asking every 3 seconds fills no more than their share', () => {
    let now = 0;
    const store = FeedbackStore.open(':memory:', { now: () => now });
    const spammer = '700000000000000001';
    const other = '700000000000000002';
    const otherView = store.saveView({ kind: 'ask', query: 'a regular question', offset: 0, citedUrls: [], askerId: other });
    const views = [];
    let recorded = 0;
    for (let i = 0; i < 2 * VIEWS_PER_ASKER_MAX; i += 1) {
      now += 3000;
      views.push(store.saveView({ kind: 'ask', query: `spam ${i}`, offset: 0, citedUrls: ['u1', 'u2', 'u3', 'u4', 'u5'], askerId: spammer }));
      if (store.recordUnanswered('ask', `spam ${i}`, 'no-match', { askerId: spammer })) recorded += 1;
    }
    expect(recorded).toBe(UNANSWERED_PER_ASKER_PER_DAY_MAX);
    expect(store.getView(views.at(-1)!.id)).toBeDefined();
    expect(store.getView(views.at(-VIEWS_PER_ASKER_MAX)!.id)).toBeDefined();
    expect(store.getView(views.at(-VIEWS_PER_ASKER_MAX - 1)!.id), 'older views of the same person are forgotten').toBeUndefined();
    expect(store.getView(otherView.id), "nobody else's").toBeDefined();
    expect(store.getView(views.at(-1)!.id)!.citedUrls).toHaveLength(3);
    // Votes: a daily share of new votes, changing a vote always works.
    const results = views.slice(-VOTES_PER_USER_PER_DAY_MAX - 1).map((view) => store.recordVote(view.id, spammer, 'up'));
    expect(results.filter((result) => result === 'recorded')).toHaveLength(VOTES_PER_USER_PER_DAY_MAX);
    expect(results.at(-1)).toBe('limited');
    expect(store.recordVote(views.at(-2)!.id, spammer, 'down')).toBe('changed');
    expect(store.recordVote(otherView.id, other, 'up')).toBe('recorded');
    store.close();
  });

  test('question text is stored at most STORED_QUESTION_MAX characters long', () => {
    const store = FeedbackStore.open(':memory:');
    const long = 'frob '.repeat(1000);
    const view = store.saveView({ kind: 'ask', query: long, offset: 0, citedUrls: [] });
    store.recordUnanswered('ask', long, 'no-match');
    expect(store.getView(view.id)!.query.length).toBe(STORED_QUESTION_MAX);
    expect(store.summary().topUnanswered[0]!.question.length).toBeLessThanOrEqual(STORED_QUESTION_MAX);
    store.close();
  });

  test("a server's summary lists its own public questions only; DMs belong to no server", () => {
    const store = FeedbackStore.open(':memory:');
    const serverA = '100000000000000001';
    const serverB = '100000000000000002';
    store.recordUnanswered('ask', 'public in A', 'no-match', { guildId: serverA });
    store.recordUnanswered('ask', 'hidden in A', 'no-match', { guildId: serverA, hidden: true });
    store.recordUnanswered('ask', 'public in B', 'no-match', { guildId: serverB });
    store.recordUnanswered('ask', 'asked in a DM', 'no-match');
    const hiddenView = store.saveView({ kind: 'ask', query: 'hidden answer in A', offset: 0, citedUrls: [], guildId: serverA, hidden: true });
    store.recordVote(hiddenView.id, '666666666666666666', 'down');
    const publicView = store.saveView({ kind: 'ask', query: 'public answer in B', offset: 0, citedUrls: [], guildId: serverB });
    store.recordVote(publicView.id, '666666666666666666', 'down');

    const a = store.summary({ guildId: serverA });
    expect(a.topUnanswered.map((row) => row.question)).toEqual(['public in A']);
    expect(a.totalUnanswered, 'hidden questions are counted, not shown').toBe(2);
    expect(a.mostDownvoted).toEqual([]);
    expect(a.votes.down).toBe(1);
    const b = store.summary({ guildId: serverB });
    expect(b.topUnanswered.map((row) => row.question)).toEqual(['public in B']);
    expect(b.mostDownvoted.map((row) => row.question)).toEqual(['public answer in B']);
    const everything = store.summary();
    expect(everything.topUnanswered.map((row) => row.question).sort()).toEqual(['asked in a DM', 'public in A', 'public in B']);
    store.close();
  });

  test('a database from before servers were recorded is upgraded on open', () => {
    const file = path.join(dir, 'old-schema.sqlite');
    const db = new Database(file);
    db.exec(`CREATE TABLE views (id TEXT PRIMARY KEY, kind TEXT NOT NULL, query TEXT NOT NULL, result_offset INTEGER NOT NULL,
      cited_urls TEXT NOT NULL, next_offset INTEGER, created_at INTEGER NOT NULL);
      CREATE TABLE unanswered (id INTEGER PRIMARY KEY, kind TEXT NOT NULL, question TEXT NOT NULL, normalised TEXT NOT NULL,
      reason TEXT NOT NULL, created_at INTEGER NOT NULL);
      INSERT INTO unanswered (kind, question, normalised, reason, created_at) VALUES ('ask', 'before', 'before', 'no-match', 1);`);
    db.close();
    const store = FeedbackStore.open(file);
    store.recordUnanswered('ask', 'after', 'no-match', { guildId: '100000000000000001' });
    expect(store.summary().totalUnanswered).toBe(2);
    expect(store.summary({ guildId: '100000000000000001' }).topUnanswered.map((row) => row.question)).toEqual(['after']);
    store.close();
  });
});

describe('npm run feedback', () => {
  test('prints the summary, as text or JSON', async () => {
    const file = path.join(dir, 'cli.sqlite');
    const store = FeedbackStore.open(file);
    store.recordUnanswered('ask', 'How do I frob the widget?', 'no-match');
    const view = store.saveView({ kind: 'ask', query: 'q', offset: 0, citedUrls: [] });
    store.recordVote(view.id, '444444444444444444', 'up');
    store.close();

    const text = await cli(['--db', file]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('How do I frob the widget?');
    expect(text.stdout).toMatch(/Votes: 1 up, 0 down/);
    const json = JSON.parse((await cli(['--db', file, '--json'])).stdout);
    expect(json.votes).toEqual({ up: 1, down: 0 });
  });

  test('terminal control characters in questions never reach the output, as text or JSON', async () => {
    const file = path.join(dir, 'cli-controls.sqlite');
    const store = FeedbackStore.open(file);
    // Clear screen, set the window title, a C1 CSI colour, a right-to-left override, a fake new line.
    store.recordUnanswered('ask', 'frob \u001b[2J\u001b]0;owned\u0007 widget \u009b31m red \u202egnp.exe\nVotes: 999 up', 'no-match');
    store.close();
    for (const argv of [['--db', file], ['--db', file, '--json']]) {
      const out = (await cli(argv)).stdout;
      expect(out).toContain('frob');
      expect(out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
      expect(out).not.toContain('\\u001b');
      expect(out).not.toContain('\\u0007');
    }
    expect((await cli(['--db', file])).stdout).not.toMatch(/^Votes: 999/m);
  });

  test('--guild shows one server only', async () => {
    const file = path.join(dir, 'cli-guild.sqlite');
    const store = FeedbackStore.open(file);
    store.recordUnanswered('ask', 'asked in server one', 'no-match', { guildId: '200000000000000001' });
    store.recordUnanswered('ask', 'asked in server two', 'no-match', { guildId: '200000000000000002' });
    store.close();
    const one = await cli(['--db', file, '--guild', '200000000000000001']);
    expect(one.stdout).toContain('asked in server one');
    expect(one.stdout).not.toContain('asked in server two');
    const all = await cli(['--db', file]);
    expect(all.stdout).toContain('asked in server two');
    expect((await cli(['--db', file, '--guild', 'abc'])).stderr).toMatch(/--guild/);
  });

  test('reads DATA_DIR, and says so when nothing was recorded yet', async () => {
    const out = await cli([], { DATA_DIR: path.join(dir, 'empty') });
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/No feedback recorded yet/);
  });

  test('rejects a bad option', async () => {
    const out = await cli(['--days', 'zero']);
    expect(out.code).not.toBe(0);
    expect(out.stderr).toMatch(/--days/);
  });

  test('runs as a script', async () => {
    const tsx = path.resolve('node_modules/.bin/tsx');
    const out = await run(tsx, [path.resolve('bot/cli/feedback-summary.ts'), '--db', path.join(dir, 'missing.sqlite')], {
      cwd: dir,
    });
    expect(out.stdout).toMatch(/No feedback recorded yet/);
  });
});
