// Durable state for the bot's maintainers and its buttons, in one SQLite file under DATA_DIR:
// - views: what a rendered answer showed (kind, query, offset, cited URLs), so a button needs
//   only the view's id in its custom_id ("More sources", "Share", 👍/👎);
// - feedback: one vote per person per view (the person as a salted hash, not their id);
// - unanswered: questions the bot found nothing for.
// Each record knows the server it came from (none for direct messages) and whether it was
// hidden, so a server's summary shows only its own public questions. Records older than the
// retention are pruned, and each table is capped, so the file stays small whatever the traffic.
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

export type ViewKind = 'ask' | 'search' | 'tip' | 'api';
export type Vote = 'up' | 'down';

export interface ViewRecord {
  id: string;
  kind: ViewKind;
  query: string;
  offset: number;
  citedUrls: string[];
  /** Offset of the next results, when there may be more. */
  nextOffset?: number;
  /** The server it was asked in; undefined in direct messages. */
  guildId?: string;
  /** Shown only to the person who asked (ephemeral). */
  hidden?: boolean;
  createdAt: number;
}

/** Where a question was asked: which server (none for DMs), whether only the asker saw it, and who asked. */
export interface AskedWhere {
  guildId?: string;
  hidden?: boolean;
  /** Stored as a salted hash, to bound what one person can fill the database with. */
  askerId?: string;
}

/** A view to store: what it shows, and who asked for it. */
export type NewView = Omit<ViewRecord, 'id' | 'createdAt'> & { askerId?: string };

/** Longest question text stored: the /ask option's limit (context-menu text is cut to it too). */
export const STORED_QUESTION_MAX = 500;
/** Most rows kept per table, whatever the retention: bounds the file under any traffic. */
export const MAX_ROWS_PER_TABLE = 100_000;
/**
 * One person's most recent views kept (older ones' buttons say the answer is no longer on
 * record), and unanswered questions recorded per person per day: someone asking every 3
 * seconds all day fills the database no more than a regular user.
 */
export const VIEWS_PER_ASKER_MAX = 500;
export const UNANSWERED_PER_ASKER_PER_DAY_MAX = 50;
/** New votes one person may cast per day (changing a vote is always possible). */
export const VOTES_PER_USER_PER_DAY_MAX = 200;

export type VoteResult = 'recorded' | 'changed' | 'unknown-view' | 'limited';
/** Cited URLs kept with a view: the summaries show the first few. */
export const CITED_URLS_KEPT = 3;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface SummaryOptions {
  /** Only records at or after this time (ms since epoch). */
  since?: number;
  limit?: number;
  /** Only this server's records; all records (DMs included) when undefined. */
  guildId?: string;
}

export interface PruneResult {
  views: number;
  unanswered: number;
  feedback: number;
}

export interface FeedbackSummary {
  since?: number;
  votes: { up: number; down: number };
  /** Questions asked most often without an answer, most frequent first. */
  topUnanswered: { question: string; count: number; lastAskedAt: number }[];
  /** Answers voted down most, with their votes and what they cited. */
  mostDownvoted: { question: string; kind: ViewKind; down: number; up: number; citedUrls: string[] }[];
  totalUnanswered: number;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS views (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  query TEXT NOT NULL,
  result_offset INTEGER NOT NULL,
  cited_urls TEXT NOT NULL,
  next_offset INTEGER,
  created_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS feedback (
  view_id TEXT NOT NULL,
  user_hash TEXT NOT NULL,
  kind TEXT NOT NULL,
  question TEXT NOT NULL,
  vote INTEGER NOT NULL CHECK (vote IN (-1, 1)),
  cited_urls TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (view_id, user_hash)
);
CREATE TABLE IF NOT EXISTS unanswered (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  question TEXT NOT NULL,
  normalised TEXT NOT NULL,
  reason TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS unanswered_normalised ON unanswered (normalised);
CREATE INDEX IF NOT EXISTS views_created ON views (created_at);
`;

/** Columns added after the first version; older files get them on open. */
const ADDED_COLUMNS = ['guild_id TEXT', 'hidden INTEGER NOT NULL DEFAULT 0', 'user_hash TEXT'];
const TABLES_WITH_ORIGIN = ['views', 'feedback', 'unanswered'] as const;
const INDEXES_AFTER_MIGRATION = `
CREATE INDEX IF NOT EXISTS unanswered_created ON unanswered (created_at);
CREATE INDEX IF NOT EXISTS feedback_created ON feedback (created_at);
CREATE INDEX IF NOT EXISTS unanswered_guild ON unanswered (guild_id, created_at);
CREATE INDEX IF NOT EXISTS feedback_guild ON feedback (guild_id, created_at);
CREATE INDEX IF NOT EXISTS views_user ON views (user_hash, created_at);
CREATE INDEX IF NOT EXISTS unanswered_user ON unanswered (user_hash, created_at);
CREATE INDEX IF NOT EXISTS feedback_user ON feedback (user_hash, created_at);
`;

function migrate(db: Database.Database): void {
  for (const table of TABLES_WITH_ORIGIN) {
    const existing = new Set((db.pragma(`table_info(${table})`) as { name: string }[]).map((column) => column.name));
    for (const column of ADDED_COLUMNS) {
      if (!existing.has(column.split(' ')[0]!)) db.exec(`ALTER TABLE ${table} ADD COLUMN ${column}`);
    }
  }
  db.exec(INDEXES_AFTER_MIGRATION);
}

interface ViewRow {
  id: string;
  kind: ViewKind;
  query: string;
  result_offset: number;
  cited_urls: string;
  next_offset: number | null;
  guild_id: string | null;
  hidden: number;
  created_at: number;
}

/** What the bot uses of a store: the public side of FeedbackStore, so a guard can stand in. */
export type FeedbackStoreApi = Pick<
  FeedbackStore,
  'file' | 'saveView' | 'getView' | 'recordVote' | 'recordUnanswered' | 'summary' | 'prune' | 'close'
>;

export class FeedbackStore {
  readonly file: string;
  private readonly db: Database.Database;
  private readonly salt: string;
  private readonly now: () => number;

  private constructor(
    file: string,
    db: Database.Database,
    now: () => number,
    private readonly maxRows: number,
  ) {
    this.file = file;
    this.db = db;
    this.now = now;
    this.salt = this.readOrCreateSalt();
  }

  /** Opens (creating when needed) the database at `file`; ":memory:" for a throwaway store. */
  static open(file: string, options: { now?: () => number; maxRowsPerTable?: number } = {}): FeedbackStore {
    if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
    const db = new Database(file);
    try {
      db.pragma('journal_mode = WAL');
      // Calls are synchronous, on the event loop: no fsync per answer. With WAL, a power cut
      // may lose the last few votes, never the database.
      db.pragma('synchronous = NORMAL');
      // Short: every call is synchronous, so a lock held elsewhere stalls every interaction.
      db.pragma('busy_timeout = 500');
      db.exec(SCHEMA);
      migrate(db);
      return new FeedbackStore(file, db, options.now ?? Date.now, options.maxRowsPerTable ?? MAX_ROWS_PER_TABLE);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  /** Opens an existing database read-only (for the summary CLI). */
  static openReadOnly(file: string): FeedbackStore {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    return new FeedbackStore(file, db, Date.now, MAX_ROWS_PER_TABLE);
  }

  saveView(view: NewView): ViewRecord {
    const { askerId, ...fields } = view;
    const record: ViewRecord = {
      ...fields,
      query: fields.query.slice(0, STORED_QUESTION_MAX),
      citedUrls: fields.citedUrls.slice(0, CITED_URLS_KEPT),
      id: randomBytes(9).toString('base64url'),
      createdAt: this.now(),
    };
    const userHash = askerId === undefined ? null : this.hashUser(askerId);
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO views (id, kind, query, result_offset, cited_urls, next_offset, guild_id, hidden, user_hash, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          record.id,
          record.kind,
          record.query,
          record.offset,
          JSON.stringify(record.citedUrls),
          record.nextOffset ?? null,
          record.guildId ?? null,
          record.hidden ? 1 : 0,
          userHash,
          record.createdAt,
        );
      if (userHash === null) return;
      // The asker's views beyond the most recent VIEWS_PER_ASKER_MAX (index range, no scan).
      this.db
        .prepare(
          `DELETE FROM views WHERE user_hash = @user AND rowid IN (
             SELECT rowid FROM views WHERE user_hash = @user ORDER BY created_at DESC, rowid DESC LIMIT -1 OFFSET @keep)`,
        )
        .run({ user: userHash, keep: VIEWS_PER_ASKER_MAX });
    })();
    return record;
  }

  getView(id: string): ViewRecord | undefined {
    const row = this.db.prepare('SELECT * FROM views WHERE id = ?').get(id) as ViewRow | undefined;
    if (!row) return undefined;
    return {
      id: row.id,
      kind: row.kind,
      query: row.query,
      offset: row.result_offset,
      citedUrls: parseUrls(row.cited_urls),
      ...(row.next_offset === null ? {} : { nextOffset: row.next_offset }),
      ...(row.guild_id === null ? {} : { guildId: row.guild_id }),
      ...(row.hidden === 1 ? { hidden: true } : {}),
      createdAt: row.created_at,
    };
  }

  /** Records (or changes) one person's vote on a view. */
  recordVote(viewId: string, userId: string, vote: Vote): VoteResult {
    const view = this.getView(viewId);
    if (!view) return 'unknown-view';
    const userHash = this.hashUser(userId);
    const previous = this.db.prepare('SELECT vote FROM feedback WHERE view_id = ? AND user_hash = ?').get(viewId, userHash) as
      | { vote: number }
      | undefined;
    if (!previous) {
      const today = this.db
        .prepare('SELECT COUNT(*) AS n FROM feedback WHERE user_hash = ? AND created_at >= ?')
        .get(userHash, this.now() - DAY_MS) as { n: number };
      if (today.n >= VOTES_PER_USER_PER_DAY_MAX) return 'limited';
    }
    this.db
      .prepare(
        `INSERT INTO feedback (view_id, user_hash, kind, question, vote, cited_urls, guild_id, hidden, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (view_id, user_hash) DO UPDATE SET vote = excluded.vote, created_at = excluded.created_at`,
      )
      .run(
        viewId,
        userHash,
        view.kind,
        view.query,
        vote === 'up' ? 1 : -1,
        JSON.stringify(view.citedUrls),
        view.guildId ?? null,
        view.hidden ? 1 : 0,
        this.now(),
      );
    return previous ? 'changed' : 'recorded';
  }

  /** Records a question the bot had no answer for; false when the asker's daily share is used up. */
  recordUnanswered(kind: ViewKind, question: string, reason: string, where: AskedWhere = {}): boolean {
    const text = question.trim().slice(0, STORED_QUESTION_MAX);
    const normalised = text.toLowerCase().replace(/\s+/g, ' ').trim();
    const userHash = where.askerId === undefined ? null : this.hashUser(where.askerId);
    if (userHash !== null) {
      const today = this.db
        .prepare('SELECT COUNT(*) AS n FROM unanswered WHERE user_hash = ? AND created_at >= ?')
        .get(userHash, this.now() - DAY_MS) as { n: number };
      if (today.n >= UNANSWERED_PER_ASKER_PER_DAY_MAX) return false;
    }
    this.db
      .prepare(
        `INSERT INTO unanswered (kind, question, normalised, reason, guild_id, hidden, user_hash, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(kind, text, normalised, reason, where.guildId ?? null, where.hidden ? 1 : 0, userHash, this.now());
    return true;
  }

  /**
   * Votes and unanswered questions. Counts include hidden questions; the lists, which show
   * question text, never do. With `guildId`, only that server's records.
   */
  summary(options: SummaryOptions = {}): FeedbackSummary {
    const since = options.since ?? 0;
    const limit = options.limit ?? 10;
    // "guild_id IS ?" with null would select DMs; undefined means every record instead.
    const scope = options.guildId === undefined ? '' : ' AND guild_id = @guild';
    const params = { since, limit, guild: options.guildId ?? null };
    const votes = this.db
      .prepare(
        `SELECT COALESCE(SUM(vote = 1), 0) AS up, COALESCE(SUM(vote = -1), 0) AS down
         FROM feedback WHERE created_at >= @since${scope}`,
      )
      .get(pick(params, scope)) as { up: number; down: number };
    const topUnanswered = this.db
      .prepare(
        `SELECT MAX(question) AS question, COUNT(*) AS count, MAX(created_at) AS lastAskedAt
         FROM unanswered WHERE created_at >= @since AND hidden = 0${scope}
         GROUP BY normalised ORDER BY count DESC, lastAskedAt DESC LIMIT @limit`,
      )
      .all(pick(params, scope, true)) as { question: string; count: number; lastAskedAt: number }[];
    const totalUnanswered = (
      this.db.prepare(`SELECT COUNT(*) AS n FROM unanswered WHERE created_at >= @since${scope}`).get(pick(params, scope)) as {
        n: number;
      }
    ).n;
    const downvoted = this.db
      .prepare(
        `SELECT question, kind, SUM(vote = -1) AS down, SUM(vote = 1) AS up, MAX(cited_urls) AS cited
         FROM feedback WHERE created_at >= @since AND hidden = 0${scope}
         GROUP BY kind, lower(question) HAVING down > 0
         ORDER BY down DESC, up ASC LIMIT @limit`,
      )
      .all(pick(params, scope, true)) as { question: string; kind: ViewKind; down: number; up: number; cited: string }[];
    return {
      ...(options.since !== undefined ? { since: options.since } : {}),
      votes: { up: votes.up, down: votes.down },
      topUnanswered,
      mostDownvoted: downvoted.map((row) => ({
        question: row.question,
        kind: row.kind,
        down: row.down,
        up: row.up,
        citedUrls: parseUrls(row.cited),
      })),
      totalUnanswered,
    };
  }

  /**
   * Deletes views, votes and unanswered questions older than `maxAgeMs` (buttons on a
   * forgotten view say so), and the oldest rows beyond the cap (MAX_ROWS_PER_TABLE).
   */
  prune(maxAgeMs: number): PruneResult {
    const cutoff = this.now() - maxAgeMs;
    const run = (table: 'views' | 'unanswered' | 'feedback', order: string) =>
      this.db.prepare(`DELETE FROM ${table} WHERE created_at < ?`).run(cutoff).changes +
      this.db
        .prepare(`DELETE FROM ${table} WHERE rowid IN (SELECT rowid FROM ${table} ORDER BY ${order} DESC LIMIT -1 OFFSET ?)`)
        .run(this.maxRows).changes;
    return this.db.transaction(() => ({
      views: run('views', 'created_at'),
      unanswered: run('unanswered', 'created_at'),
      feedback: run('feedback', 'created_at'),
    }))();
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  private hashUser(userId: string): string {
    return createHash('sha256').update(this.salt).update(userId).digest('base64url').slice(0, 22);
  }

  private readOrCreateSalt(): string {
    const row = this.db.prepare("SELECT value FROM meta WHERE key = 'salt'").get() as { value: string } | undefined;
    if (row) return row.value;
    if (this.db.readonly) return '';
    const salt = randomBytes(16).toString('hex');
    this.db.prepare("INSERT INTO meta (key, value) VALUES ('salt', ?)").run(salt);
    return salt;
  }
}

/** better-sqlite3 rejects named parameters the statement does not use. */
function pick(params: { since: number; limit: number; guild: string | null }, scope: string, withLimit = false) {
  return {
    since: params.since,
    ...(withLimit ? { limit: params.limit } : {}),
    ...(scope ? { guild: params.guild } : {}),
  };
}

function parseUrls(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
  } catch {
    return [];
  }
}
