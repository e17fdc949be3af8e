// Every setting of every entry point (`start`, `serve`, `register`, `ask`, `index`, `fetch-corpus`,
// `feedback`, `eval`, `bench`, `loadtest`), read from the environment in one place, with one set of
// defaults, validated at once: a bad value fails with the variable's name, whichever
// command reads it. The token is optional here: only `npm start` and `npm run register`
// need it (bot/discord/settings.ts requireToken); only `npm run serve` needs DISCORD_PUBLIC_KEY
// (bot/discord/http/serve-settings.ts).
import path from 'node:path';
import { z } from 'zod';
import { optionalString, readEnv } from './env.ts';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Settings {
  /** Folder holding windows-driver-docs/ and windows-driver-docs-ddi/ (default DATA_DIR/corpus). */
  corpusDir: string;
  /** Git-ignored folder for the index file and other local state (default data). */
  dataDir: string;
  /** The persisted index. */
  indexFile: string;
  /** Parsed pages kept between builds (indexer/build/parse-cache.ts). */
  parseCacheFile: string;
  /** Bot token; undefined when not configured. Never log it. */
  token?: string;
  applicationId?: string;
  /** Register commands to this guild (instant) instead of globally. */
  guildId?: string;
  /** REST base URL override without the version (e.g. a @discordjs/proxy, or the test stand-in). */
  apiUrl?: string;
  logLevel: LogLevel;
  cooldownMs: number;
  /** SQLite file for feedback, unanswered questions and the views buttons refer to. */
  feedbackDbFile: string;
  /** Views, votes and unanswered questions older than this are deleted. */
  retentionDays: number;
  /** PostgreSQL instead of the SQLite file, shared by replicas. Never log it (it holds a password). */
  databaseUrl?: string;
  /** The application's public key (hex), for `npm run serve` to verify requests. */
  publicKey?: string;
  /** Where `npm run serve` listens (PORT, HOST). */
  port: number;
  host: string;
  /** The gateway bot's Prometheus metrics port (METRICS_PORT); undefined when unset. */
  metricsPort?: number;
}

function parseUrl(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

/** 127.0.0.0/8, ::1 and localhost: plain http cannot leave the machine. */
function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

const snowflake = optionalString.refine((value) => value === undefined || /^\d{15,21}$/.test(value), {
  message: 'must be a Discord id (a snowflake: 15–21 digits)',
});

// The messages never repeat the value: it may hold credentials.
const apiUrl = optionalString
  .refine((value) => value === undefined || /^https?:$/.test(parseUrl(value)?.protocol ?? ''), {
    message: 'must be an https URL of the REST API base without the version, e.g. https://proxy.example/api',
  })
  .refine(
    (value) => {
      const url = value === undefined ? undefined : parseUrl(value);
      return url === undefined || url.protocol === 'https:' || isLoopbackHost(url.hostname);
    },
    { message: 'must use https (plain http only to this machine: 127.0.0.1, ::1 or localhost), since requests carry the bot token' },
  )
  .refine(
    (value) => {
      const url = value === undefined ? undefined : parseUrl(value);
      return url === undefined || (url.search === '' && url.hash === '');
    },
    // The REST client appends /v10/<route> to the URL: a query would end up before the route.
    { message: 'must not have a query (?…) or fragment (#…): put the base path only' },
  );

const wholeNumber = (min: number, max: number, unit: string) =>
  optionalString
    .refine((value) => value === undefined || (/^\d+$/.test(value) && Number(value) >= min && Number(value) <= max), {
      message: `must be a whole number of ${unit} from ${min} to ${max}`,
    })
    .transform((value) => (value === undefined ? undefined : Number(value)));

const port = optionalString
  .refine((value) => value === undefined || (/^\d{1,5}$/.test(value) && Number(value) <= 65535), {
    message: 'must be a port number from 0 to 65535',
  })
  .transform((value) => (value === undefined ? undefined : Number(value)));

const envSchema = z.object({
  CORPUS_DIR: optionalString,
  DATA_DIR: optionalString,
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
  FEEDBACK_RETENTION_DAYS: wholeNumber(1, 3650, 'days'),
  // The message never repeats the value: it holds a password.
  DATABASE_URL: optionalString.refine((value) => value === undefined || /^postgres(ql)?:\/\/\S+$/.test(value), {
    message: 'must be a PostgreSQL URL: postgres://user:password@host:5432/database',
  }),
  DISCORD_PUBLIC_KEY: optionalString.refine((value) => value === undefined || /^[0-9a-fA-F]{64}$/.test(value), {
    message: "must be the application's public key: 64 hex characters (developer portal → General Information)",
  }),
  PORT: port,
  HOST: optionalString,
  METRICS_PORT: port,
});

/** The settings, from `env` (process.env after loadDotEnv, in the commands). */
export function readSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  const values = readEnv(envSchema, env);
  const dataDir = path.resolve(values.DATA_DIR ?? 'data');
  return {
    corpusDir: path.resolve(values.CORPUS_DIR ?? path.join(dataDir, 'corpus')),
    dataDir,
    indexFile: path.join(dataDir, 'index', 'driver-docs.idx'),
    parseCacheFile: path.join(dataDir, 'index', 'parse-cache.bin'),
    ...(values.DISCORD_TOKEN !== undefined ? { token: values.DISCORD_TOKEN } : {}),
    ...(values.DISCORD_APPLICATION_ID !== undefined ? { applicationId: values.DISCORD_APPLICATION_ID } : {}),
    ...(values.DISCORD_GUILD_ID !== undefined ? { guildId: values.DISCORD_GUILD_ID } : {}),
    ...(values.DISCORD_API_URL !== undefined ? { apiUrl: values.DISCORD_API_URL.replace(/\/+$/, '') } : {}),
    logLevel: values.LOG_LEVEL ?? 'info',
    cooldownMs: Math.round((values.BOT_COOLDOWN_SECONDS ?? 3) * 1000),
    feedbackDbFile: path.join(dataDir, 'discord', 'feedback.sqlite'),
    retentionDays: values.FEEDBACK_RETENTION_DAYS ?? 30,
    ...(values.DATABASE_URL !== undefined ? { databaseUrl: values.DATABASE_URL } : {}),
    ...(values.DISCORD_PUBLIC_KEY !== undefined ? { publicKey: values.DISCORD_PUBLIC_KEY } : {}),
    port: values.PORT ?? 8080,
    host: values.HOST ?? '0.0.0.0',
    ...(values.METRICS_PORT !== undefined ? { metricsPort: values.METRICS_PORT } : {}),
  };
}
