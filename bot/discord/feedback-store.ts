// Durable state for the bot's maintainers and its buttons, in one SQLite file under DATA_DIR:
// - views: what a rendered answer showed (kind, query, offset, cited URLs), so a button needs
//   only the view's id in its custom_id ("More sources", "Share", 👍/👎);
// - feedback: one vote per person per view (the person as a salted hash, not their id);
// - unanswered: questions the bot found nothing for.
// Each record knows the server it came from (none for direct messages) and whether it was
// hidden, so a server's summary shows only its own public questions. Records older than the
// retention are pruned, and each table is capped, so the file stays small whatever the traffic.
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { type ViewRow, newViewRecord, unansweredText, urlList, userHash, viewOfRow } from './store/records.ts';
import * as shared from './store/shared-sql.ts';

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

/** A shared statement's values as better-sqlite3 binds them: $1, $2, … by number, booleans as 0/1. */
function bindings(statement: shared.Statement): Record<number, unknown>[] {
  if (statement.values.length === 0) return [];
  return [Object.fromEntries(statement.values.map((value, i) => [i + 1, typeof value === 'boolean' ? Number(value) : value]))];
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
    const { record, askerId } = newViewRecord(view, this.now());
    const user = askerId === undefined ? null : this.hashUser(askerId);
    this.db.transaction(() => {
      this.run(shared.viewInsert(record, user));
      if (user === null) return;
      // The asker's views beyond the most recent VIEWS_PER_ASKER_MAX (index range, no scan).
      this.db
        .prepare(
          `DELETE FROM views WHERE user_hash = @user AND rowid IN (
             SELECT rowid FROM views WHERE user_hash = @user ORDER BY created_at DESC, rowid DESC LIMIT -1 OFFSET @keep)`,
        )
        .run({ user, keep: VIEWS_PER_ASKER_MAX });
    })();
    return record;
  }

  getView(id: string): ViewRecord | undefined {
    const row = this.get<ViewRow>(shared.viewById(id));
    return row && viewOfRow(row);
  }

  /** Records (or changes) one person's vote on a view. */
  recordVote(viewId: string, userId: string, vote: Vote): VoteResult {
    const view = this.getView(viewId);
    if (!view) return 'unknown-view';
    const user = this.hashUser(userId);
    const previous = this.get(shared.voteOf(viewId, user));
    if (!previous && this.get<{ n: number }>(shared.votesBy(user, this.now() - DAY_MS))!.n >= VOTES_PER_USER_PER_DAY_MAX) {
      return 'limited';
    }
    this.run(shared.voteUpsert(view, user, vote, this.now()));
    return previous ? 'changed' : 'recorded';
  }

  /** Records a question the bot had no answer for; false when the asker's daily share is used up. */
  recordUnanswered(kind: ViewKind, question: string, reason: string, where: AskedWhere = {}): boolean {
    const user = where.askerId === undefined ? null : this.hashUser(where.askerId);
    if (user !== null && this.get<{ n: number }>(shared.unansweredBy(user, this.now() - DAY_MS))!.n >= UNANSWERED_PER_ASKER_PER_DAY_MAX) {
      return false;
    }
    this.run(shared.unansweredInsert({ kind, reason, ...unansweredText(question) }, where, user, this.now()));
    return true;
  }

  /**
   * Votes and unanswered questions. Counts include hidden questions; the lists, which show
   * question text, never do. With `guildId`, only that server's records.
   */
  summary(options: SummaryOptions = {}): FeedbackSummary {
    const scope = { since: options.since ?? 0, guildId: options.guildId, limit: options.limit ?? 10 };
    const votes = this.get<{ up: number; down: number }>(shared.summaryVotes(scope))!;
    const downvoted = this.all<{ question: string; kind: ViewKind; down: number; up: number; cited: string }>(
      shared.summaryMostDownvoted(scope, 'MAX(cited_urls)'),
    );
    return {
      ...(options.since !== undefined ? { since: options.since } : {}),
      votes: { up: votes.up, down: votes.down },
      topUnanswered: this.all<FeedbackSummary['topUnanswered'][number]>(shared.summaryTopUnanswered(scope)),
      mostDownvoted: downvoted.map((row) => ({
        question: row.question,
        kind: row.kind,
        down: row.down,
        up: row.up,
        citedUrls: urlList(row.cited),
      })),
      totalUnanswered: this.get<{ n: number }>(shared.summaryUnansweredTotal(scope))!.n,
    };
  }

  /**
   * Deletes views, votes and unanswered questions older than `maxAgeMs` (buttons on a
   * forgotten view say so), and the oldest rows beyond the cap (MAX_ROWS_PER_TABLE).
   */
  prune(maxAgeMs: number): PruneResult {
    const cutoff = this.now() - maxAgeMs;
    const run = (table: 'views' | 'unanswered' | 'feedback', order: string) =>
      this.run(shared.deleteOlder(table, cutoff)).changes +
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
    return userHash(this.salt, userId);
  }

  private readOrCreateSalt(): string {
    const row = this.get<{ value: string }>(shared.SALT_READ);
    if (row) return row.value;
    if (this.db.readonly) return '';
    const salt = randomBytes(16).toString('hex');
    this.run(shared.saltCreate(salt));
    return salt;
  }

  private get<T>(statement: shared.Statement): T | undefined {
    return this.db.prepare(statement.text).get(...bindings(statement)) as T | undefined;
  }

  private all<T>(statement: shared.Statement): T[] {
    return this.db.prepare(statement.text).all(...bindings(statement)) as T[];
  }

  private run(statement: shared.Statement): Database.RunResult {
    return this.db.prepare(statement.text).run(...bindings(statement));
  }
}
