// The PostgreSQL schema, as numbered migrations applied in order at start-up. Replicas that
// start together take an advisory lock, so each migration runs exactly once. Never edit an
// applied migration: add the next one.
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'views, feedback, unanswered questions, cooldowns',
    sql: `
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE views (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        query TEXT NOT NULL,
        result_offset INTEGER NOT NULL,
        cited_urls JSONB NOT NULL,
        next_offset INTEGER,
        created_at BIGINT NOT NULL
      );
      CREATE INDEX views_created ON views (created_at);
      CREATE TABLE feedback (
        view_id TEXT NOT NULL,
        user_hash TEXT NOT NULL,
        kind TEXT NOT NULL,
        question TEXT NOT NULL,
        vote SMALLINT NOT NULL CHECK (vote IN (-1, 1)),
        cited_urls JSONB NOT NULL,
        created_at BIGINT NOT NULL,
        PRIMARY KEY (view_id, user_hash)
      );
      CREATE INDEX feedback_created ON feedback (created_at);
      CREATE TABLE unanswered (
        id BIGSERIAL PRIMARY KEY,
        kind TEXT NOT NULL,
        question TEXT NOT NULL,
        normalised TEXT NOT NULL,
        reason TEXT NOT NULL,
        created_at BIGINT NOT NULL
      );
      CREATE INDEX unanswered_normalised ON unanswered (normalised);
      CREATE INDEX unanswered_created ON unanswered (created_at);
      -- Per-user turns shared by every replica.
      CREATE TABLE cooldowns (key TEXT PRIMARY KEY, last_at BIGINT NOT NULL);
    `,
  },
  {
    version: 2,
    name: 'bounded, per-server records: server, hidden flag and asker on every record',
    sql: `
      ALTER TABLE views ADD COLUMN guild_id TEXT, ADD COLUMN hidden BOOLEAN NOT NULL DEFAULT false, ADD COLUMN user_hash TEXT;
      ALTER TABLE feedback ADD COLUMN guild_id TEXT, ADD COLUMN hidden BOOLEAN NOT NULL DEFAULT false;
      ALTER TABLE unanswered ADD COLUMN guild_id TEXT, ADD COLUMN hidden BOOLEAN NOT NULL DEFAULT false, ADD COLUMN user_hash TEXT;
      CREATE INDEX unanswered_guild ON unanswered (guild_id, created_at);
      CREATE INDEX feedback_guild ON feedback (guild_id, created_at);
      CREATE INDEX views_user ON views (user_hash, created_at);
      CREATE INDEX unanswered_user ON unanswered (user_hash, created_at);
      CREATE INDEX feedback_user ON feedback (user_hash, created_at);
      CREATE INDEX cooldowns_last ON cooldowns (last_at);
    `,
  },
];

/** Any fixed number: the advisory lock that serialises migrations across replicas. */
export const MIGRATION_LOCK_ID = 804_215_771;
