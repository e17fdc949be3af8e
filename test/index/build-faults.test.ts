// Index builds facing each other and damage: two builders at once, a lock or temporary file
// left by a crashed build, and a damaged index header met by the real bot at start.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, test } from 'vitest';
import { buildIndex } from '../../indexer/build/build-index.ts';
import { acquireBuildLock } from '../../indexer/build/build-lock.ts';
import { openIndex } from '../../indexer/load-index.ts';
import { computeBuildKey } from '../../indexer/persist/index-meta.ts';
import { processIsAlive } from '../../indexer/persist/temp-files.ts';
import { readIndexSettings } from '../../indexer/settings.ts';
import { type BotProcess, startBotProcess } from '../support/bot-process.ts';
import { makeSigningKeys } from '../support/discord-harness.ts';
import { InteractionFactory, makeUser } from '../support/discord-interactions.ts';
import { DiscordStandIn } from '../support/discord-stand-in.ts';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

function tempFolder(prefix: string): string {
  const folder = mkdtempSync(path.join(tmpdir(), prefix));
  folders.push(folder);
  return folder;
}

/** An invented corpus laid out like the real one: two pages of our own words. */
function makeCorpus(): string {
  const root = tempFolder('ddb-build-faults-corpus-');
  const kernel = path.join(root, 'windows-driver-docs', 'windows-driver-docs-pr', 'kernel');
  mkdirSync(kernel, { recursive: true });
  mkdirSync(path.join(root, 'windows-driver-docs-ddi', 'wdk-ddi-src', 'content'), { recursive: true });
  const page = (title: string, body: string) =>
    `---\ntitle: ${title}\ndescription: ${title}.\nms.topic: concept-article\n---\n\n# ${title}\n\n${body}\n`;
  writeFileSync(
    path.join(kernel, 'frobnicating-gizmo-queues.md'),
    page(
      'Frobnicating gizmo queues',
      'A gizmo driver frobnicates its queue at PASSIVE_LEVEL before it stops.\n\n## Draining\n\nCall GzDrainFrobQueue before the driver unloads.',
    ),
  );
  writeFileSync(
    path.join(kernel, 'polishing-widgets.md'),
    page('Polishing widgets', 'A widget driver polishes each widget once, in its EvtWidgetPolish callback.'),
  );
  return root;
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function startIndexCommand(env: Record<string, string>): { child: ChildProcess; done: Promise<Run> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'indexer/cli/index-command.ts'], {
    cwd: projectRoot,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmpdir(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const done = new Promise<Run>((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
  return { child, done };
}

function lastJson(run: Run): any {
  const lines = run.stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]!);
}

describe.concurrent('two builders', () => {
  test('started together, only one builds; the other uses its index', async () => {
    const env = { CORPUS_DIR: makeCorpus(), DATA_DIR: tempFolder('ddb-build-faults-data-') };
    const runs = await Promise.all([startIndexCommand(env).done, startIndexCommand(env).done]);
    for (const run of runs) expect(run.code, run.stderr).toBe(0);
    const results = runs.map(lastJson);
    expect(
      results.filter((result) => result.skippedBuild !== true),
      'builds',
    ).toHaveLength(1);
    expect(results.filter((result) => result.skippedBuild === true)).toHaveLength(1);
    const settings = readIndexSettings(env);
    expect(openIndex(settings.indexFile).pages).toHaveLength(2);
    expect(readdirSync(path.dirname(settings.indexFile)).filter((name) => /\.tmp$|\.lock$/.test(name))).toEqual([]);
  });

  test("a second builder waits for the first one's file instead of building", async () => {
    const env = { CORPUS_DIR: makeCorpus(), DATA_DIR: tempFolder('ddb-build-faults-data-') };
    const settings = readIndexSettings(env);
    mkdirSync(path.dirname(settings.indexFile), { recursive: true });
    // This test process is the first builder.
    const lock = await acquireBuildLock(path.join(path.dirname(settings.indexFile), 'build.lock'));
    const second = startIndexCommand(env);
    let stderr = '';
    second.child.stderr!.on('data', (chunk: Buffer | string) => (stderr += String(chunk)));
    await expect.poll(() => stderr, { timeout: 20_000, interval: 100 }).toMatch(/Another build is running \(process \d+/);
    await buildIndex({
      corpusDir: settings.corpusDir,
      indexFile: settings.indexFile,
      buildKey: computeBuildKey(settings.corpusDir),
      workers: 1,
    });
    lock.release();
    const run = await second.done;
    expect(run.code, run.stderr).toBe(0);
    expect(lastJson(run).skippedBuild).toBe(true);
  });

  test('a lock and a temporary file left by a crashed build are cleaned up, and the index is built', async () => {
    const env = { CORPUS_DIR: makeCorpus(), DATA_DIR: tempFolder('ddb-build-faults-data-') };
    const settings = readIndexSettings(env);
    const folder = path.dirname(settings.indexFile);
    mkdirSync(folder, { recursive: true });
    let deadPid = 999_999;
    while (processIsAlive(deadPid)) deadPid -= 1;
    writeFileSync(
      path.join(folder, 'build.lock'),
      JSON.stringify({ pid: deadPid, host: (await import('node:os')).hostname(), since: '2026-01-01T00:00:00Z' }),
    );
    const staleTemp = `${settings.indexFile}.${deadPid}.tmp`;
    writeFileSync(staleTemp, 'half an index');
    const run = await startIndexCommand(env).done;
    expect(run.code, run.stderr).toBe(0);
    expect(lastJson(run).pages).toBe(2);
    expect(existsSync(staleTemp)).toBe(false);
    expect(existsSync(path.join(folder, 'build.lock'))).toBe(false);
  });
});

describe('a stop during a build', () => {
  let standIn: DiscordStandIn | undefined;
  let bot: BotProcess | undefined;
  afterEach(async () => {
    await bot?.cleanUp();
    await standIn?.close();
  });

  test('SIGTERM while the bot builds its index: exit 0, no temporary file or lock left behind', async () => {
    const corpusDir = makeCorpus();
    // Enough pages of our own words that the parse workers are still busy when the stop comes.
    const kernel = path.join(corpusDir, 'windows-driver-docs', 'windows-driver-docs-pr', 'kernel');
    for (let i = 0; i < 400; i += 1) {
      const body = Array.from({ length: 40 }, (_, j) => `Gizmo ${i} handles request ${j} at PASSIVE_LEVEL and completes it.`).join('\n\n');
      writeFileSync(path.join(kernel, `gizmo-${i}.md`), `---\ntitle: Gizmo ${i}\n---\n\n# Gizmo ${i}\n\n${body}\n`);
    }
    const dataDir = tempFolder('ddb-build-faults-data-');
    standIn = await DiscordStandIn.start();
    bot = startBotProcess({ standIn, dataDir, env: { CORPUS_DIR: corpusDir } });
    await bot.waitForLog((line) => line.msg.startsWith('building the search index'), 30_000);
    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
    expect(bot.logs.some((line) => line.msg === 'stopped before the answer engine was ready')).toBe(true);
    expect(bot.logs.some((line) => line.msg === 'bot ready')).toBe(false);
    const left = readdirSync(path.join(dataDir, 'index'));
    expect(left.filter((name) => name.endsWith('.tmp') || name === 'build.lock')).toEqual([]);
    expect(left).not.toContain('driver-docs.idx');
  });
});

describe('a damaged index met by serve with engine threads', () => {
  let standIn: DiscordStandIn | undefined;
  let serve: BotProcess | undefined;
  afterEach(async () => {
    await serve?.cleanUp();
    await standIn?.close();
  });

  test('a damaged body the header check cannot see: the threads fail to open it, serve rebuilds once and answers', async () => {
    const corpusDir = makeCorpus();
    const dataDir = tempFolder('ddb-build-faults-data-');
    const settings = readIndexSettings({ CORPUS_DIR: corpusDir, DATA_DIR: dataDir });
    await buildIndex({ corpusDir, indexFile: settings.indexFile, buildKey: computeBuildKey(corpusDir), workers: 1 });
    // One byte of a blob changed, the header and the size intact: only the blob's checksum tells.
    const bytes = readFileSync(settings.indexFile);
    const at = Math.floor(bytes.length * 0.8);
    bytes[at] = bytes[at]! ^ 0xff;
    writeFileSync(settings.indexFile, bytes);

    standIn = await DiscordStandIn.start();
    const keys = makeSigningKeys();
    serve = startBotProcess({
      standIn,
      dataDir,
      entry: 'bot/discord/http/serve.ts',
      env: { CORPUS_DIR: corpusDir, DISCORD_PUBLIC_KEY: keys.publicKeyHex, PORT: '0', HOST: '127.0.0.1', SERVE_ENGINE_THREADS: '1' },
    });
    const building = await serve.waitForLog((line) => line.msg.startsWith('building the search index'), 30_000);
    expect(building.reason).toBe('rebuild requested');
    const listening = await serve.waitForLog((line) => line.msg === 'interactions endpoint listening', 60_000);
    const factory = new InteractionFactory(standIn.applicationId);
    const body = JSON.stringify(
      factory.slash('ask', [{ name: 'question', type: 3, value: 'How do I drain a frobnicated gizmo queue?' }], makeUser()),
    );
    const response = await fetch(`${listening.url}/interactions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...keys.headers(body) },
      body,
    });
    expect(response.status).toBe(200);
    expect(JSON.stringify(await response.json())).toContain('frobnicating-gizmo-queues');
  });
});

describe('a damaged index header', () => {
  let standIn: DiscordStandIn | undefined;
  let bot: BotProcess | undefined;
  afterEach(async () => {
    await bot?.cleanUp();
    await standIn?.close();
  });

  test('the bot detects it by checksum, rebuilds the index and answers (no RangeError)', async () => {
    const corpusDir = makeCorpus();
    const dataDir = tempFolder('ddb-build-faults-data-');
    const settings = readIndexSettings({ CORPUS_DIR: corpusDir, DATA_DIR: dataDir });
    await buildIndex({ corpusDir, indexFile: settings.indexFile, buildKey: computeBuildKey(corpusDir), workers: 1 });
    // Move a typed-array blob's offset by one byte: the header stays valid JSON of the same
    // length, and without its checksum the misaligned view over the blob throws a RangeError.
    const bytes = readFileSync(settings.indexFile);
    const offset = /"kind":"(?:Uint16|Uint32|Int32|Float32|Float64)Array","offset":\d+/.exec(bytes.toString('latin1'));
    expect(offset).not.toBeNull();
    const at = offset!.index + offset![0].length - 1;
    bytes[at] = 48 + ((bytes[at]! - 48 + 1) % 10);
    writeFileSync(settings.indexFile, bytes);

    standIn = await DiscordStandIn.start();
    bot = startBotProcess({ standIn, dataDir, env: { CORPUS_DIR: corpusDir } });
    const building = await bot.waitForLog((line) => line.msg.startsWith('building the search index'), 30_000);
    expect(building.reason).toMatch(/damaged header \(checksum/);
    await bot.waitForLog((line) => line.msg === 'bot ready', 30_000);

    const factory = new InteractionFactory(standIn.applicationId);
    const interaction = factory.slash(
      'ask',
      [{ name: 'question', type: 3, value: 'How do I drain a frobnicated gizmo queue?' }],
      makeUser(),
    );
    standIn.dispatchInteraction(interaction);
    await bot.waitForLog((line) => line.msg === 'interaction done' && line.interaction?.id === interaction.id);
    const edit = standIn.requestsFor(interaction).find((r) => r.method === 'PATCH');
    expect(JSON.stringify(edit?.body.embeds)).toContain('frobnicating-gizmo-queues');
    expect(bot.stderr()).not.toMatch(/RangeError/);
    expect(bot.rawLog.join('\n')).not.toMatch(/RangeError/);
  });
});
