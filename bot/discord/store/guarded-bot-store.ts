// Answering never depends on the store, whichever backend: a shared store (PostgreSQL) that
// stops answering turns into "no feedback right now", as store-guard.ts does for SQLite.
// Answers still go out (views unsaved, unanswered questions not recorded), the buttons that
// need the store say so, cooldowns fall back to this process's memory, and the failure is
// logged once, not once per request. After a failure the database is left alone for a while:
// a server that does not answer would otherwise hold every answer up to the connect timeout.
import type { Logger } from 'pino';
import { Cooldown } from '../cooldown.ts';
import type { CooldownGate } from '../context.ts';
import type { AskedWhere, NewView, SummaryOptions, ViewKind, ViewRecord, Vote } from '../feedback-store.ts';
import { StoreUnavailableError, UNSAVED_VIEW_ID } from '../store-guard.ts';
import type { BotStore } from './bot-store.ts';

/** After a failure, the store is left alone this long. */
const RETRY_AFTER_MS = 30_000;

export interface BotStoreGuardOptions {
  logger: Logger;
  now?: () => number;
  /** Told of every operation the store could not do (for metrics), besides the one log line. */
  onFailure?: (operation: string) => void;
}

export class GuardedBotStore implements BotStore {
  readonly backend: string;
  private failing = false;
  private failedAt = 0;
  private readonly logger: Logger;
  private readonly now: () => number;
  private readonly onFailure: (operation: string) => void;

  constructor(
    private readonly inner: BotStore,
    options: BotStoreGuardOptions,
  ) {
    this.backend = inner.backend;
    this.logger = options.logger;
    this.now = options.now ?? Date.now;
    this.onFailure = options.onFailure ?? (() => undefined);
  }

  async saveView(view: NewView): Promise<ViewRecord> {
    const saved = await this.attempt('saveView', () => this.inner.saveView(view));
    const { askerId: _askerId, ...fields } = view;
    return saved ?? { ...fields, id: UNSAVED_VIEW_ID, createdAt: this.now() };
  }

  async getView(id: string) {
    if (id === UNSAVED_VIEW_ID) throw new StoreUnavailableError('this answer was not stored');
    return this.required('getView', () => this.inner.getView(id));
  }

  async recordVote(viewId: string, userId: string, vote: Vote) {
    if (viewId === UNSAVED_VIEW_ID) throw new StoreUnavailableError('this answer was not stored');
    return this.required('recordVote', () => this.inner.recordVote(viewId, userId, vote));
  }

  async recordUnanswered(kind: ViewKind, question: string, reason: string, where?: AskedWhere) {
    return (await this.attempt('recordUnanswered', () => this.inner.recordUnanswered(kind, question, reason, where))) ?? false;
  }

  async summary(options?: SummaryOptions) {
    return this.required('summary', () => this.inner.summary(options));
  }

  async prune(maxAgeMs: number) {
    return (await this.attempt('prune', () => this.inner.prune(maxAgeMs))) ?? { views: 0, unanswered: 0, feedback: 0 };
  }

  /** The store's shared turns while it answers; this process's own turns while it does not. */
  sharedCooldown(ms: number): CooldownGate {
    const local = new Cooldown(ms);
    const shared = this.inner.sharedCooldown?.(ms);
    if (!shared) return local;
    return {
      take: async (key) => (await this.attempt('cooldown', async () => shared.take(key))) ?? local.take(key),
    };
  }

  ping(): Promise<void> {
    return this.inner.ping();
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  private async attempt<T>(operation: string, action: () => Promise<T>): Promise<T | undefined> {
    try {
      return await this.required(operation, action);
    } catch (error) {
      if (error instanceof StoreUnavailableError) return undefined;
      throw error;
    }
  }

  private async required<T>(operation: string, action: () => Promise<T>): Promise<T> {
    if (this.resting()) {
      this.onFailure(operation);
      throw new StoreUnavailableError('the feedback store is unavailable');
    }
    try {
      const result = await action();
      this.recovered();
      return result;
    } catch (error) {
      this.onFailure(operation);
      this.fail(error);
      throw new StoreUnavailableError('the feedback store is unavailable', { cause: error });
    }
  }

  /** True while the store is left alone after a failure. */
  private resting(): boolean {
    return this.failing && this.now() - this.failedAt < RETRY_AFTER_MS;
  }

  private fail(error: unknown): void {
    this.failedAt = this.now();
    if (this.failing) return;
    this.failing = true;
    this.logger.error(
      { backend: this.backend, reason: error instanceof Error ? error.message : String(error) },
      'feedback store unavailable: answers continue, without feedback buttons or stored views',
    );
  }

  private recovered(): void {
    if (!this.failing) return;
    this.failing = false;
    this.logger.info({ backend: this.backend }, 'feedback store works again');
  }
}
