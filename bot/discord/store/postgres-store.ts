// The shared store: views, votes, unanswered questions and per-user cooldowns in PostgreSQL
// (DATABASE_URL), so that any replica can answer a button made by another, and cooldowns hold
// across replicas. Same behaviour and bounds as the SQLite store (retention, row caps,
// per-person shares, per-server privacy), through the same interface.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { CooldownResult } from '../cooldown.ts';
import type { CooldownGate } from '../context.ts';
import {
  type AskedWhere,
  type FeedbackSummary,
  MAX_ROWS_PER_TABLE,
  type NewView,
  type PruneResult,
  type SummaryOptions,
  UNANSWERED_PER_ASKER_PER_DAY_MAX,
  VIEWS_PER_ASKER_MAX,
  VOTES_PER_USER_PER_DAY_MAX,
  type ViewKind,
  type ViewRecord,
  type Vote,
  type VoteResult,
} from '../feedback-store.ts';
import type { BotStore } from './bot-store.ts';
import { MIGRATIONS, MIGRATION_LOCK_ID } from './postgres-migrations.ts';
import { type ViewRow, newViewRecord, unansweredText, urlList, userHash, viewOfRow } from './records.ts';
import * as shared from './shared-sql.ts';

const INT8_OID = 20;

// Millisecond timestamps and counts are int8: read them as numbers (exact below 2^53).
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

export interface PostgresStoreOptions {
  now?: () => number;
  /** Connections in this replica's pool. */
  maxConnections?: number;
  /** Most rows kept per table, whatever the retention. */
  maxRowsPerTable?: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const PRUNED_TABLES = ['views', 'unanswered', 'feedback'] as const;

export class PostgresBotStore implements BotStore {
  readonly backend = 'postgres';

  private constructor(
    private readonly pool: pg.Pool,
    private readonly salt: string,
    private readonly now: () => number,
    private readonly maxRows: number,
  ) {}

  /** Connects, applies pending migrations, and reads (or creates) the user-hash salt. */
  static async connect(url: string, options: PostgresStoreOptions = {}): Promise<PostgresBotStore> {
    const pool = new pg.Pool({ connectionString: url, max: options.maxConnections ?? 10, types, connectionTimeoutMillis: 5000 });
    // An idle client's error (e.g. the server restarting) must not crash the process.
    pool.on('error', () => undefined);
    try {
      await migrate(pool);
      await pool.query(shared.saltCreate(randomBytes(16).toString('hex')));
      const salt = (await pool.query<{ value: string }>(shared.SALT_READ)).rows[0]!.value;
      return new PostgresBotStore(pool, salt, options.now ?? Date.now, options.maxRowsPerTable ?? MAX_ROWS_PER_TABLE);
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw error;
    }
  }

  async saveView(view: NewView): Promise<ViewRecord> {
    const { record, askerId } = newViewRecord(view, this.now());
    const user = askerId === undefined ? null : this.hashUser(askerId);
    await this.pool.query(shared.viewInsert(record, user));
    if (user !== null) {
      // The asker's views beyond their most recent VIEWS_PER_ASKER_MAX.
      await this.pool.query(
        `DELETE FROM views WHERE ctid IN (
           SELECT ctid FROM views WHERE user_hash = $1 ORDER BY created_at DESC, id DESC OFFSET $2)`,
        [user, VIEWS_PER_ASKER_MAX],
      );
    }
    return record;
  }

  async getView(id: string): Promise<ViewRecord | undefined> {
    const row = (await this.pool.query<ViewRow>(shared.viewById(id))).rows[0];
    return row && viewOfRow(row);
  }

  async recordVote(viewId: string, userId: string, vote: Vote): Promise<VoteResult> {
    const view = await this.getView(viewId);
    if (!view) return 'unknown-view';
    const user = this.hashUser(userId);
    const previous = await this.pool.query(shared.voteOf(viewId, user));
    if (previous.rowCount === 0) {
      const today = await this.pool.query<{ n: number }>(shared.votesBy(user, this.now() - DAY_MS));
      if (today.rows[0]!.n >= VOTES_PER_USER_PER_DAY_MAX) return 'limited';
    }
    const upsert = shared.voteUpsert(view, user, vote, this.now());
    // xmax is 0 for a row this statement inserted, not 0 for one it updated.
    const result = await this.pool.query<{ inserted: boolean }>({ ...upsert, text: `${upsert.text} RETURNING (xmax = 0) AS inserted` });
    return result.rows[0]!.inserted ? 'recorded' : 'changed';
  }

  async recordUnanswered(kind: ViewKind, question: string, reason: string, where: AskedWhere = {}): Promise<boolean> {
    const user = where.askerId === undefined ? null : this.hashUser(where.askerId);
    if (user !== null) {
      const today = await this.pool.query<{ n: number }>(shared.unansweredBy(user, this.now() - DAY_MS));
      if (today.rows[0]!.n >= UNANSWERED_PER_ASKER_PER_DAY_MAX) return false;
    }
    await this.pool.query(shared.unansweredInsert({ kind, reason, ...unansweredText(question) }, where, user, this.now()));
    return true;
  }

  /**
   * Votes and unanswered questions. Counts include hidden questions; the lists, which show
   * question text, never do. With `guildId`, only that server's records.
   */
  async summary(options: SummaryOptions = {}): Promise<FeedbackSummary> {
    const scope = { since: options.since ?? 0, guildId: options.guildId, limit: options.limit ?? 10 };
    const [votes, top, total, downvoted] = await Promise.all([
      this.pool.query<{ up: number; down: number }>(shared.summaryVotes(scope)),
      this.pool.query<FeedbackSummary['topUnanswered'][number]>(shared.summaryTopUnanswered(scope)),
      this.pool.query<{ n: number }>(shared.summaryUnansweredTotal(scope)),
      this.pool.query<{ question: string; kind: ViewKind; down: number; up: number; cited: unknown }>(
        // The cited URLs of the group's latest vote.
        shared.summaryMostDownvoted(scope, '(ARRAY_AGG(cited_urls ORDER BY created_at DESC))[1]'),
      ),
    ]);
    return {
      ...(options.since !== undefined ? { since: options.since } : {}),
      votes: { up: votes.rows[0]!.up, down: votes.rows[0]!.down },
      topUnanswered: top.rows,
      mostDownvoted: downvoted.rows.map((row) => ({
        question: row.question,
        kind: row.kind,
        down: row.down,
        up: row.up,
        citedUrls: urlList(row.cited),
      })),
      totalUnanswered: total.rows[0]!.n,
    };
  }

  /**
   * Deletes views, votes and unanswered questions older than `maxAgeMs`, the oldest rows
   * beyond the per-table cap, and cooldown turns older than a day.
   */
  async prune(maxAgeMs: number): Promise<PruneResult> {
    const cutoff = this.now() - maxAgeMs;
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const removed: PruneResult = { views: 0, unanswered: 0, feedback: 0 };
      for (const table of PRUNED_TABLES) {
        const old = await client.query(shared.deleteOlder(table, cutoff));
        const over = await client.query(
          `DELETE FROM ${table} WHERE ctid IN (SELECT ctid FROM ${table} ORDER BY created_at DESC OFFSET $1)`,
          [this.maxRows],
        );
        removed[table] = (old.rowCount ?? 0) + (over.rowCount ?? 0);
      }
      await client.query('DELETE FROM cooldowns WHERE last_at < $1', [this.now() - DAY_MS]);
      await client.query('COMMIT');
      return removed;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  /** Per-user turns kept in the database, so they hold whichever replica gets the request. */
  sharedCooldown(ms: number): CooldownGate {
    return {
      take: async (key: string): Promise<CooldownResult> => {
        if (ms <= 0) return { ok: true };
        const now = this.now();
        // Takes the turn only if the last one is old enough; one statement, so two replicas
        // racing for the same user cannot both win.
        const taken = await this.pool.query(
          `INSERT INTO cooldowns (key, last_at) VALUES ($1, $2)
           ON CONFLICT (key) DO UPDATE SET last_at = EXCLUDED.last_at WHERE cooldowns.last_at <= $3
           RETURNING last_at`,
          [key, now, now - ms],
        );
        if (taken.rowCount === 1) return { ok: true };
        const last = (await this.pool.query<{ last_at: number }>('SELECT last_at FROM cooldowns WHERE key = $1', [key])).rows[0];
        return { ok: false, retryAfterMs: Math.max(1, ms - (now - (last?.last_at ?? now))) };
      },
    };
  }

  private hashUser(userId: string): string {
    return userHash(this.salt, userId);
  }
}

async function migrate(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_ID]);
    await client.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())',
    );
    const applied = new Set(
      (await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((row) => row.version),
    );
    for (const migration of MIGRATIONS) {
      if (applied.has(migration.version)) continue;
      await client.query(migration.sql);
      await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
