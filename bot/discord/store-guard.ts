// Answering never depends on the feedback store. The guard stands between the bot and the
// SQLite file: a database that cannot be opened because it is damaged is moved aside (never
// deleted) and started afresh; a store that cannot be opened or written (read-only, disk full,
// locked) turns into "no feedback right now": answers still go out, the buttons that need the
// store say so when clicked, and the failure is logged once, not once per request.
import { closeSync, existsSync, openSync, readSync, renameSync } from 'node:fs';
import type { Logger } from 'pino';
import {
  type AskedWhere,
  FeedbackStore,
  type FeedbackStoreApi,
  type FeedbackSummary,
  type NewView,
  type PruneResult,
  type SummaryOptions,
  type ViewKind,
  type ViewRecord,
  type Vote,
  type VoteResult,
} from './feedback-store.ts';

/** Stands in for a view id when the view could not be stored; its buttons say so. */
export const UNSAVED_VIEW_ID = 'unsaved';

export const STORE_UNAVAILABLE_NOTE =
  'Sorry, this is unavailable right now: the bot could not use its feedback database. ' +
  'Answers are unaffected, and the maintainers have been told.';

/** Thrown by reads the caller cannot do without (a view behind a button, a vote, a summary). */
export class StoreUnavailableError extends Error {
  override name = 'StoreUnavailableError';
}

/** After a failure, the store is left alone this long: a locked file would stall every answer. */
const RETRY_AFTER_MS = 30_000;

const DAMAGED_CODES = new Set(['SQLITE_NOTADB', 'SQLITE_CORRUPT']);

export interface GuardOptions {
  logger: Logger;
  now?: () => number;
  /** Opens the real store (tests make it fail). */
  open?: (file: string) => FeedbackStore;
  /** Told of every operation the store could not do (for metrics), besides the one log line. */
  onFailure?: (operation: string) => void;
}

export class GuardedStore implements FeedbackStoreApi {
  private inner: FeedbackStore | undefined;
  private failing = false;
  private failedAt = 0;
  private closed = false;
  private readonly logger: Logger;
  private readonly now: () => number;
  private readonly openStore: (file: string) => FeedbackStore;
  private readonly onFailure: (operation: string) => void;

  constructor(
    readonly file: string,
    options: GuardOptions,
  ) {
    this.logger = options.logger;
    this.now = options.now ?? Date.now;
    this.openStore = options.open ?? ((target) => FeedbackStore.open(target, { now: this.now }));
    this.onFailure = options.onFailure ?? (() => undefined);
    this.inner = this.tryOpen();
  }

  saveView(view: NewView): ViewRecord {
    const saved = this.attempt('saveView', (store) => store.saveView(view));
    const { askerId: _askerId, ...fields } = view;
    return saved ?? { ...fields, id: UNSAVED_VIEW_ID, createdAt: this.now() };
  }

  getView(id: string): ViewRecord | undefined {
    if (id === UNSAVED_VIEW_ID) throw new StoreUnavailableError('this answer was not stored');
    return this.required('getView', (store) => store.getView(id));
  }

  recordVote(viewId: string, userId: string, vote: Vote): VoteResult {
    if (viewId === UNSAVED_VIEW_ID) throw new StoreUnavailableError('this answer was not stored');
    return this.required('recordVote', (store) => store.recordVote(viewId, userId, vote));
  }

  recordUnanswered(kind: ViewKind, question: string, reason: string, where?: AskedWhere): boolean {
    return this.attempt('recordUnanswered', (store) => store.recordUnanswered(kind, question, reason, where)) ?? false;
  }

  summary(options?: SummaryOptions): FeedbackSummary {
    return this.required('summary', (store) => store.summary(options));
  }

  prune(maxAgeMs: number): PruneResult {
    return this.attempt('prune', (store) => store.prune(maxAgeMs)) ?? { views: 0, unanswered: 0, feedback: 0 };
  }

  close(): void {
    this.closed = true;
    try {
      this.inner?.close();
    } catch (error) {
      this.logger.warn({ err: error, file: this.file }, 'could not close the feedback database');
    }
    this.inner = undefined;
  }

  /** Runs `action` on the store; undefined (logged once) when the store cannot do it. */
  private attempt<T>(operation: string, action: (store: FeedbackStore) => T): T | undefined {
    try {
      return this.required(operation, action);
    } catch (error) {
      if (error instanceof StoreUnavailableError) return undefined;
      throw error;
    }
  }

  private required<T>(operation: string, action: (store: FeedbackStore) => T): T {
    const store = this.usable();
    if (!store) {
      this.onFailure(operation);
      throw new StoreUnavailableError('the feedback store is unavailable');
    }
    try {
      const result = action(store);
      this.recovered();
      return result;
    } catch (error) {
      this.onFailure(operation);
      this.fail(error);
      throw new StoreUnavailableError('the feedback store is unavailable', { cause: error });
    }
  }

  private usable(): FeedbackStore | undefined {
    if (this.closed) return undefined;
    if (this.failing && this.now() - this.failedAt < RETRY_AFTER_MS) return undefined;
    this.inner ??= this.tryOpen();
    return this.inner;
  }

  private tryOpen(): FeedbackStore | undefined {
    // A file that is not SQLite at all is set aside before SQLite opens it: closing the failed
    // connection would delete the WAL file that belongs to it.
    if (!hasSqliteHeader(this.file)) return this.replaceDamaged();
    try {
      return this.openStore(this.file);
    } catch (error) {
      if (!isDamaged(error) || !existsSync(this.file)) {
        this.fail(error);
        return undefined;
      }
    }
    return this.replaceDamaged();
  }

  /** Keeps the damaged file for whoever wants to look at it, and starts a fresh one. */
  private replaceDamaged(): FeedbackStore | undefined {
    try {
      const movedTo = moveAside(this.file, this.now());
      this.logger.warn({ file: this.file, movedTo }, 'the feedback database was damaged: moved it aside and started a fresh one');
      return this.openStore(this.file);
    } catch (error) {
      this.fail(error);
      return undefined;
    }
  }

  private fail(error: unknown): void {
    this.failedAt = this.now();
    if (this.failing) return;
    this.failing = true;
    this.logger.error(
      { file: this.file, reason: describe(error) },
      'feedback store unavailable: answers continue, without feedback buttons or stored views',
    );
  }

  private recovered(): void {
    if (!this.failing) return;
    this.failing = false;
    this.logger.info({ file: this.file }, 'feedback store works again');
  }
}

const SQLITE_HEADER = Buffer.from('SQLite format 3\u0000', 'latin1');

/** False only for an existing, non-empty file that does not start like an SQLite database. */
function hasSqliteHeader(file: string): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return true; // missing (created on open) or unreadable (reported by the open)
  }
  try {
    const head = Buffer.alloc(SQLITE_HEADER.length);
    const read = readSync(fd, head, 0, head.length, 0);
    return read === 0 || (read === head.length && head.equals(SQLITE_HEADER));
  } catch {
    return true;
  } finally {
    closeSync(fd);
  }
}

function isDamaged(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && DAMAGED_CODES.has(code);
}

/** Renames the database (and its WAL files) to `<file>.corrupt-<timestamp>`; returns the new name. */
function moveAside(file: string, now: number): string {
  const stamp = new Date(now).toISOString().replace(/[:.]/g, '-');
  let target = `${file}.corrupt-${stamp}`;
  for (let n = 2; existsSync(target); n += 1) target = `${file}.corrupt-${stamp}-${n}`;
  renameSync(file, target);
  for (const suffix of ['-wal', '-shm']) {
    if (existsSync(file + suffix)) renameSync(file + suffix, target + suffix);
  }
  return target;
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? `${code}: ${error.message}` : error.message;
}
