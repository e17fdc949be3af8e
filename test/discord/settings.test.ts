// Configuration, logging without secrets, and `npm start` without a token.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, test } from 'vitest';
import { ConfigError } from '../../indexer/env.ts';
import { createLogger } from '../../bot/discord/logger.ts';
import { main } from '../../bot/discord/main.ts';
import { readBotSettings, requireToken } from '../../bot/discord/settings.ts';

const run = promisify(execFile);

describe('settings', () => {
  test('defaults', () => {
    const settings = readBotSettings({ DATA_DIR: '/tmp/x' });
    expect(settings).toMatchObject({ logLevel: 'info', cooldownMs: 3000, dataDir: '/tmp/x' });
    expect(settings.feedbackDbFile).toBe('/tmp/x/discord/feedback.sqlite');
    expect(settings.token).toBeUndefined();
  });

  test('empty values count as unset, and the API URL loses its trailing slash', () => {
    const settings = readBotSettings({ DISCORD_TOKEN: '', DISCORD_GUILD_ID: ' ', DISCORD_API_URL: 'http://127.0.0.1:9/api/' });
    expect(settings.token).toBeUndefined();
    expect(settings.guildId).toBeUndefined();
    expect(settings.apiUrl).toBe('http://127.0.0.1:9/api');
  });

  test.each([
    ['DISCORD_GUILD_ID', 'not-an-id'],
    ['DISCORD_APPLICATION_ID', '12'],
    ['DISCORD_API_URL', 'ftp://example.com'],
    ['LOG_LEVEL', 'loud'],
    ['BOT_COOLDOWN_SECONDS', '-1'],
  ])('a bad %s is named in the error', (name, value) => {
    expect(() => readBotSettings({ [name]: value })).toThrow(ConfigError);
    expect(() => readBotSettings({ [name]: value })).toThrow(name);
  });

  test('requireToken explains what to set and points at npm run ask', () => {
    expect(() => requireToken(readBotSettings({}))).toThrow(/DISCORD_TOKEN[\s\S]*npm run ask/);
  });
});

describe('logger', () => {
  test('never writes the token or interaction tokens', () => {
    const token = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.GaBcDe.very-secret-token-value-123';
    const lines: string[] = [];
    const logger = createLogger({ level: 'debug', token, destination: { write: (s: string) => void lines.push(s) } });
    const error = Object.assign(new Error(`request failed with Bot ${token}`), {
      status: 401,
      url: 'http://127.0.0.1/api/v10/webhooks/123456789012345678/aW50ZXJhY3Rpb246MTIzNDU2Nzg5MDEyMzQ1Njc4OnNlY3JldA/messages/%40original',
    });
    logger.error({ err: error, token, settings: { token } }, `startup with ${token}`);
    const out = lines.join('');
    expect(out).not.toContain(token);
    expect(out).not.toContain('aW50ZXJhY3Rpb246MTIzNDU2Nzg5MDEyMzQ1Njc4OnNlY3JldA');
    expect(out).toContain('/webhooks/123456789012345678/[redacted]');
    expect(JSON.parse(out).err.status).toBe(401);
  });
});

describe('npm start without a token', () => {
  test('explains what to set, suggests npm run ask, exits 1', async () => {
    let stderr = '';
    const code = await main({ env: { DISCORD_TOKEN: '' }, stderr: { write: (s: string) => (stderr += s) } });
    expect(code).toBe(1);
    expect(stderr).toContain('DISCORD_TOKEN');
    expect(stderr).toContain('npm run ask');
  });

  test('as a script, exits 1 with the explanation', async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'no-token-'));
    try {
      const env = { ...process.env, DISCORD_TOKEN: '' };
      const result = await run(path.resolve('node_modules/.bin/tsx'), [path.resolve('bot/discord/main.ts')], { cwd, env }).then(
        () => ({ code: 0, stderr: '' }),
        (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
      );
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('DISCORD_TOKEN');
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });
});
