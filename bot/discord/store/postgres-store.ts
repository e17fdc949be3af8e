// The shared store: views, votes, unanswered questions and per-user cooldowns in PostgreSQL
// (DATABASE_URL), so that any replica can answer a button made by another, and cooldowns hold
// across replicas. Same behaviour and bounds as the SQLite store (retention, row caps,
// per-person shares, per-server privacy), through the same interface.
import { createHash, randomBytes } from 'node:crypto';
import pg from 'pg';
import type { CooldownResult } from '../cooldown.ts';
import type { CooldownGate } from '../context.ts';
import {
  type AskedWhere,
  CITED_URLS_KEPT,
  type FeedbackSummary,
  MAX_ROWS_PER_TABLE,
  type NewView,
  type PruneResult,
  STORED_QUESTION_MAX,
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

const INT8_OID = 20;

// Millisecond timestamps and counts are int8: read them as numbers (exact below 2^53).
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

interface ViewRow {
  id: string;
  kind: ViewKind;
  query: string;
  result_offset: number;
  cited_urls: unknown;
  next_offset: number | null;
  guild_id: string | null;
  hidden: boolean;
  created_at: number;
}

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
      await pool.query("INSERT INTO meta (key, value) VALUES ('salt', $1) ON CONFLICT (key) DO NOTHING", [randomBytes(16).toString('hex')]);
      const salt = (await pool.query<{ value: string }>("SELECT value FROM meta WHERE key = 'salt'")).rows[0]!.value;
      return new PostgresBotStore(pool, salt, options.now ?? Date.now, options.maxRowsPerTable ?? MAX_ROWS_PER_TABLE);
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw error;
    }
  }

  async saveView(view: NewView): Promise<ViewRecord> {
    const { askerId, ...fields } = view;
    const record: ViewRecord = {
      ...fields,
      query: fields.query.slice(0, STORED_QUESTION_MAX),
      citedUrls: fields.citedUrls.slice(0, CITED_URLS_KEPT),
      id: randomBytes(9).toString('base64url'),
      createdAt: this.now(),
    };
    const userHash = askerId === undefined ? null : this.hashUser(askerId);
    await this.pool.query(
      `INSERT INTO views (id, kind, query, result_offset, cited_urls, next_offset, guild_id, hidden, user_hash, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        record.id,
        record.kind,
        record.query,
        record.offset,
        JSON.stringify(record.citedUrls),
        record.nextOffset ?? null,
        record.guildId ?? null,
        record.hidden === true,
        userHash,
        record.createdAt,
      ],
    );
    if (userHash !== null) {
      // The asker's views beyond their most recent VIEWS_PER_ASKER_MAX.
      await this.pool.query(
        `DELETE FROM views WHERE ctid IN (
           SELECT ctid FROM views WHERE user_hash = $1 ORDER BY created_at DESC, id DESC OFFSET $2)`,
        [userHash, VIEWS_PER_ASKER_MAX],
      );
    }
    return record;
  }

  async getView(id: string): Promise<ViewRecord | undefined> {
    const row = (await this.pool.query<ViewRow>('SELECT * FROM views WHERE id = $1', [id])).rows[0];
    if (!row) return undefined;
    return {
      id: row.id,
      kind: row.kind,
      query: row.query,
      offset: row.result_offset,
      citedUrls: urls(row.cited_urls),
      ...(row.next_offset === null ? {} : { nextOffset: row.next_offset }),
      ...(row.guild_id === null ? {} : { guildId: row.guild_id }),
      ...(row.hidden ? { hidden: true } : {}),
      createdAt: row.created_at,
    };
  }

  async recordVote(viewId: string, userId: string, vote: Vote): Promise<VoteResult> {
    const view = await this.getView(viewId);
    if (!view) return 'unknown-view';
    const userHash = this.hashUser(userId);
    const previous = await this.pool.query('SELECT 1 FROM feedback WHERE view_id = $1 AND user_hash = $2', [viewId, userHash]);
    if (previous.rowCount === 0) {
      const today = await this.pool.query<{ n: number }>('SELECT COUNT(*) AS n FROM feedback WHERE user_hash = $1 AND created_at >= $2', [
        userHash,
        this.now() - DAY_MS,
      ]);
      if (today.rows[0]!.n >= VOTES_PER_USER_PER_DAY_MAX) return 'limited';
    }
    // xmax is 0 for a row this statement inserted, not 0 for one it updated.
    const result = await this.pool.query<{ inserted: boolean }>(
      `INSERT INTO feedback (view_id, user_hash, kind, question, vote, cited_urls, guild_id, hidden, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (view_id, user_hash) DO UPDATE SET vote = EXCLUDED.vote, created_at = EXCLUDED.created_at
       RETURNING (xmax = 0) AS inserted`,
      [
        viewId,
        userHash,
        view.kind,
        view.query,
        vote === 'up' ? 1 : -1,
        JSON.stringify(view.citedUrls),
        view.guildId ?? null,
        view.hidden === true,
        this.now(),
      ],
    );
    return result.rows[0]!.inserted ? 'recorded' : 'changed';
  }

  async recordUnanswered(kind: ViewKind, question: string, reason: string, where: AskedWhere = {}): Promise<boolean> {
    const text = question.trim().slice(0, STORED_QUESTION_MAX);
    const normalised = text.toLowerCase().replace(/\s+/g, ' ').trim();
    const userHash = where.askerId === undefined ? null : this.hashUser(where.askerId);
    if (userHash !== null) {
      const today = await this.pool.query<{ n: number }>('SELECT COUNT(*) AS n FROM unanswered WHERE user_hash = $1 AND created_at >= $2', [
        userHash,
        this.now() - DAY_MS,
      ]);
      if (today.rows[0]!.n >= UNANSWERED_PER_ASKER_PER_DAY_MAX) return false;
    }
    await this.pool.query(
      `INSERT INTO unanswered (kind, question, normalised, reason, guild_id, hidden, user_hash, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [kind, text, normalised, reason, where.guildId ?? null, where.hidden === true, userHash, this.now()],
    );
    return true;
  }

  /**
   * Votes and unanswered questions. Counts include hidden questions; the lists, which show
   * question text, never do. With `guildId`, only that server's records.
   */
  async summary(options: SummaryOptions = {}): Promise<FeedbackSummary> {
    const since = options.since ?? 0;
    const limit = options.limit ?? 10;
    // $2 null means every record (DMs included); a server id means that server's only.
    const guild = options.guildId ?? null;
    const inScope = '($2::text IS NULL OR guild_id = $2)';
    const [votes, top, total, downvoted] = await Promise.all([
      this.pool.query<{ up: number; down: number }>(
        `SELECT COUNT(*) FILTER (WHERE vote = 1) AS up, COUNT(*) FILTER (WHERE vote = -1) AS down
         FROM feedback WHERE created_at >= $1 AND ${inScope}`,
        [since, guild],
      ),
      this.pool.query<{ question: string; count: number; lastAskedAt: number }>(
        `SELECT MAX(question) AS question, COUNT(*) AS count, MAX(created_at) AS "lastAskedAt"
         FROM unanswered WHERE created_at >= $1 AND NOT hidden AND ${inScope}
         GROUP BY normalised ORDER BY count DESC, "lastAskedAt" DESC LIMIT $3`,
        [since, guild, limit],
      ),
      this.pool.query<{ n: number }>(`SELECT COUNT(*) AS n FROM unanswered WHERE created_at >= $1 AND ${inScope}`, [since, guild]),
      this.pool.query<{ question: string; kind: ViewKind; down: number; up: number; cited: unknown }>(
        `SELECT MAX(question) AS question, kind,
                COUNT(*) FILTER (WHERE vote = -1) AS down, COUNT(*) FILTER (WHERE vote = 1) AS up,
                (ARRAY_AGG(cited_urls ORDER BY created_at DESC))[1] AS cited
         FROM feedback WHERE created_at >= $1 AND NOT hidden AND ${inScope}
         GROUP BY kind, lower(question) HAVING COUNT(*) FILTER (WHERE vote = -1) > 0
         ORDER BY down DESC, up ASC LIMIT $3`,
        [since, guild, limit],
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
        citedUrls: urls(row.cited),
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
        const old = await client.query(`DELETE FROM ${table} WHERE created_at < $1`, [cutoff]);
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
    return createHash('sha256').update(this.salt).update(userId).digest('base64url').slice(0, 22);
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

function urls(value: unknown): string[] {
  const parsed = typeof value === 'string' ? safeJson(value) : value;
  return Array.isArray(parsed) ? parsed.filter((item): item is string => typeof item === 'string') : [];
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
