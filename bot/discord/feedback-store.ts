// Durable state for the bot's maintainers and its buttons, in one SQLite file under DATA_DIR:
// - views: what a rendered answer showed (kind, query, offset, cited URLs), so a button needs
//   only the view's id in its custom_id ("More sources", "Share", 👍/👎);
// - feedback: one vote per person per view (the person as a salted hash, not their id);
// - unanswered: questions the bot found nothing for.
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
  createdAt: number;
}

export interface SummaryOptions {
  /** Only records at or after this time (ms since epoch). */
  since?: number;
  limit?: number;
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

interface ViewRow {
  id: string;
  kind: ViewKind;
  query: string;
  result_offset: number;
  cited_urls: string;
  next_offset: number | null;
  created_at: number;
}

/** What the bot uses of a store: the public side of FeedbackStore, so a guard can stand in. */
export type FeedbackStoreApi = Pick<
  FeedbackStore,
  'file' | 'saveView' | 'getView' | 'recordVote' | 'recordUnanswered' | 'summary' | 'pruneViews' | 'close'
>;

export class FeedbackStore {
  readonly file: string;
  private readonly db: Database.Database;
  private readonly salt: string;
  private readonly now: () => number;

  private constructor(file: string, db: Database.Database, now: () => number) {
    this.file = file;
    this.db = db;
    this.now = now;
    this.salt = this.readOrCreateSalt();
  }

  /** Opens (creating when needed) the database at `file`; ":memory:" for a throwaway store. */
  static open(file: string, options: { now?: () => number } = {}): FeedbackStore {
    if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
    const db = new Database(file);
    try {
      db.pragma('journal_mode = WAL');
      // Short: every call is synchronous, so a lock held elsewhere stalls every interaction.
      db.pragma('busy_timeout = 500');
      db.exec(SCHEMA);
      return new FeedbackStore(file, db, options.now ?? Date.now);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  /** Opens an existing database read-only (for the summary CLI). */
  static openReadOnly(file: string): FeedbackStore {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    return new FeedbackStore(file, db, Date.now);
  }

  saveView(view: Omit<ViewRecord, 'id' | 'createdAt'>): ViewRecord {
    const record: ViewRecord = { ...view, id: randomBytes(9).toString('base64url'), createdAt: this.now() };
    this.db
      .prepare(
        'INSERT INTO views (id, kind, query, result_offset, cited_urls, next_offset, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(
        record.id,
        record.kind,
        record.query,
        record.offset,
        JSON.stringify(record.citedUrls),
        record.nextOffset ?? null,
        record.createdAt,
      );
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
      createdAt: row.created_at,
    };
  }

  /** Records (or changes) one person's vote on a view. */
  recordVote(viewId: string, userId: string, vote: Vote): 'recorded' | 'changed' | 'unknown-view' {
    const view = this.getView(viewId);
    if (!view) return 'unknown-view';
    const userHash = this.hashUser(userId);
    const previous = this.db
      .prepare('SELECT vote FROM feedback WHERE view_id = ? AND user_hash = ?')
      .get(viewId, userHash) as { vote: number } | undefined;
    this.db
      .prepare(
        `INSERT INTO feedback (view_id, user_hash, kind, question, vote, cited_urls, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (view_id, user_hash) DO UPDATE SET vote = excluded.vote, created_at = excluded.created_at`,
      )
      .run(viewId, userHash, view.kind, view.query, vote === 'up' ? 1 : -1, JSON.stringify(view.citedUrls), this.now());
    return previous ? 'changed' : 'recorded';
  }

  recordUnanswered(kind: ViewKind, question: string, reason: string): void {
    const normalised = question.toLowerCase().replace(/\s+/g, ' ').trim();
    this.db
      .prepare('INSERT INTO unanswered (kind, question, normalised, reason, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(kind, question.trim(), normalised, reason, this.now());
  }

  summary(options: SummaryOptions = {}): FeedbackSummary {
    const since = options.since ?? 0;
    const limit = options.limit ?? 10;
    const votes = this.db
      .prepare(
        `SELECT COALESCE(SUM(vote = 1), 0) AS up, COALESCE(SUM(vote = -1), 0) AS down
         FROM feedback WHERE created_at >= ?`,
      )
      .get(since) as { up: number; down: number };
    const topUnanswered = this.db
      .prepare(
        `SELECT MAX(question) AS question, COUNT(*) AS count, MAX(created_at) AS lastAskedAt
         FROM unanswered WHERE created_at >= ?
         GROUP BY normalised ORDER BY count DESC, lastAskedAt DESC LIMIT ?`,
      )
      .all(since, limit) as { question: string; count: number; lastAskedAt: number }[];
    const totalUnanswered = (
      this.db.prepare('SELECT COUNT(*) AS n FROM unanswered WHERE created_at >= ?').get(since) as { n: number }
    ).n;
    const downvoted = this.db
      .prepare(
        `SELECT question, kind, SUM(vote = -1) AS down, SUM(vote = 1) AS up, MAX(cited_urls) AS cited
         FROM feedback WHERE created_at >= ?
         GROUP BY kind, lower(question) HAVING down > 0
         ORDER BY down DESC, up ASC LIMIT ?`,
      )
      .all(since, limit) as { question: string; kind: ViewKind; down: number; up: number; cited: string }[];
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

  /** Forgets views older than `maxAgeMs` (their buttons then answer "expired"); votes stay. */
  pruneViews(maxAgeMs: number): number {
    return this.db.prepare('DELETE FROM views WHERE created_at < ?').run(this.now() - maxAgeMs).changes;
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

function parseUrls(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
  } catch {
    return [];
  }
}
