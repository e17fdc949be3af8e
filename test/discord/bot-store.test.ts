// The store's behaviour through the BotStore interface, on SQLite and on a real PostgreSQL
// server: the same tests, both backends. Then what only a shared store does: two replicas
// seeing each other's views, migrations applied once, cooldowns held across replicas.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
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

type Open = (now: () => number) => Promise<BotStore>;

let fileCount = 0;
const backends: [string, Open][] = [
  ['sqlite', async (now) => SqliteBotStore.open(path.join(dir, `s${++fileCount}.sqlite`), { now })],
  ['postgres', async (now) => PostgresBotStore.connect(await postgres.database(), { now })],
];

describe.each(backends)('%s store', (_name, open) => {
  test('records views, votes (one per person) and unanswered questions', async () => {
    let now = 1_000_000;
    const store = await open(() => now);
    try {
      const view = await store.saveView({ kind: 'ask', query: 'q1', offset: 0, citedUrls: ['https://learn.microsoft.com/x'], nextOffset: 2 });
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

  test('forgets old views; their votes stay', async () => {
    let now = 0;
    const store = await open(() => now);
    try {
      const old = await store.saveView({ kind: 'ask', query: 'old', offset: 0, citedUrls: [] });
      await store.recordVote(old.id, '333333333333333333', 'up');
      now = 1000;
      const recent = await store.saveView({ kind: 'search', query: 'q', offset: 0, citedUrls: [] });
      expect(await store.pruneViews(500)).toBe(1);
      expect(await store.getView(old.id)).toBeUndefined();
      expect(await store.getView(recent.id)).toBeDefined();
      expect((await store.summary()).votes.up).toBe(1);
      expect(await store.recordVote(old.id, '444444444444444444', 'up')).toBe('unknown-view');
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
});
