// Configuration, logging without secrets, and `npm start` without a token.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, test } from 'vitest';
import { readSettings } from '../../config/settings.ts';
import { ConfigError } from '../../indexer/env.ts';
import { readIndexSettings } from '../../indexer/settings.ts';
import { createLogger } from '../../bot/discord/logger.ts';
import { main } from '../../bot/discord/main.ts';
import { apiUrlSecrets, displayApiUrl, readBotSettings, requireToken } from '../../bot/discord/settings.ts';

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

  test('DISCORD_API_URL must be https, except to this machine; the error never repeats the URL', () => {
    expect(readBotSettings({ DISCORD_API_URL: 'https://proxy.example/api' }).apiUrl).toBe('https://proxy.example/api');
    for (const local of ['http://127.0.0.1:8080/api', 'http://localhost:8080/api', 'http://[::1]:8080/api', 'http://127.5.0.1/api']) {
      expect(readBotSettings({ DISCORD_API_URL: local }).apiUrl).toBe(local);
    }
    const plain = 'http://bob:hunter2-password@proxy.example/api?key=query-secret-123';
    expect(() => readBotSettings({ DISCORD_API_URL: plain })).toThrow(/DISCORD_API_URL: must use https/);
    try {
      readBotSettings({ DISCORD_API_URL: plain });
    } catch (error) {
      expect((error as Error).message).not.toContain('hunter2');
      expect((error as Error).message).not.toContain('query-secret');
    }
    expect(() => readBotSettings({ DISCORD_API_URL: 'https://proxy.example/api?key=1' })).toThrow(/DISCORD_API_URL: must not have a query/);
    expect(displayApiUrl('https://bob:hunter2-password@proxy.example/api?key=query-secret-123')).toBe('https://proxy.example/api');
    expect(apiUrlSecrets('https://bob:hunter2-password@proxy.example/api?key=query-secret-123')).toEqual(
      expect.arrayContaining(['bob', 'hunter2-password', 'query-secret-123']),
    );
  });

  test('FEEDBACK_RETENTION_DAYS: default 30, a bad value named', () => {
    expect(readBotSettings({}).retentionDays).toBe(30);
    expect(readBotSettings({ FEEDBACK_RETENTION_DAYS: '7' }).retentionDays).toBe(7);
    expect(() => readBotSettings({ FEEDBACK_RETENTION_DAYS: '0' })).toThrow('FEEDBACK_RETENTION_DAYS');
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

  test('scrubs the token from any field, at any depth, and secret-named fields in any case', () => {
    const token = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.GaBcDe.very-secret-token-value-123';
    const password = 'proxy-password-987';
    const lines: string[] = [];
    const logger = createLogger({ level: 'debug', token, secrets: [password], destination: { write: (s: string) => void lines.push(s) } });
    const inner = new Error(`inner failure near ${token}`);
    const error = Object.assign(new Error('outer', { cause: inner }), {
      requestBody: { headers: { AUTHORIZATION: `Bot ${token}`, 'X-Trace': [token] } },
      rawError: { errors: { deep: { deeper: [{ note: `see ${token}` }] } } },
    });
    logger.warn(
      {
        err: error,
        headers: { Authorization: 'Bot short', authorization: 'x', 'Proxy-Authorization': 'Basic abc' },
        request: { options: { auth: token, list: [1, { nested: new Map([['k', token]]) }] } },
        Token: 'whatever-it-is',
        DISCORD_TOKEN: 'also-this',
        somethingElse: new Set([`https://user:${password}@proxy.example/api`]),
        failure: new Error(`plain error field with ${token}`),
      },
      'request %s failed: %o',
      token,
      { echoed: token },
    );
    logger.child({ session: { token } }).info(`child line ${password}`);
    logger.error(new Error(`thrown with ${token}`), 'direct error');
    const out = lines.join('');
    expect(lines.length).toBe(3);
    expect(out).not.toContain(token);
    expect(out).not.toContain(password);
    expect(out).not.toContain('Bot short');
    expect(out).not.toContain('Basic abc');
    expect(out).not.toContain('whatever-it-is');
    expect(out).not.toContain('also-this');
    const first = JSON.parse(lines[0]!);
    expect(first.err.cause.message).toBe('inner failure near [redacted]');
    expect(first.failure.message).toBe('plain error field with [redacted]');
    expect(first.headers.Authorization).toBe('[redacted]');
    expect(first.headers['Proxy-Authorization']).toBe('[redacted]');
    expect(JSON.parse(lines[2]!).err.message).toBe('thrown with [redacted]');
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

describe('one settings module for every command', () => {
  test('the index, the bot and the corpus fetch see the same defaults', () => {
    const env = { DATA_DIR: '/srv/state' };
    const all = readSettings(env);
    expect(all.corpusDir).toBe('/srv/state/corpus');
    expect(readIndexSettings(env)).toEqual({
      corpusDir: all.corpusDir,
      dataDir: all.dataDir,
      indexFile: all.indexFile,
      parseCacheFile: all.parseCacheFile,
    });
    expect(readBotSettings(env)).toEqual(all);
    // A bad value is named whichever command reads the settings.
    expect(() => readIndexSettings({ LOG_LEVEL: 'loud' })).toThrow('LOG_LEVEL');
  });

  async function fetchCorpus(cwd: string, dotEnv: string) {
    writeFileSync(path.join(cwd, '.env'), dotEnv);
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME };
    return run(path.resolve('node_modules/.bin/tsx'), [path.resolve('corpus/fetch.ts')], { cwd, env }).then(
      (out) => ({ code: 0, stdout: out.stdout, stderr: out.stderr }),
      (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
    );
  }

  test('npm run fetch-corpus reads .env and DATA_DIR like every other command', async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'fetch-settings-'));
    try {
      const state = path.join(cwd, 'state');
      // A corpus already in place under DATA_DIR/corpus: nothing to fetch.
      mkdirSync(path.join(state, 'corpus', 'windows-driver-docs', 'windows-driver-docs-pr'), { recursive: true });
      mkdirSync(path.join(state, 'corpus', 'windows-driver-docs-ddi', 'wdk-ddi-src', 'content'), { recursive: true });
      const ready = await fetchCorpus(cwd, `DATA_DIR=${state}\n`);
      expect(ready.code, ready.stderr).toBe(0);
      expect(ready.stdout).toContain(`Corpus ready in ${path.join(state, 'corpus')}`);
      const bad = await fetchCorpus(cwd, `DATA_DIR=${state}\nBOT_COOLDOWN_SECONDS=-1\n`);
      expect(bad.code).toBe(1);
      expect(bad.stderr).toContain('BOT_COOLDOWN_SECONDS');
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });
});
