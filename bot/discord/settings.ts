// The bot's configuration, from the environment, validated with zod. A bad value fails at
// start-up with the variable's name. The token is optional here: only `npm start` and
// `npm run register` need it (requireToken), so other tools can read the same settings.
import path from 'node:path';
import { z } from 'zod';
import { ConfigError, optionalString, readEnv } from '../../indexer/env.ts';
import { readIndexSettings } from '../../indexer/settings.ts';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const snowflake = optionalString.refine((value) => value === undefined || /^\d{15,21}$/.test(value), {
  message: 'must be a Discord id (a snowflake: 15–21 digits)',
});

const apiUrl = optionalString.refine(
  (value) => {
    if (value === undefined) return true;
    try {
      const url = new URL(value);
      return url.protocol === 'http:' || url.protocol === 'https:';
    } catch {
      return false;
    }
  },
  { message: 'must be an http(s) URL of the REST API base without the version, e.g. http://127.0.0.1:8080/api' },
);

const botEnvSchema = z.object({
  DISCORD_TOKEN: optionalString,
  DISCORD_APPLICATION_ID: snowflake,
  DISCORD_GUILD_ID: snowflake,
  DISCORD_API_URL: apiUrl,
  LOG_LEVEL: optionalString.pipe(z.enum(LOG_LEVELS).optional()),
  BOT_COOLDOWN_SECONDS: optionalString
    .refine((value) => value === undefined || (/^\d+(\.\d+)?$/.test(value) && Number(value) <= 3600), {
      message: 'must be a number of seconds from 0 to 3600',
    })
    .transform((value) => (value === undefined ? undefined : Number(value))),
  DATA_DIR: optionalString,
  DATABASE_URL: optionalString.refine((value) => value === undefined || /^postgres(ql)?:\/\/\S+$/.test(value), {
    message: 'must be a PostgreSQL URL: postgres://user:password@host:5432/database',
  }),
});

export interface BotSettings {
  /** Bot token; undefined when not configured. Never log it. */
  token?: string;
  applicationId?: string;
  /** Register commands to this guild (instant) instead of globally. */
  guildId?: string;
  /** REST base URL override without the version (e.g. a @discordjs/proxy, or the test stand-in). */
  apiUrl?: string;
  logLevel: LogLevel;
  cooldownMs: number;
  dataDir: string;
  /** SQLite file for feedback, unanswered questions and the views buttons refer to. */
  feedbackDbFile: string;
  /** PostgreSQL instead of the SQLite file, shared by replicas. Never log it (it holds a password). */
  databaseUrl?: string;
}

export function readBotSettings(env: NodeJS.ProcessEnv = process.env): BotSettings {
  const values = readEnv(botEnvSchema, env);
  const { dataDir } = readIndexSettings(env);
  return {
    ...(values.DISCORD_TOKEN !== undefined ? { token: values.DISCORD_TOKEN } : {}),
    ...(values.DISCORD_APPLICATION_ID !== undefined ? { applicationId: values.DISCORD_APPLICATION_ID } : {}),
    ...(values.DISCORD_GUILD_ID !== undefined ? { guildId: values.DISCORD_GUILD_ID } : {}),
    ...(values.DISCORD_API_URL !== undefined ? { apiUrl: values.DISCORD_API_URL.replace(/\/+$/, '') } : {}),
    logLevel: values.LOG_LEVEL ?? 'info',
    cooldownMs: Math.round((values.BOT_COOLDOWN_SECONDS ?? 3) * 1000),
    dataDir,
    feedbackDbFile: path.join(dataDir, 'discord', 'feedback.sqlite'),
    ...(values.DATABASE_URL !== undefined ? { databaseUrl: values.DATABASE_URL } : {}),
  };
}

export const MISSING_TOKEN_HELP = `DISCORD_TOKEN is not set, so the Discord bot cannot connect.

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
