// The store the settings name: SQLite under DATA_DIR (the default).
import type { BotSettings } from '../settings.ts';
import type { BotStore } from './bot-store.ts';
import { SqliteBotStore } from './sqlite-store.ts';

export async function openBotStore(settings: BotSettings): Promise<BotStore> {
  return SqliteBotStore.open(settings.feedbackDbFile);
}
