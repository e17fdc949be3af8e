// `npm run serve` settings: what it needs, and what it refuses, by name.
import { availableParallelism } from 'node:os';
import { expect, test } from 'vitest';
import { serve } from '../../bot/discord/http/serve.ts';
import { readServeSettings } from '../../bot/discord/http/serve-settings.ts';
import { createLogger } from '../../bot/discord/logger.ts';
import { logSecrets, readBotSettings } from '../../bot/discord/settings.ts';

const KEY = 'a'.repeat(64);

test('without DISCORD_PUBLIC_KEY, serve explains what to set and exits 1 before loading anything', async () => {
  let stderr = '';
  const code = await serve({ env: {}, stderr: { write: (text: string) => (stderr += text) } });
  expect(code).toBe(1);
  expect(stderr).toMatch(/DISCORD_PUBLIC_KEY is not set/);
  expect(stderr).toMatch(/Public Key/);
});

test('reads the key, PORT (default 8080) and HOST; refuses bad values by name', () => {
  expect(readServeSettings({ DISCORD_PUBLIC_KEY: KEY })).toMatchObject({ publicKey: KEY, port: 8080, host: '0.0.0.0' });
  expect(readServeSettings({ DISCORD_PUBLIC_KEY: KEY, PORT: '9000', HOST: '127.0.0.1', SERVE_ENGINE_THREADS: '0' })).toEqual({
    publicKey: KEY,
    port: 9000,
    host: '127.0.0.1',
    engineThreads: 0,
  });
  expect(() => readServeSettings({ DISCORD_PUBLIC_KEY: 'not-hex' })).toThrow(/DISCORD_PUBLIC_KEY/);
  expect(() => readServeSettings({ DISCORD_PUBLIC_KEY: KEY, PORT: '70000' })).toThrow(/PORT/);
});

test('SERVE_ENGINE_THREADS: one answer thread per core by default (at most 8), 0 to 32 when set', () => {
  const byDefault = readServeSettings({ DISCORD_PUBLIC_KEY: KEY }).engineThreads;
  expect(byDefault).toBe(Math.min(availableParallelism(), 8));
  expect(readServeSettings({ DISCORD_PUBLIC_KEY: KEY, SERVE_ENGINE_THREADS: '3' }).engineThreads).toBe(3);
  for (const bad of ['-1', '33', '1.5', 'many']) {
    expect(() => readServeSettings({ DISCORD_PUBLIC_KEY: KEY, SERVE_ENGINE_THREADS: bad })).toThrow(/SERVE_ENGINE_THREADS/);
  }
});

test('METRICS_PORT is optional and validated; DATABASE_URL must be a PostgreSQL URL', () => {
  expect(readBotSettings({}).metricsPort).toBeUndefined();
  expect(readBotSettings({ METRICS_PORT: '9464' }).metricsPort).toBe(9464);
  expect(() => readBotSettings({ METRICS_PORT: 'x' })).toThrow(/METRICS_PORT/);
  expect(readBotSettings({ DATABASE_URL: 'postgres://u:p@db:5432/bot' }).databaseUrl).toBe('postgres://u:p@db:5432/bot');
  expect(readBotSettings({}).databaseUrl).toBeUndefined();
  expect(() => readBotSettings({ DATABASE_URL: 'mysql://db/bot' })).toThrow(/DATABASE_URL/);
});

test("the database URL's password never reaches the log", () => {
  const settings = readBotSettings({ DATABASE_URL: 'postgres://bot:s3cret-db-pw@db:5432/bot' });
  const lines: string[] = [];
  const logger = createLogger({ level: 'info', secrets: logSecrets(settings), destination: { write: (s: string) => void lines.push(s) } });
  logger.error({ err: new Error(`could not connect to ${settings.databaseUrl}`), url: settings.databaseUrl }, 'store failed');
  expect(lines.join('')).toContain('store failed');
  expect(lines.join('')).not.toContain('s3cret-db-pw');
});
