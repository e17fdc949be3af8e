// What both stores make of a record on its way in and out of SQL: a new view (its text and
// cited URLs bounded, an id, the time), an unanswered question's stored and grouping forms,
// the salted hash that stands for a person, and a view read back from its row.
import { createHash, randomBytes } from 'node:crypto';
import type { NewView, ViewKind, ViewRecord } from '../feedback-store.ts';

/** Longest question text stored: the /ask option's limit (context-menu text is cut to it too). */
export const STORED_QUESTION_MAX = 500;
/** Cited URLs kept with a view: the summaries show the first few. */
const CITED_URLS_KEPT = 3;

/** The view as stored, and who asked for it (stored only as a hash). */
export function newViewRecord(view: NewView, now: number): { record: ViewRecord; askerId: string | undefined } {
  const { askerId, ...fields } = view;
  const record: ViewRecord = {
    ...fields,
    query: fields.query.slice(0, STORED_QUESTION_MAX),
    citedUrls: fields.citedUrls.slice(0, CITED_URLS_KEPT),
    id: randomBytes(9).toString('base64url'),
    createdAt: now,
  };
  return { record, askerId };
}

/** A question as stored, and the form that groups repeats of it in the summary. */
export function unansweredText(question: string): { text: string; normalised: string } {
  const text = question.trim().slice(0, STORED_QUESTION_MAX);
  return { text, normalised: text.toLowerCase().replace(/\s+/g, ' ').trim() };
}

export function userHash(salt: string, userId: string): string {
  return createHash('sha256').update(salt).update(userId).digest('base64url').slice(0, 22);
}

export interface ViewRow {
  id: string;
  kind: ViewKind;
  query: string;
  result_offset: number;
  /** JSON text (SQLite) or JSON already parsed (PostgreSQL). */
  cited_urls: unknown;
  next_offset: number | null;
  guild_id: string | null;
  /** 0/1 (SQLite) or a boolean (PostgreSQL). */
  hidden: number | boolean;
  created_at: number;
}

export function viewOfRow(row: ViewRow): ViewRecord {
  return {
    id: row.id,
    kind: row.kind,
    query: row.query,
    offset: row.result_offset,
    citedUrls: urlList(row.cited_urls),
    ...(row.next_offset === null ? {} : { nextOffset: row.next_offset }),
    ...(row.guild_id === null ? {} : { guildId: row.guild_id }),
    ...(row.hidden ? { hidden: true } : {}),
    createdAt: row.created_at,
  };
}

/** Cited URLs from their column: the strings of a JSON array; [] for anything else. */
export function urlList(value: unknown): string[] {
  let parsed = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch {
      return [];
    }
  }
  return Array.isArray(parsed) ? parsed.filter((item): item is string => typeof item === 'string') : [];
}
