// The SQLite feedback database (its file, its upgrades) and the summary CLI. The store's
// behaviour on every backend (bounds, retention, privacy) is in bot-store.test.ts.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, test } from 'vitest';
import { feedbackSummaryCli } from '../../bot/cli/feedback-summary.ts';
import Database from 'better-sqlite3';
import { FeedbackStore } from '../../bot/discord/feedback-store.ts';

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
    for (const argv of [
      ['--db', file],
      ['--db', file, '--json'],
    ]) {
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
