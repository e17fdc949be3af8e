// The local store: the SQLite FeedbackStore behind the asynchronous BotStore interface, through
// the store guard (store-guard.ts), so a damaged, locked or read-only file never breaks answers.
import pino, { type Logger } from 'pino';
import { FeedbackStore, type AskedWhere, type NewView, type SummaryOptions, type ViewKind, type Vote } from '../feedback-store.ts';
import { GuardedStore } from '../store-guard.ts';
import type { BotStore } from './bot-store.ts';

export interface SqliteStoreOptions {
  now?: () => number;
  /** Where the guard reports a failing database (once); silent when not given. */
  logger?: Logger;
  maxRowsPerTable?: number;
  /** Told of every operation the store could not do (for metrics). */
  onFailure?: (operation: string) => void;
}

export class SqliteBotStore implements BotStore {
  readonly backend = 'sqlite';

  private constructor(private readonly guarded: GuardedStore) {}

  /** Opens the database at `file` behind the guard; never throws. */
  static open(file: string, options: SqliteStoreOptions = {}): SqliteBotStore {
    const now = options.now ?? Date.now;
    return new SqliteBotStore(
      new GuardedStore(file, {
        logger: options.logger ?? pino({ level: 'silent' }),
        now,
        ...(options.onFailure ? { onFailure: options.onFailure } : {}),
        open: (target) =>
          FeedbackStore.open(target, {
            now,
            ...(options.maxRowsPerTable !== undefined ? { maxRowsPerTable: options.maxRowsPerTable } : {}),
          }),
      }),
    );
  }

  async saveView(view: NewView) {
    return this.guarded.saveView(view);
  }

  async getView(id: string) {
    return this.guarded.getView(id);
  }

  async recordVote(viewId: string, userId: string, vote: Vote) {
    return this.guarded.recordVote(viewId, userId, vote);
  }

  async recordUnanswered(kind: ViewKind, question: string, reason: string, where?: AskedWhere) {
    return this.guarded.recordUnanswered(kind, question, reason, where);
  }

  async summary(options?: SummaryOptions) {
    return this.guarded.summary(options);
  }

  async prune(maxAgeMs: number) {
    return this.guarded.prune(maxAgeMs);
  }

  async ping(): Promise<void> {
    // A primary-key read: cheap, and it fails when the database is closed or unusable.
    this.guarded.getView('readiness-check');
  }

  async close(): Promise<void> {
    this.guarded.close();
  }
}
