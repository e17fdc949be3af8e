// What the bot keeps between interactions, whichever database holds it: the views behind the
// buttons, votes, unanswered questions. Asynchronous because a shared store (PostgreSQL) is a
// network call away; the local SQLite store answers at once through the same interface.
import type { CooldownGate } from '../context.ts';
import type { FeedbackSummary, SummaryOptions, ViewKind, ViewRecord, Vote } from '../feedback-store.ts';

export type { FeedbackSummary, SummaryOptions, ViewKind, ViewRecord, Vote };

export type VoteResult = 'recorded' | 'changed' | 'unknown-view';

export interface BotStore {
  /** Which database this is, for logs and /readyz ("sqlite", "postgres"). */
  readonly backend: string;
  saveView(view: Omit<ViewRecord, 'id' | 'createdAt'>): Promise<ViewRecord>;
  getView(id: string): Promise<ViewRecord | undefined>;
  /** Records (or changes) one person's vote on a view. */
  recordVote(viewId: string, userId: string, vote: Vote): Promise<VoteResult>;
  recordUnanswered(kind: ViewKind, question: string, reason: string): Promise<void>;
  summary(options?: SummaryOptions): Promise<FeedbackSummary>;
  /** Forgets views older than `maxAgeMs` (their buttons then answer "expired"); votes stay. */
  pruneViews(maxAgeMs: number): Promise<number>;
  /** Per-user turns kept in the store, for stores shared by several replicas. */
  sharedCooldown?(ms: number): CooldownGate;
  /** Resolves when the database answers (for readiness checks). */
  ping(): Promise<void>;
  close(): Promise<void>;
}
