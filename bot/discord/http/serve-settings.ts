// What `npm run serve` needs from the settings (config/settings.ts): the application's public
// key, which only this command requires, and where to listen.
import { ConfigError } from '../../../config/env.ts';
import { readSettings } from '../../../config/settings.ts';

export interface ServeSettings {
  publicKey: string;
  port: number;
  host: string;
}

const MISSING_PUBLIC_KEY_HELP = `DISCORD_PUBLIC_KEY is not set, so requests from Discord cannot be verified.

Copy the application's public key (developer portal → your application → General Information →
Public Key) into .env or the environment:  DISCORD_PUBLIC_KEY=...`;

export function readServeSettings(env: NodeJS.ProcessEnv = process.env): ServeSettings {
  const settings = readSettings(env);
  if (settings.publicKey === undefined) throw new ConfigError(MISSING_PUBLIC_KEY_HELP);
  return { publicKey: settings.publicKey, port: settings.port, host: settings.host };
}
