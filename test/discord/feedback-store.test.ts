// The feedback database and its summary, and the summary CLI.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, test } from 'vitest';
import { feedbackSummaryCli } from '../../bot/cli/feedback-summary.ts';
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

  test('forgets old views', () => {
    let now = 0;
    const store = FeedbackStore.open(':memory:', { now: () => now });
    const old = store.saveView({ kind: 'search', query: 'q', offset: 0, citedUrls: [] });
    now = 1000;
    const recent = store.saveView({ kind: 'search', query: 'q', offset: 0, citedUrls: [] });
    expect(store.pruneViews(500)).toBe(1);
    expect(store.getView(old.id)).toBeUndefined();
    expect(store.getView(recent.id)).toBeDefined();
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
