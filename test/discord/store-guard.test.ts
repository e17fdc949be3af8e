// The guard between the bot and its feedback database, over real SQLite files: locked,
// impossible to open, damaged, and recovering.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pino from 'pino';
import { afterAll, describe, expect, test } from 'vitest';
import { FeedbackStore } from '../../bot/discord/feedback-store.ts';
import { GuardedStore, StoreUnavailableError, UNSAVED_VIEW_ID } from '../../bot/discord/store-guard.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'store-guard-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function capture() {
  const lines: any[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => lines.push(JSON.parse(line)) });
  return { logger, lines };
}

const view = { kind: 'ask' as const, query: 'how do I frob?', offset: 0, citedUrls: [] };

describe('GuardedStore', () => {
  test('a database locked by another process: answers go on, one log line, retried after a pause', () => {
    const file = path.join(dir, 'locked', 'feedback.sqlite');
    FeedbackStore.open(file).close();
    const other = new Database(file);
    other.exec('BEGIN EXCLUSIVE');
    let now = 1_000_000;
    const { logger, lines } = capture();
    const failed: string[] = [];
    const guard = new GuardedStore(file, { logger, now: () => now, onFailure: (operation) => failed.push(operation) });

    const started = performance.now();
    const saved = guard.saveView(view);
    expect(saved.id).toBe(UNSAVED_VIEW_ID);
    guard.recordUnanswered('ask', 'nothing for this', 'no-match');
    guard.saveView(view);
    // After the first failure the store is left alone: no waiting on the lock per answer.
    expect(performance.now() - started).toBeLessThan(1500);
    expect(() => guard.getView(saved.id)).toThrow(StoreUnavailableError);
    expect(() => guard.summary()).toThrow(StoreUnavailableError);
    const failures = lines.filter((line) => line.msg.startsWith('feedback store unavailable'));
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ file });
    expect(failures[0].reason).toMatch(/SQLITE_BUSY|locked/);
    // Every operation that could not be done is counted, for the store-errors metric.
    expect(failed, 'an unsaved view is no store failure').toEqual(['saveView', 'recordUnanswered', 'saveView', 'summary']);

    other.exec('ROLLBACK');
    other.close();
    now += 30_000;
    const later = guard.saveView(view);
    expect(later.id).not.toBe(UNSAVED_VIEW_ID);
    expect(guard.getView(later.id)).toMatchObject({ query: view.query });
    expect(lines.some((line) => line.msg === 'feedback store works again')).toBe(true);
    expect(failed).toHaveLength(4);
    guard.close();
  });

  test('a database that cannot be opened (a folder in its place): nothing throws, logged once', () => {
    const file = path.join(dir, 'folder-in-the-way', 'feedback.sqlite');
    mkdirSync(file, { recursive: true });
    const { logger, lines } = capture();
    const guard = new GuardedStore(file, { logger });
    expect(guard.saveView(view).id).toBe(UNSAVED_VIEW_ID);
    guard.recordUnanswered('ask', 'q', 'no-match');
    expect(guard.prune(1000)).toEqual({ views: 0, unanswered: 0, feedback: 0 });
    expect(() => guard.recordVote(UNSAVED_VIEW_ID, '111111111111111111', 'up')).toThrow(StoreUnavailableError);
    expect(lines.filter((line) => line.msg.startsWith('feedback store unavailable'))).toHaveLength(1);
    expect(existsSync(file), 'nothing is moved aside that is not a damaged database').toBe(true);
    guard.close();
  });

  test('a damaged database is moved aside with its WAL files, never deleted, and a fresh one used', () => {
    const folder = path.join(dir, 'damaged');
    mkdirSync(folder, { recursive: true });
    const file = path.join(folder, 'feedback.sqlite');
    writeFileSync(file, 'garbage '.repeat(600));
    writeFileSync(`${file}-wal`, 'old wal');
    const { logger, lines } = capture();
    const guard = new GuardedStore(file, { logger, now: () => Date.UTC(2026, 0, 2, 3, 4, 5) });
    const saved = guard.saveView(view);
    expect(saved.id).not.toBe(UNSAVED_VIEW_ID);
    const names = readdirSync(folder).sort();
    expect(names).toContain('feedback.sqlite.corrupt-2026-01-02T03-04-05-000Z');
    expect(names).toContain('feedback.sqlite.corrupt-2026-01-02T03-04-05-000Z-wal');
    const moved = lines.find((line) => line.msg.includes('moved it aside'));
    expect(moved).toMatchObject({ file, movedTo: `${file}.corrupt-2026-01-02T03-04-05-000Z` });
    expect(lines.some((line) => line.msg.startsWith('feedback store unavailable'))).toBe(false);
    guard.close();
  });
});
