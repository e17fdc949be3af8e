// The local store: the SQLite FeedbackStore behind the asynchronous BotStore interface.
import { FeedbackStore } from '../feedback-store.ts';
import type { BotStore } from './bot-store.ts';

export class SqliteBotStore implements BotStore {
  readonly backend = 'sqlite';

  constructor(readonly sqlite: FeedbackStore) {}

  static open(file: string, options: { now?: () => number } = {}): SqliteBotStore {
    return new SqliteBotStore(FeedbackStore.open(file, options));
  }

  async saveView(view: Parameters<FeedbackStore['saveView']>[0]) {
    return this.sqlite.saveView(view);
  }

  async getView(id: string) {
    return this.sqlite.getView(id);
  }

  async recordVote(...args: Parameters<FeedbackStore['recordVote']>) {
    return this.sqlite.recordVote(...args);
  }

  async recordUnanswered(...args: Parameters<FeedbackStore['recordUnanswered']>) {
    this.sqlite.recordUnanswered(...args);
  }

  async summary(...args: Parameters<FeedbackStore['summary']>) {
    return this.sqlite.summary(...args);
  }

  async pruneViews(maxAgeMs: number) {
    return this.sqlite.pruneViews(maxAgeMs);
  }

  async ping(): Promise<void> {
    // A primary-key read: cheap, and it fails when the database is closed or unreadable.
    this.sqlite.getView('readiness-check');
  }

  async close(): Promise<void> {
    this.sqlite.close();
  }
}
