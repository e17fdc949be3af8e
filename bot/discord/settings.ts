// The bot's view of the settings (config/settings.ts, shared by every command), and what only
// the bot needs: the token check with its help text, and the API URL as it may be logged.
import { ConfigError } from '../../config/env.ts';
import { type LogLevel, type Settings, readSettings } from '../../config/settings.ts';

export type { LogLevel };

/** What the bot reads: the settings of config/settings.ts. */
export type BotSettings = Settings;

export function readBotSettings(env: NodeJS.ProcessEnv = process.env): BotSettings {
  return readSettings(env);
}

/** DISCORD_API_URL as it may be logged: no credentials, no query. */
export function displayApiUrl(apiUrl: string | undefined): string {
  if (apiUrl === undefined) return 'discord.com';
  const url = parseUrl(apiUrl);
  return url ? `${url.protocol}//${url.host}${url.pathname}` : '(unreadable URL)';
}

/** Credentials inside DISCORD_API_URL (user and password), for the log scrubber. */
export function apiUrlSecrets(apiUrl: string | undefined): string[] {
  const url = apiUrl === undefined ? undefined : parseUrl(apiUrl);
  if (!url) return [];
  const secrets = [url.username, url.password, ...url.searchParams.values()].flatMap((part) => [part, safeDecode(part)]);
  return [...new Set(secrets.filter((part) => part.length > 0))];
}

/** Every credential the settings hold besides the token (API URL, database URL), for the log scrubber. */
export function logSecrets(settings: Pick<BotSettings, 'apiUrl' | 'databaseUrl'>): string[] {
  return [...apiUrlSecrets(settings.apiUrl), ...apiUrlSecrets(settings.databaseUrl)];
}

function parseUrl(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

const MISSING_TOKEN_HELP = `DISCORD_TOKEN is not set, so the Discord bot cannot connect.

To run the bot:
  1. Create an application and its bot at https://discord.com/developers/applications
     (Bot → Reset Token) and copy the token.
  2. Put it in .env (git-ignored) or the environment:  DISCORD_TOKEN=...
     Optional: DISCORD_GUILD_ID=<your test server id> for instant command updates.
  3. npm run register   (once, and whenever the commands change)
  4. npm start

Without Discord, ask the documentation from the terminal:
  npm run ask -- "How do I keep my driver from running out of kernel-mode stack?"`;

/** The token, or a ConfigError explaining what to set. */
export function requireToken(settings: BotSettings): string {
  if (settings.token === undefined) throw new ConfigError(MISSING_TOKEN_HELP);
  return settings.token;
}
