// What the bot keeps between interactions, whichever database holds it: the views behind the
// buttons, votes, unanswered questions. Asynchronous because a shared store (PostgreSQL) is a
// network call away; the local SQLite store answers at once through the same interface.
// Every backend keeps the same bounds: retention (prune), a row cap per table, per-person
// shares, question text capped, and each record's server and hidden flag.
import type { CooldownGate } from '../context.ts';
import type {
  AskedWhere,
  FeedbackSummary,
  NewView,
  PruneResult,
  SummaryOptions,
  ViewKind,
  ViewRecord,
  Vote,
  VoteResult,
} from '../feedback-store.ts';

export interface BotStore {
  /** Which database this is, for logs and /readyz ("sqlite", "postgres"). */
  readonly backend: string;
  /** Stores a view (question text and cited URLs capped); the asker's oldest views beyond their share go. */
  saveView(view: NewView): Promise<ViewRecord>;
  getView(id: string): Promise<ViewRecord | undefined>;
  /** Records (or changes) one person's vote on a view; 'limited' when their daily share of new votes is used. */
  recordVote(viewId: string, userId: string, vote: Vote): Promise<VoteResult>;
  /** Records a question the bot had no answer for; false when not recorded (the asker's daily share is used up). */
  recordUnanswered(kind: ViewKind, question: string, reason: string, where?: AskedWhere): Promise<boolean>;
  /** Counts include hidden questions, lists never do; with `guildId`, only that server's records. */
  summary(options?: SummaryOptions): Promise<FeedbackSummary>;
  /** Deletes records older than `maxAgeMs` (their buttons then answer "expired") and the oldest beyond the row cap. */
  prune(maxAgeMs: number): Promise<PruneResult>;
  /** Per-user turns kept in the store, for stores shared by several replicas. */
  sharedCooldown?(ms: number): CooldownGate;
  /** Resolves when the database answers (for readiness checks). */
  ping(): Promise<void>;
  close(): Promise<void>;
}
