// The store's behaviour through the BotStore interface, on SQLite (behind its guard) and on a
// real PostgreSQL server: the same tests, both backends, including the bounds (retention, row
// caps, per-person shares, capped text) and per-server privacy. Then what only a shared store does: two replicas
// seeing each other's views, migrations applied once, cooldowns held across replicas.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { UNANSWERED_PER_ASKER_PER_DAY_MAX, VIEWS_PER_ASKER_MAX, VOTES_PER_USER_PER_DAY_MAX } from '../../bot/discord/feedback-store.ts';
import { StoreUnavailableError, UNSAVED_VIEW_ID } from '../../bot/discord/store-guard.ts';
import { STORED_QUESTION_MAX } from '../../bot/discord/store/records.ts';
import { keepPruning } from '../../bot/discord/store-retention.ts';
import { GuardedBotStore } from '../../bot/discord/store/guarded-bot-store.ts';
import type { BotStore } from '../../bot/discord/store/bot-store.ts';
import { MIGRATIONS } from '../../bot/discord/store/postgres-migrations.ts';
import { PostgresBotStore } from '../../bot/discord/store/postgres-store.ts';
import { SqliteBotStore } from '../../bot/discord/store/sqlite-store.ts';
import { type TestPostgres, startTestPostgres } from '../support/postgres.ts';

let postgres: TestPostgres;
const dir = mkdtempSync(path.join(tmpdir(), 'bot-store-'));

beforeAll(async () => {
  postgres = await startTestPostgres();
});

afterAll(async () => {
  await postgres?.stop();
  rmSync(dir, { recursive: true, force: true });
});

type Open = (now: () => number, options?: { maxRowsPerTable?: number }) => Promise<BotStore>;

const DAY = 24 * 60 * 60 * 1000;
let fileCount = 0;
const backends: [string, Open][] = [
  ['sqlite', async (now, options = {}) => SqliteBotStore.open(path.join(dir, `s${++fileCount}.sqlite`), { now, ...options })],
  ['postgres', async (now, options = {}) => PostgresBotStore.connect(await postgres.database(), { now, ...options })],
];

describe.each(backends)('%s store', (_name, open) => {
  test('records views, votes (one per person) and unanswered questions', async () => {
    let now = 1_000_000;
    const store = await open(() => now);
    try {
      const view = await store.saveView({
        kind: 'ask',
        query: 'q1',
        offset: 0,
        citedUrls: ['https://learn.microsoft.com/x'],
        nextOffset: 2,
      });
      expect(await store.getView(view.id)).toEqual(view);
      const plain = await store.saveView({ kind: 'search', query: 'q2', offset: 5, citedUrls: [] });
      expect(await store.getView(plain.id)).toEqual(plain);
      expect(await store.getView('no-such-view')).toBeUndefined();

      expect(await store.recordVote(view.id, '111111111111111111', 'up')).toBe('recorded');
      expect(await store.recordVote(view.id, '111111111111111111', 'down')).toBe('changed');
      expect(await store.recordVote(view.id, '222222222222222222', 'down')).toBe('recorded');
      expect(await store.recordVote('missing', '222222222222222222', 'down')).toBe('unknown-view');
      await store.recordUnanswered('ask', 'What is a frob?', 'no-match');
      await store.recordUnanswered('ask', '  what is a FROB? ', 'no-match');
      now += 10;
      await store.recordUnanswered('api', 'NoSuchApi', 'unknown-api');

      const summary = await store.summary();
      expect(summary.votes).toEqual({ up: 0, down: 2 });
      expect(summary.totalUnanswered).toBe(3);
      expect(summary.topUnanswered[0]).toMatchObject({ count: 2, lastAskedAt: 1_000_000 });
      expect(summary.topUnanswered[1]).toMatchObject({ question: 'NoSuchApi', count: 1, lastAskedAt: 1_000_010 });
      expect(summary.mostDownvoted).toEqual([
        { question: 'q1', kind: 'ask', down: 2, up: 0, citedUrls: ['https://learn.microsoft.com/x'] },
      ]);
      const recent = await store.summary({ since: 1_000_005 });
      expect(recent.since).toBe(1_000_005);
      expect(recent.totalUnanswered).toBe(1);
      expect(recent.votes).toEqual({ up: 0, down: 0 });
      expect((await store.summary({ limit: 1 })).topUnanswered).toHaveLength(1);
    } finally {
      await store.close();
    }
  });

  test('retention: views, votes and unanswered questions older than the window are deleted', async () => {
    // issue-8 changed pruning: votes and unanswered questions go with the views (retention).
    let now = 0;
    const store = await open(() => now);
    try {
      const old = await store.saveView({ kind: 'ask', query: 'old question', offset: 0, citedUrls: [] });
      await store.recordVote(old.id, '555555555555555555', 'down');
      await store.recordUnanswered('ask', 'old unanswered', 'no-match');
      now = 31 * DAY;
      const recent = await store.saveView({ kind: 'ask', query: 'recent question', offset: 0, citedUrls: [] });
      await store.recordUnanswered('ask', 'recent unanswered', 'no-match');
      expect(await store.prune(30 * DAY)).toEqual({ views: 1, unanswered: 1, feedback: 1 });
      expect(await store.getView(old.id)).toBeUndefined();
      expect(await store.getView(recent.id)).toBeDefined();
      const summary = await store.summary();
      expect(summary.topUnanswered.map((row) => row.question)).toEqual(['recent unanswered']);
      expect(summary.votes).toEqual({ up: 0, down: 0 });
      expect(await store.recordVote(old.id, '444444444444444444', 'up')).toBe('unknown-view');
    } finally {
      await store.close();
    }
  });

  test('pruning runs while the bot runs, not only at start', async () => {
    let now = 0;
    const store = await open(() => now);
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(line) });
    const stop = keepPruning(store, { retentionMs: 30 * DAY, logger, everyMs: 20 });
    try {
      const view = await store.saveView({ kind: 'ask', query: 'asked on day 0', offset: 0, citedUrls: [] });
      now = 31 * DAY;
      await expect.poll(() => store.getView(view.id), { timeout: 2000, interval: 10 }).toBeUndefined();
      expect(lines.some((line) => line.includes('pruned old feedback records'))).toBe(true);
    } finally {
      stop();
      await store.close();
    }
  });

  test('each table is capped, whatever the retention: the oldest rows go first', async () => {
    let now = 0;
    const store = await open(() => now, { maxRowsPerTable: 50 });
    try {
      const first = await store.saveView({ kind: 'search', query: 'first', offset: 0, citedUrls: [] });
      for (let i = 0; i < 50; i += 1) {
        now += 1;
        await store.recordUnanswered('ask', `question ${i}`, 'no-match');
        await store.saveView({ kind: 'search', query: `q${i}`, offset: 0, citedUrls: [] });
      }
      expect(await store.prune(365 * DAY)).toEqual({ views: 1, unanswered: 0, feedback: 0 });
      expect(await store.getView(first.id)).toBeUndefined();
    } finally {
      await store.close();
    }
  });

  test('one person asking every 3 seconds fills no more than their share', async () => {
    let now = 0;
    const store = await open(() => now);
    try {
      const spammer = '700000000000000001';
      const other = '700000000000000002';
      const otherView = await store.saveView({ kind: 'ask', query: 'a regular question', offset: 0, citedUrls: [], askerId: other });
      const views = [];
      let recorded = 0;
      for (let i = 0; i < 2 * VIEWS_PER_ASKER_MAX; i += 1) {
        now += 3000;
        views.push(
          await store.saveView({ kind: 'ask', query: `spam ${i}`, offset: 0, citedUrls: ['u1', 'u2', 'u3', 'u4', 'u5'], askerId: spammer }),
        );
        if (await store.recordUnanswered('ask', `spam ${i}`, 'no-match', { askerId: spammer })) recorded += 1;
      }
      expect(recorded).toBe(UNANSWERED_PER_ASKER_PER_DAY_MAX);
      expect(await store.getView(views.at(-1)!.id)).toBeDefined();
      expect(await store.getView(views.at(-VIEWS_PER_ASKER_MAX)!.id)).toBeDefined();
      expect(await store.getView(views.at(-VIEWS_PER_ASKER_MAX - 1)!.id), 'older views of the same person are forgotten').toBeUndefined();
      expect(await store.getView(otherView.id), "nobody else's").toBeDefined();
      expect((await store.getView(views.at(-1)!.id))!.citedUrls).toHaveLength(3);
      // Votes: a daily share of new votes, changing a vote always works.
      const results = [];
      for (const view of views.slice(-VOTES_PER_USER_PER_DAY_MAX - 1)) results.push(await store.recordVote(view.id, spammer, 'up'));
      expect(results.filter((result) => result === 'recorded')).toHaveLength(VOTES_PER_USER_PER_DAY_MAX);
      expect(results.at(-1)).toBe('limited');
      expect(await store.recordVote(views.at(-2)!.id, spammer, 'down')).toBe('changed');
      expect(await store.recordVote(otherView.id, other, 'up')).toBe('recorded');
    } finally {
      await store.close();
    }
  });

  test('question text is stored at most STORED_QUESTION_MAX characters long', async () => {
    const store = await open(Date.now);
    try {
      const long = 'frob '.repeat(1000);
      const view = await store.saveView({ kind: 'ask', query: long, offset: 0, citedUrls: [] });
      await store.recordUnanswered('ask', long, 'no-match');
      expect((await store.getView(view.id))!.query.length).toBe(STORED_QUESTION_MAX);
      expect((await store.summary()).topUnanswered[0]!.question.length).toBeLessThanOrEqual(STORED_QUESTION_MAX);
    } finally {
      await store.close();
    }
  });

  test("a server's summary lists its own public questions only; DMs belong to no server", async () => {
    const store = await open(Date.now);
    try {
      const serverA = '100000000000000001';
      const serverB = '100000000000000002';
      await store.recordUnanswered('ask', 'public in A', 'no-match', { guildId: serverA });
      await store.recordUnanswered('ask', 'hidden in A', 'no-match', { guildId: serverA, hidden: true });
      await store.recordUnanswered('ask', 'public in B', 'no-match', { guildId: serverB });
      await store.recordUnanswered('ask', 'asked in a DM', 'no-match');
      const hiddenView = await store.saveView({
        kind: 'ask',
        query: 'hidden answer in A',
        offset: 0,
        citedUrls: [],
        guildId: serverA,
        hidden: true,
      });
      expect(await store.getView(hiddenView.id)).toMatchObject({ guildId: serverA, hidden: true });
      await store.recordVote(hiddenView.id, '666666666666666666', 'down');
      const publicView = await store.saveView({ kind: 'ask', query: 'public answer in B', offset: 0, citedUrls: [], guildId: serverB });
      await store.recordVote(publicView.id, '666666666666666666', 'down');

      const a = await store.summary({ guildId: serverA });
      expect(a.topUnanswered.map((row) => row.question)).toEqual(['public in A']);
      expect(a.totalUnanswered, 'hidden questions are counted, not shown').toBe(2);
      expect(a.mostDownvoted).toEqual([]);
      expect(a.votes.down).toBe(1);
      const b = await store.summary({ guildId: serverB });
      expect(b.topUnanswered.map((row) => row.question)).toEqual(['public in B']);
      expect(b.mostDownvoted.map((row) => row.question)).toEqual(['public answer in B']);
      const everything = await store.summary();
      expect(everything.topUnanswered.map((row) => row.question).sort()).toEqual(['asked in a DM', 'public in A', 'public in B']);
    } finally {
      await store.close();
    }
  });

  test('answers a readiness ping while open, and refuses once closed', async () => {
    const store = await open(Date.now);
    await expect(store.ping()).resolves.toBeUndefined();
    await store.close();
    await expect(store.ping()).rejects.toThrow();
  });
});

describe('postgres: shared by replicas', () => {
  test('two replicas see each other’s views and votes; a user is one voter whichever replica they reach', async () => {
    const url = await postgres.database();
    const [a, b] = await Promise.all([PostgresBotStore.connect(url), PostgresBotStore.connect(url)]);
    try {
      const view = await a.saveView({ kind: 'ask', query: 'shared', offset: 0, citedUrls: ['https://learn.microsoft.com/y'] });
      expect(await b.getView(view.id)).toEqual(view);
      expect(await b.recordVote(view.id, '555555555555555555', 'up')).toBe('recorded');
      expect(await a.recordVote(view.id, '555555555555555555', 'down')).toBe('changed');
      expect((await a.summary()).votes).toEqual({ up: 0, down: 1 });
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  test('migrations run once, recorded by version, even when replicas start together', async () => {
    const url = await postgres.database();
    const stores = await Promise.all([1, 2, 3].map(() => PostgresBotStore.connect(url)));
    await Promise.all(stores.map((store) => store.close()));
    const again = await PostgresBotStore.connect(url);
    await again.close();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const rows = (await client.query('SELECT version FROM schema_migrations ORDER BY version')).rows;
      expect(rows.map((row) => row.version)).toEqual(MIGRATIONS.map((m) => m.version));
      expect((await client.query("SELECT count(*)::int AS n FROM meta WHERE key = 'salt'")).rows[0].n).toBe(1);
    } finally {
      await client.end();
    }
  });

  test('a per-user cooldown holds across replicas, and only one of two racing requests wins', async () => {
    const url = await postgres.database();
    const [a, b] = await Promise.all([PostgresBotStore.connect(url), PostgresBotStore.connect(url)]);
    try {
      const gateA = a.sharedCooldown(3000);
      const gateB = b.sharedCooldown(3000);
      expect(await gateA.take('u1:command')).toEqual({ ok: true });
      const blocked = await gateB.take('u1:command');
      expect(blocked.ok).toBe(false);
      if (!blocked.ok) expect(blocked.retryAfterMs).toBeGreaterThan(2000);
      expect(await gateB.take('u2:command')).toEqual({ ok: true });
      const race = await Promise.all([gateA.take('u3:command'), gateB.take('u3:command')]);
      expect(race.filter((turn) => turn.ok)).toHaveLength(1);
      expect(await a.sharedCooldown(0).take('u1:command')).toEqual({ ok: true });
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  test('a database made by the first schema is upgraded at start; its records stay readable', async () => {
    const url = await postgres.database();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const first = MIGRATIONS[0]!;
      await client.query(first.sql);
      await client.query(
        `CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`,
      );
      await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [first.version, first.name]);
      await client.query(
        `INSERT INTO views (id, kind, query, result_offset, cited_urls, created_at) VALUES ('old-view', 'ask', 'before', 0, '[]', $1)`,
        [Date.now()],
      );
      await client.query(
        `INSERT INTO unanswered (kind, question, normalised, reason, created_at) VALUES ('ask', 'before', 'before', 'no-match', $1)`,
        [Date.now()],
      );
    } finally {
      await client.end();
    }
    const store = await PostgresBotStore.connect(url);
    try {
      expect(await store.getView('old-view')).toMatchObject({ query: 'before' });
      expect(await store.recordUnanswered('ask', 'after', 'no-match', { guildId: '100000000000000001' })).toBe(true);
      expect((await store.summary()).totalUnanswered).toBe(2);
      expect((await store.summary({ guildId: '100000000000000001' })).topUnanswered.map((row) => row.question)).toEqual(['after']);
    } finally {
      await store.close();
    }
  });

  test('a database that stops answering never breaks answers: views unsaved, buttons refused, one log line', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(line) });
    const inner = await PostgresBotStore.connect(await postgres.database());
    const failed: string[] = [];
    let now = 1_000_000;
    const store = new GuardedBotStore(inner, { logger, now: () => now, onFailure: (operation) => failed.push(operation) });
    const saved = await store.saveView({ kind: 'ask', query: 'while up', offset: 0, citedUrls: [] });
    await inner.close(); // the pool refuses every query from now on
    const unsaved = await store.saveView({ kind: 'ask', query: 'while down', offset: 0, citedUrls: [], askerId: '1' });
    expect(unsaved).toMatchObject({ id: UNSAVED_VIEW_ID, query: 'while down' });
    expect(await store.recordUnanswered('ask', 'while down', 'no-match')).toBe(false);
    await expect(store.getView(saved.id)).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(store.recordVote(saved.id, '1', 'up')).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(await store.prune(DAY)).toEqual({ views: 0, unanswered: 0, feedback: 0 });
    // Cooldowns fall back to this process's own turns.
    const gate = store.sharedCooldown(3000);
    expect(await gate.take('u:command')).toEqual({ ok: true });
    expect((await gate.take('u:command')).ok).toBe(false);
    expect(lines.filter((line) => line.includes('feedback store unavailable'))).toHaveLength(1);
    // Each operation that could not be done is counted (driver_docs_store_errors_total).
    expect(failed).toEqual(['saveView', 'recordUnanswered', 'getView', 'recordVote', 'prune', 'cooldown', 'cooldown']);
    // After the pause the database is tried again (and fails again, logged no more).
    now += 30_000;
    await expect(store.getView(saved.id)).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(failed).toHaveLength(8);
    expect(lines.filter((line) => line.includes('feedback store unavailable'))).toHaveLength(1);
  });

  test('a guarded PostgreSQL store that works passes everything through, its shared cooldown included', async () => {
    const logger = pino({ level: 'silent' });
    const url = await postgres.database();
    const [a, b] = await Promise.all([PostgresBotStore.connect(url), PostgresBotStore.connect(url)]);
    const guardedA = new GuardedBotStore(a, { logger });
    const guardedB = new GuardedBotStore(b, { logger });
    try {
      const view = await guardedA.saveView({ kind: 'ask', query: 'through the guard', offset: 0, citedUrls: [] });
      expect(await guardedB.getView(view.id)).toEqual(view);
      expect(await guardedA.sharedCooldown(3000).take('u9:command')).toEqual({ ok: true });
      expect((await guardedB.sharedCooldown(3000).take('u9:command')).ok, 'the turn is shared across replicas').toBe(false);
    } finally {
      await Promise.all([guardedA.close(), guardedB.close()]);
    }
  });
});
