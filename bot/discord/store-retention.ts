// Old records are pruned while the bot runs, not only at start: a bot that runs for months
// keeps only the retention window (FEEDBACK_RETENTION_DAYS) in its database.
import type { Logger } from 'pino';
import type { BotStore } from './store/bot-store.ts';

const PRUNE_EVERY_MS = 60 * 60 * 1000;

/** Prunes now and then every hour; returns a function that stops it. */
export function keepPruning(store: BotStore, options: { retentionMs: number; logger: Logger; everyMs?: number }): () => void {
  const prune = async () => {
    try {
      const removed = await store.prune(options.retentionMs);
      if (removed.views + removed.unanswered + removed.feedback > 0) options.logger.info({ removed }, 'pruned old feedback records');
    } catch (error) {
      options.logger.warn({ err: error }, 'could not prune old feedback records');
    }
  };
  void prune();
  const timer = setInterval(() => void prune(), options.everyMs ?? PRUNE_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
