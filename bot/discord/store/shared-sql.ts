// The statements the SQLite and PostgreSQL stores share, each with its parameters, written
// once in SQL both dialects read: numbered parameters ($1, $2, …; the SQLite store binds them
// by number, booleans as 0/1), `NOT hidden`, aggregates with FILTER. Where the dialects part
// (the schema, row ids, an unbounded LIMIT, which cited URLs a group keeps), each store has
// its own statement.
import type { ViewKind, ViewRecord, Vote } from '../feedback-store.ts';

/** A statement and its parameter values (the shape pg's query() takes). */
export interface Statement {
  text: string;
  values: unknown[];
}

/** Records of server $2, or every record (direct messages included) when $2 is null. */
const IN_SCOPE = '(CAST($2 AS TEXT) IS NULL OR guild_id = $2)';

export const SALT_READ: Statement = { text: "SELECT value FROM meta WHERE key = 'salt'", values: [] };

export function saltCreate(salt: string): Statement {
  return { text: "INSERT INTO meta (key, value) VALUES ('salt', $1) ON CONFLICT (key) DO NOTHING", values: [salt] };
}

export function viewInsert(record: ViewRecord, user: string | null): Statement {
  return {
    text: `INSERT INTO views (id, kind, query, result_offset, cited_urls, next_offset, guild_id, hidden, user_hash, created_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    values: [
      record.id,
      record.kind,
      record.query,
      record.offset,
      JSON.stringify(record.citedUrls),
      record.nextOffset ?? null,
      record.guildId ?? null,
      record.hidden === true,
      user,
      record.createdAt,
    ],
  };
}

export function viewById(id: string): Statement {
  return { text: 'SELECT * FROM views WHERE id = $1', values: [id] };
}

export function voteOf(viewId: string, user: string): Statement {
  return { text: 'SELECT vote FROM feedback WHERE view_id = $1 AND user_hash = $2', values: [viewId, user] };
}

/** One person's votes since `since` (`n`). */
export function votesBy(user: string, since: number): Statement {
  return { text: 'SELECT COUNT(*) AS n FROM feedback WHERE user_hash = $1 AND created_at >= $2', values: [user, since] };
}

/** A person's vote on a view, or their changed vote. */
export function voteUpsert(view: ViewRecord, user: string, vote: Vote, now: number): Statement {
  return {
    text: `INSERT INTO feedback (view_id, user_hash, kind, question, vote, cited_urls, guild_id, hidden, created_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
      ON CONFLICT (view_id, user_hash) DO UPDATE SET vote = excluded.vote, created_at = excluded.created_at`,
    values: [
      view.id,
      user,
      view.kind,
      view.query,
      vote === 'up' ? 1 : -1,
      JSON.stringify(view.citedUrls),
      view.guildId ?? null,
      view.hidden === true,
      now,
    ],
  };
}

/** One person's unanswered questions since `since` (`n`). */
export function unansweredBy(user: string, since: number): Statement {
  return { text: 'SELECT COUNT(*) AS n FROM unanswered WHERE user_hash = $1 AND created_at >= $2', values: [user, since] };
}

export function unansweredInsert(
  question: { kind: ViewKind; text: string; normalised: string; reason: string },
  where: { guildId?: string; hidden?: boolean },
  user: string | null,
  now: number,
): Statement {
  return {
    text: `INSERT INTO unanswered (kind, question, normalised, reason, guild_id, hidden, user_hash, created_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    values: [question.kind, question.text, question.normalised, question.reason, where.guildId ?? null, where.hidden === true, user, now],
  };
}

/** What a summary covers: records since `since`, of one server or (undefined) all; lists at most `limit` long. */
export interface SummaryScope {
  since: number;
  guildId: string | undefined;
  limit: number;
}

// Summary counts include hidden records; the lists, which show question text, never do.

/** `up` and `down` votes. */
export function summaryVotes(scope: SummaryScope): Statement {
  return {
    text: `SELECT COUNT(*) FILTER (WHERE vote = 1) AS up, COUNT(*) FILTER (WHERE vote = -1) AS down
      FROM feedback WHERE created_at >= $1 AND ${IN_SCOPE}`,
    values: [scope.since, scope.guildId ?? null],
  };
}

/** Unanswered questions (`n`). */
export function summaryUnansweredTotal(scope: SummaryScope): Statement {
  return {
    text: `SELECT COUNT(*) AS n FROM unanswered WHERE created_at >= $1 AND ${IN_SCOPE}`,
    values: [scope.since, scope.guildId ?? null],
  };
}

/** The questions asked most often without an answer. */
export function summaryTopUnanswered(scope: SummaryScope): Statement {
  return {
    text: `SELECT MAX(question) AS question, COUNT(*) AS count, MAX(created_at) AS "lastAskedAt"
      FROM unanswered WHERE created_at >= $1 AND NOT hidden AND ${IN_SCOPE}
      GROUP BY normalised ORDER BY count DESC, "lastAskedAt" DESC LIMIT $3`,
    values: [scope.since, scope.guildId ?? null, scope.limit],
  };
}

/** The answers voted down most; `citedOfGroup` is the dialect's way to keep one vote's cited URLs. */
export function summaryMostDownvoted(scope: SummaryScope, citedOfGroup: string): Statement {
  return {
    text: `SELECT MAX(question) AS question, kind,
        COUNT(*) FILTER (WHERE vote = -1) AS down, COUNT(*) FILTER (WHERE vote = 1) AS up, ${citedOfGroup} AS cited
      FROM feedback WHERE created_at >= $1 AND NOT hidden AND ${IN_SCOPE}
      GROUP BY kind, lower(question) HAVING COUNT(*) FILTER (WHERE vote = -1) > 0
      ORDER BY down DESC, up ASC LIMIT $3`,
    values: [scope.since, scope.guildId ?? null, scope.limit],
  };
}

/** Retention: the table's rows older than `cutoff`. */
export function deleteOlder(table: 'views' | 'unanswered' | 'feedback', cutoff: number): Statement {
  return { text: `DELETE FROM ${table} WHERE created_at < $1`, values: [cutoff] };
}
