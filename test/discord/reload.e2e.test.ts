// Fresh docs without downtime, end to end: the real bot (discord.js against the local
// stand-in) serves an index built from local upstream repositories; update-corpus and a
// rebuild write a new index file, and the running bot reloads it and answers from the new
// page; a question in flight during a swap finishes on the engine it started with; a broken
// index file leaves the previous one serving; a view stored before a page moved still opens it.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startReloadingEngine, type ReloadingEngine } from '../../bot/answer/index-reloader.ts';
import { openServedEngine } from '../../bot/answer/served-engine.ts';
import { createLogger } from '../../bot/discord/logger.ts';
import { corpusVersions } from '../../corpus/corpus-version.ts';
import { ensureCorpus } from '../../corpus/fetch.ts';
import { updateCorpus } from '../../corpus/update.ts';
import { buildIndex } from '../../indexer/build/build-index.ts';
import { type Harness, type LogLine, startHarness } from '../support/discord-harness.ts';
import { makeUser } from '../support/discord-interactions.ts';
import type { RecordedRequest } from '../support/discord-stand-in.ts';
import { createUpstreamDocs, type UpstreamDocs } from '../support/upstream-docs.ts';

const STRING = 3;
const BOOLEAN = 5;
const SPARKLE_QUESTION = 'How do I install a sparkle filter for glitter noise?';
const DORMANT_QUESTION = 'What does a gizmo keep in the dormant state?';
const OLD_POWER_URL = 'https://learn.microsoft.com/windows-hardware/drivers/gizmos/gizmo-power';
const NEW_POWER_URL = 'https://learn.microsoft.com/windows-hardware/drivers/gizmos/power/gizmo-power-states';
const SPARKLE_URL = 'https://learn.microsoft.com/windows-hardware/drivers/gizmos/gizmo-sparkle-filters';

let root: string;
let upstream: UpstreamDocs;
let corpusDir: string;
let indexFile: string;
let h: Harness;
let reloading: ReloadingEngine;
const reloadLog: LogLine[] = [];

async function build(file: string) {
  return buildIndex({
    corpusDir,
    indexFile: file,
    parseCacheFile: path.join(root, 'data', 'index', 'parse-cache.bin'),
    buildKey: 'test',
    workers: 1,
    corpus: corpusVersions(corpusDir),
  });
}

function waitForReloadLog(message: RegExp, after: number, timeoutMs = 15_000): Promise<LogLine> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = () => {
      const line = reloadLog.slice(after).find((l) => message.test(l.msg));
      if (line) return resolve(line);
      if (Date.now() - started > timeoutMs) return reject(new Error(`no log line matching ${message} within ${timeoutMs} ms`));
      setTimeout(poll, 25);
    };
    poll();
  });
}

function answerBody(requests: RecordedRequest[]): any {
  const bodies = requests
    .filter(
      (r) => (r.method === 'PATCH' && r.path.endsWith('/messages/%40original')) || (r.method === 'POST' && r.path.startsWith('/webhooks/')),
    )
    .map((r) => r.body);
  expect(bodies).toHaveLength(1);
  return bodies[0];
}

function text(body: any): string {
  const parts: string[] = [body.content ?? ''];
  for (const embed of body.embeds ?? []) {
    parts.push(embed.title ?? '', embed.url ?? '', embed.description ?? '', embed.footer?.text ?? '');
    for (const field of embed.fields ?? []) parts.push(field.name, field.value);
  }
  for (const row of body.components ?? []) for (const component of row.components) parts.push(component.url ?? '');
  return parts.join('\n');
}

async function ask(question: string, options: { hide?: boolean } = {}) {
  const interaction = h.factory.slash(
    'ask',
    [{ name: 'question', type: STRING, value: question }, ...(options.hide ? [{ name: 'hide', type: BOOLEAN, value: true }] : [])],
    makeUser(),
  );
  return { interaction, requests: await h.run(interaction) };
}

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'ddb-reload-'));
  upstream = createUpstreamDocs(root);
  corpusDir = path.join(root, 'corpus');
  indexFile = path.join(root, 'data', 'index', 'driver-docs.idx');
  await ensureCorpus(corpusDir, { sources: upstream.sources });
  await build(indexFile);
  const logger = createLogger({
    level: 'info',
    destination: {
      write(chunk: string) {
        for (const line of chunk.split('\n')) if (line.trim()) reloadLog.push(JSON.parse(line) as LogLine);
      },
    },
  });
  reloading = startReloadingEngine(openServedEngine(indexFile), { indexFile, logger, settleMs: 200, signals: [] });
  h = await startHarness({ engine: reloading.holder, cooldownSeconds: 0 });
});

afterAll(async () => {
  reloading?.stop();
  await h?.close();
  rmSync(root, { recursive: true, force: true });
});

describe('reload without restart', () => {
  let storedShare: { customId: string; interaction: any } | undefined;

  test('before the update: no sparkle filter page; the power page at its old path, opened by path', async () => {
    const before = answerBody((await ask(SPARKLE_QUESTION)).requests);
    expect(text(before)).not.toContain(SPARKLE_URL);
    const dormant = answerBody((await ask(DORMANT_QUESTION)).requests);
    expect(text(dormant)).toContain(OLD_POWER_URL);

    // A page chosen from the title suggestions (its path), hidden: the view is stored for "Share".
    const search = h.factory.slash(
      'search',
      [
        { name: 'query', type: STRING, value: 'windows-driver-docs-pr/gizmos/gizmo-power.md' },
        { name: 'hide', type: BOOLEAN, value: true },
      ],
      makeUser(),
    );
    const body = answerBody(await h.run(search));
    // The page card itself, not search results.
    expect(body.embeds[0]).toMatchObject({ title: 'Gizmo power management', url: OLD_POWER_URL });
    const share = (body.components ?? []).flatMap((row: any) => row.components).find((b: any) => b.label === 'Share in channel');
    expect(share).toBeDefined();
    storedShare = { customId: share.custom_id, interaction: search };
  });

  test('update-corpus and a rebuild: the running bot notices the new index file and answers from the new page', async () => {
    const updates = await updateCorpus(corpusDir, { sources: upstream.sources });
    expect(updates[0]!.pages.added).toContain('windows-driver-docs-pr/gizmos/gizmo-sparkle-filters.md');
    const mark = reloadLog.length;
    await build(indexFile);
    const reloaded = await waitForReloadLog(/^index reloaded/, mark);
    expect(reloaded.reason).toBe('index file changed');
    expect(reloaded.docs).toContain(upstream.conceptual.second.slice(0, 7));

    const after = answerBody((await ask(SPARKLE_QUESTION)).requests);
    expect(text(after)).toContain(SPARKLE_URL);
    await waitForReloadLog(/^previous index released/, mark);

    // /help names the docs' commits and dates.
    const help = await h.run(h.factory.slash('help', [], makeUser()));
    const callback = help.find((r) => r.method === 'POST' && r.path.endsWith('/callback'))!;
    expect(text(callback.body.data)).toContain(`windows-driver-docs ${upstream.conceptual.second.slice(0, 7)} (2026-11-25)`);
  });

  test('a view stored before the page moved still opens it, at its new address', async () => {
    const message = h.standIn.originalMessage(storedShare!.interaction.token)!;
    const press = h.factory.button(storedShare!.customId, message, makeUser());
    const body = answerBody(await h.run(press));
    // The same page card, followed through the redirection to where the page lives now.
    expect(body.embeds[0]).toMatchObject({ title: 'Gizmo power management', url: NEW_POWER_URL });
  });

  test('a question in flight during a swap gets its answer from the engine it started with; new ones use the new engine', async () => {
    // The next index: the corpus moved back to the first commit (power page at its old path).
    await updateCorpus(corpusDir, { sources: upstream.sources, commits: { conceptual: upstream.conceptual.first } });
    const nextFile = path.join(root, 'next.idx');
    await build(nextFile);
    const next = openServedEngine(nextFile);

    const { interaction } = {
      interaction: h.factory.slash('ask', [{ name: 'question', type: STRING, value: DORMANT_QUESTION }], makeUser()),
    };
    let swappedInFlight = false;
    // When Discord receives the question's deferral, the interaction has started (and leased
    // its engine) but not yet answered: swap then.
    const stop = h.standIn.onRequest((request) => {
      if (
        !swappedInFlight &&
        request.method === 'POST' &&
        request.path === `/interactions/${interaction.id}/${interaction.token}/callback`
      ) {
        swappedInFlight = true;
        reloading.holder.swap(next);
      }
    });
    const generationBefore = reloading.holder.generation;
    const mark = reloadLog.length;
    const requests = await h.run(interaction);
    stop();
    expect(swappedInFlight).toBe(true);
    expect(reloading.holder.generation).toBe(generationBefore + 1);
    // Answered, from the engine it started with (the power page's address in that index).
    const inFlight = text(answerBody(requests));
    expect(inFlight).toContain(NEW_POWER_URL);
    expect(inFlight).not.toContain(OLD_POWER_URL);
    // Its engine was released once it finished.
    await waitForReloadLog(/^previous index released/, mark);

    const after = text(answerBody((await ask(DORMANT_QUESTION)).requests));
    expect(after).toContain(OLD_POWER_URL);
  });

  test('a broken index file is not loaded: the log says why and the current engine keeps answering', async () => {
    const mark = reloadLog.length;
    writeFileSync(indexFile, 'this is not an index file');
    const failed = await waitForReloadLog(/^index reload failed/, mark);
    expect(failed.err?.message ?? '').toMatch(/not an index file|signature/);
    const still = text(answerBody((await ask(DORMANT_QUESTION)).requests));
    expect(still).toContain(OLD_POWER_URL);
    expect(reloadLog.slice(mark).some((l) => /^index reloaded/.test(l.msg))).toBe(false);
  });
});
