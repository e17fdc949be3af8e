// What `npm run serve` needs from the settings (config/settings.ts): the application's public
// key, which only this command requires, and where to listen; and its own setting,
// SERVE_ENGINE_THREADS, read here rather than in config/settings.ts because that file is part
// of the indexing code whose hash names the index format (a serve setting must not make the
// index stale).
import { availableParallelism } from 'node:os';
import { z } from 'zod';
import { ConfigError, optionalString, readEnv } from '../../../config/env.ts';
import { readSettings } from '../../../config/settings.ts';

export interface ServeSettings {
  publicKey: string;
  port: number;
  host: string;
  /** Threads answering questions, each with its own copy of the index (0: on the main thread). */
  engineThreads: number;
}

const MISSING_PUBLIC_KEY_HELP = `DISCORD_PUBLIC_KEY is not set, so requests from Discord cannot be verified.

Copy the application's public key (developer portal → your application → General Information →
Public Key) into .env or the environment:  DISCORD_PUBLIC_KEY=...`;

export function readServeSettings(env: NodeJS.ProcessEnv = process.env): ServeSettings {
  const settings = readSettings(env);
  if (settings.publicKey === undefined) throw new ConfigError(MISSING_PUBLIC_KEY_HELP);
  return {
    publicKey: settings.publicKey,
    port: settings.port,
    host: settings.host,
    engineThreads: readEnv(serveSchema, env).SERVE_ENGINE_THREADS ?? defaultEngineThreads(),
  };
}

const serveSchema = z.object({
  SERVE_ENGINE_THREADS: optionalString
    .refine((value) => value === undefined || (/^\d+$/.test(value) && Number(value) <= 32), {
      message: 'must be a whole number of threads from 0 to 32 (0: answer on the main thread)',
    })
    .transform((value) => (value === undefined ? undefined : Number(value))),
});

/** One answer thread per core: the main thread's share of the work (HTTP, store) is small. */
function defaultEngineThreads(): number {
  return Math.min(availableParallelism(), 8);
}
