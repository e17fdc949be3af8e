// The store the settings name: PostgreSQL when DATABASE_URL is set (shared by replicas,
// migrated at start), else SQLite under DATA_DIR.
import { Cooldown } from '../cooldown.ts';
import type { CooldownGate } from '../context.ts';
import type { BotSettings } from '../settings.ts';
import type { BotStore } from './bot-store.ts';
import { SqliteBotStore } from './sqlite-store.ts';

export async function openBotStore(settings: Pick<BotSettings, 'databaseUrl' | 'feedbackDbFile'>): Promise<BotStore> {
  if (settings.databaseUrl !== undefined) {
    // Loaded only when used: the default set-up never needs the pg client.
    const { PostgresBotStore } = await import('./postgres-store.ts');
    return PostgresBotStore.connect(settings.databaseUrl);
  }
  return SqliteBotStore.open(settings.feedbackDbFile);
}

/** The store's shared cooldown when it has one, else one in this process's memory. */
export function cooldownFor(store: BotStore, ms: number): CooldownGate {
  return store.sharedCooldown?.(ms) ?? new Cooldown(ms);
}
