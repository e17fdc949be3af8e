// The store the settings name: PostgreSQL when DATABASE_URL is set (shared by replicas,
// migrated at start), else SQLite under DATA_DIR. Either way behind a guard, so a failing
// database never breaks answers.
import type { Logger } from 'pino';
import { Cooldown } from '../cooldown.ts';
import type { CooldownGate } from '../context.ts';
import type { BotSettings } from '../settings.ts';
import type { BotStore } from './bot-store.ts';
import { GuardedBotStore } from './guarded-bot-store.ts';
import { SqliteBotStore } from './sqlite-store.ts';

export async function openBotStore(
  settings: Pick<BotSettings, 'databaseUrl' | 'feedbackDbFile'>,
  options: { logger: Logger; onFailure?: (operation: string) => void },
): Promise<BotStore> {
  if (settings.databaseUrl !== undefined) {
    // Loaded only when used: the default set-up never needs the pg client.
    const { PostgresBotStore } = await import('./postgres-store.ts');
    return new GuardedBotStore(await PostgresBotStore.connect(settings.databaseUrl), options);
  }
  return SqliteBotStore.open(settings.feedbackDbFile, options);
}

/** The store's shared cooldown when it has one, else one in this process's memory. */
export function cooldownFor(store: BotStore, ms: number): CooldownGate {
  return store.sharedCooldown?.(ms) ?? new Cooldown(ms);
}
