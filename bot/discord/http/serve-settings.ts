// Settings of the HTTP interactions endpoint (`npm run serve`), from the environment.
import { z } from 'zod';
import { ConfigError, optionalString, readEnv } from '../../../indexer/env.ts';

const port = (fallback: number | undefined) =>
  optionalString
    .refine((value) => value === undefined || (/^\d{1,5}$/.test(value) && Number(value) <= 65535), {
      message: 'must be a port number from 0 to 65535',
    })
    .transform((value) => (value === undefined ? fallback : Number(value)));

const serveEnvSchema = z.object({
  DISCORD_PUBLIC_KEY: optionalString.refine((value) => value === undefined || /^[0-9a-fA-F]{64}$/.test(value), {
    message: "must be the application's public key: 64 hex characters (developer portal → General Information)",
  }),
  PORT: port(8080),
  HOST: optionalString,
});

export interface ServeSettings {
  publicKey: string;
  port: number;
  host: string;
}

export const MISSING_PUBLIC_KEY_HELP = `DISCORD_PUBLIC_KEY is not set, so requests from Discord cannot be verified.

Copy the application's public key (developer portal → your application → General Information →
Public Key) into .env or the environment:  DISCORD_PUBLIC_KEY=...`;

export function readServeSettings(env: NodeJS.ProcessEnv = process.env): ServeSettings {
  const values = readEnv(serveEnvSchema, env);
  if (values.DISCORD_PUBLIC_KEY === undefined) throw new ConfigError(MISSING_PUBLIC_KEY_HELP);
  return { publicKey: values.DISCORD_PUBLIC_KEY, port: values.PORT ?? 8080, host: values.HOST ?? '0.0.0.0' };
}

const metricsEnvSchema = z.object({ METRICS_PORT: port(undefined) });

/** The gateway bot's optional metrics port (METRICS_PORT); undefined when unset. */
export function readMetricsPort(env: NodeJS.ProcessEnv = process.env): number | undefined {
  return readEnv(metricsEnvSchema, env).METRICS_PORT;
}
