// npm run bench:fresh: what keeping the docs fresh costs, on the real corpus.
//  1. update: local git repositories stand in for upstream, holding the corpus snapshot
//     (CORPUS_DIR) as a first commit and a second commit that changes, adds and removes a
//     few hundred pages (our own text appended or written, in the temporary copy only) and
//     touches a toc.yml and a redirection file. The corpus is fetched at the first commit
//     (partial clone), built cold, then `update-corpus` + rebuild: both timed.
//  2. reload: with that index, "interactions" (lease the engine, answer a question) start
//     every 20 ms while the index is reloaded; each one's time from when it was due to when
//     it finished is recorded, so event-loop stalls count.
// Each part runs in its own process. Last line: one JSON object with the figures.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Command } from 'commander';
import { corpusVersions } from '../../corpus/corpus-version.ts';
import { ensureCorpus } from '../../corpus/fetch.ts';
import { isPagePath } from '../../corpus/page-paths.ts';
import { API_SOURCE, CONCEPTUAL_SOURCE, type CorpusSource } from '../../corpus/sources.ts';
import { updateCorpus } from '../../corpus/update.ts';
import { buildIndex } from '../../indexer/build/build-index.ts';
import { currentRssMB, peakRssMB } from '../../indexer/cli/peak-rss.ts';
import { loadDotEnv } from '../../indexer/env.ts';
import { readIndexSettings } from '../../indexer/settings.ts';
import { percentile } from '../answer/evaluation.ts';
import { startReloadingEngine } from '../answer/index-reloader.ts';
import { openServedEngine } from '../answer/served-engine.ts';
import { benchQueries } from './bench-queries.ts';

const program = new Command()
  .name('bench:fresh')
  .description('Measure update-corpus + incremental rebuild against a cold build, and interaction latency during a reload.')
  .option('--changed <n>', 'pages changed by the update (split over both repositories)', (v) => Number(v), 300)
  .option('--added <n>', 'pages added by the update', (v) => Number(v), 20)
  .option('--removed <n>', 'pages removed (and redirected) by the update', (v) => Number(v), 10)
  .option('--reload-only <indexFile>', 'only measure a reload of this index file')
  .option('--phase <phase>', 'internal: run one part (update|reload) in this process')
  .option('--work <dir>', 'internal: working folder of the update part')
  .parse();

interface Options {
  changed: number;
  added: number;
  removed: number;
  reloadOnly?: string;
  phase?: string;
  work?: string;
}

const round = (value: number, digits = 1) => Number(value.toFixed(digits));
const log = (message: string) => process.stderr.write(`${message}\n`);

function git(cwd: string, args: string[], input?: string, env: NodeJS.ProcessEnv = {}): string {
  return execFileSync('git', ['-c', 'user.name=Bench', '-c', 'user.email=bench@example.com', ...args], {
    cwd,
    input,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  }).trim();
}

/** An upstream stand-in whose first commit is the snapshot folder, committed in place (nothing copied). */
function upstreamFromSnapshot(snapshotRepo: string, upstreamDir: string): string {
  mkdirSync(upstreamDir, { recursive: true });
  git(upstreamDir, ['init', '-q', '-b', 'main']);
  git(upstreamDir, ['config', 'uploadpack.allowFilter', 'true']);
  const env = { GIT_WORK_TREE: snapshotRepo, GIT_DIR: path.join(upstreamDir, '.git') };
  git(upstreamDir, ['add', '-A'], undefined, env);
  git(upstreamDir, ['commit', '-q', '-m', 'snapshot'], undefined, env);
  return git(upstreamDir, ['rev-parse', 'HEAD']);
}

interface Edit {
  changed: string[];
  added: string[];
  removed: string[];
}

/** The second commit: pages changed (a paragraph of ours appended), added, removed and redirected; a toc.yml touched. */
function upstreamUpdate(
  snapshotRepo: string,
  upstreamDir: string,
  source: CorpusSource,
  counts: { changed: number; added: number; removed: number },
): Edit {
  const pages = git(upstreamDir, ['ls-files'])
    .split('\n')
    .filter((file) => isPagePath(file, source));
  const step = Math.max(1, Math.floor(pages.length / Math.max(1, counts.changed + counts.removed)));
  const picked = pages.filter((_, i) => i % step === 0);
  const changed = picked.slice(0, counts.changed);
  const removed = picked.slice(counts.changed, counts.changed + counts.removed);
  const added = Array.from({ length: counts.added }, (_, i) => `${source.contentRoot}/bench-fresh/bench-page-${i + 1}.md`);
  const scratch = mkdtempSync(path.join(tmpdir(), 'ddb-fresh-edit-'));
  const blobs: Array<[string, string]> = [];
  const write = (file: string, text: string) => {
    const temporary = path.join(scratch, String(blobs.length));
    writeFileSync(temporary, text);
    blobs.push([file, temporary]);
  };
  for (const file of changed) {
    write(
      file,
      `${readFileSync(path.join(snapshotRepo, file), 'utf8')}\n\nThe fresh-docs benchmark appended this paragraph to measure an update.\n`,
    );
  }
  added.forEach((file, i) => {
    write(
      file,
      `---\ntitle: Benchmark page ${i + 1}\ndescription: A page the fresh-docs benchmark adds.\n---\n\n# Benchmark page ${i + 1}\n\nThe fresh-docs benchmark wrote this page to measure an update that adds pages.\n`,
    );
  });
  const redirectionPath = path.join(snapshotRepo, source.redirectionFile);
  const redirections = JSON.parse(readFileSync(redirectionPath, 'utf8')) as { redirections: unknown[] };
  const base = source.id === 'api' ? '/windows-hardware/drivers/ddi/' : '/windows-hardware/drivers/';
  for (const file of removed)
    redirections.redirections.push({ source_path: file, redirect_url: `${base}bench-fresh/bench-page-1`, redirect_document_id: false });
  write(source.redirectionFile, JSON.stringify(redirections, null, 2));
  const toc = readdirSync(path.join(snapshotRepo, source.contentRoot)).includes('toc.yml') ? `${source.contentRoot}/toc.yml` : undefined;
  if (toc)
    write(
      toc,
      `${readFileSync(path.join(snapshotRepo, toc), 'utf8')}\n- name: Benchmark pages\n  items:\n${added.map((file, i) => `  - name: Benchmark page ${i + 1}\n    href: bench-fresh/bench-page-${i + 1}.md`).join('\n')}\n`,
    );

  const shas = git(upstreamDir, ['hash-object', '-w', '--stdin-paths'], blobs.map(([, temporary]) => temporary).join('\n') + '\n').split(
    '\n',
  );
  const indexInfo = [
    ...blobs.map(([file], i) => `100644 ${shas[i]}\t${file}`),
    ...removed.map((file) => `0 0000000000000000000000000000000000000000\t${file}`),
  ].join('\n');
  git(upstreamDir, ['update-index', '--index-info'], `${indexInfo}\n`);
  const tree = git(upstreamDir, ['write-tree']);
  const parent = git(upstreamDir, ['rev-parse', 'HEAD']);
  const commit = git(upstreamDir, ['commit-tree', tree, '-p', parent, '-m', 'benchmark update']);
  git(upstreamDir, ['update-ref', 'refs/heads/main', commit]);
  rmSync(scratch, { recursive: true, force: true });
  return { changed, added, removed };
}

async function measureUpdate(options: Options, work: string): Promise<Record<string, unknown>> {
  const snapshot = readIndexSettings().corpusDir;
  const sources: CorpusSource[] = [];
  for (const source of [CONCEPTUAL_SOURCE, API_SOURCE]) {
    log(`Committing the snapshot of ${source.folder} to a local upstream repository ...`);
    const upstreamDir = path.join(work, `upstream-${source.id}`);
    const first = upstreamFromSnapshot(path.join(snapshot, source.folder), upstreamDir);
    sources.push({ ...source, gitUrl: pathToFileURL(upstreamDir).href, commit: first });
  }
  const corpusDir = path.join(work, 'corpus');
  let started = performance.now();
  log('Fetching the first commits (partial clone, sparse checkout) ...');
  await ensureCorpus(corpusDir, { sources });
  const fetchSeconds = (performance.now() - started) / 1000;

  // Changes split between the repositories by their share of the pages (about 37% conceptual).
  const conceptualChanged = Math.round(options.changed * 0.37);
  const edits: Edit[] = sources.map((source) =>
    upstreamUpdate(path.join(snapshot, source.folder), path.join(work, `upstream-${source.id}`), source, {
      changed: source.id === 'api' ? options.changed - conceptualChanged : conceptualChanged,
      added: source.id === 'api' ? 0 : options.added,
      removed: source.id === 'api' ? Math.floor(options.removed / 2) : Math.ceil(options.removed / 2),
    }),
  );

  const indexFile = path.join(work, 'data', 'index', 'driver-docs.idx');
  const parseCacheFile = path.join(work, 'data', 'index', 'parse-cache.bin');
  const build = () => buildIndex({ corpusDir, indexFile, parseCacheFile, buildKey: 'bench', corpus: corpusVersions(corpusDir) });
  log('Cold build (every page parsed) ...');
  const cold = await build();

  log('update-corpus to the second commits ...');
  started = performance.now();
  const updates = await updateCorpus(corpusDir, { sources });
  const updateSeconds = (performance.now() - started) / 1000;
  log('Rebuild after the update ...');
  const warm = await build();
  const reported = updates.reduce((sum, u) => sum + u.pages.added.length + u.pages.removed.length + u.pages.changed.length, 0);
  return {
    pages: cold.meta.pages,
    pagesChanged: edits.reduce((sum, e) => sum + e.changed.length, 0),
    pagesAdded: edits.reduce((sum, e) => sum + e.added.length, 0),
    pagesRemoved: edits.reduce((sum, e) => sum + e.removed.length, 0),
    pagesReportedByUpdate: reported,
    fetchSeconds: round(fetchSeconds),
    coldBuildSeconds: round(cold.seconds),
    updateSeconds: round(updateSeconds),
    rebuildSeconds: round(warm.seconds),
    updatePlusRebuildSeconds: round(updateSeconds + warm.seconds),
    rebuildParsedFiles: warm.parsed,
    rebuildContextReparsedFiles: warm.contextReparsed,
    rebuildCachedFiles: warm.cached,
    peakRssMB: peakRssMB(),
    indexFile,
  };
}

async function measureReload(indexFile: string): Promise<Record<string, unknown>> {
  const loadStarted = performance.now();
  const first = openServedEngine(indexFile);
  const firstLoadMs = performance.now() - loadStarted;
  const rssBeforeMB = currentRssMB();
  const quiet = { info: () => undefined, warn: () => undefined, error: (fields: object) => log(`reload error: ${JSON.stringify(fields)}`) };
  const reloading = startReloadingEngine(first, { indexFile, logger: quiet, watch: false, signals: [] });
  for (const query of benchQueries) first.engine.ask(query); // warm up

  const latencies: Array<{ due: number; ms: number }> = [];
  let next = 0;
  let rssPeakMB = rssBeforeMB;
  const intervalMs = 20;
  const start = performance.now();
  let reloadWindow: [number, number] = [0, 0];
  let reloaded = false;
  const driver = setInterval(() => {
    const due = performance.now();
    const question = benchQueries[next++ % benchQueries.length]!;
    // Queued like an arriving interaction: it runs when the event loop gets to it.
    setImmediate(() => {
      void reloading.holder
        .use((engine) => engine.ask(question))
        .then(() => latencies.push({ due: due - start, ms: performance.now() - due }));
    });
    rssPeakMB = Math.max(rssPeakMB, currentRssMB());
  }, intervalMs);
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const reloadStarted = performance.now();
  reloaded = await reloading.reload('benchmark');
  reloadWindow = [reloadStarted - start, performance.now() - start];
  const reloadMs = performance.now() - reloadStarted;
  await new Promise((resolve) => setTimeout(resolve, 2000));
  clearInterval(driver);
  await new Promise((resolve) => setTimeout(resolve, 200));
  reloading.stop();
  const during = latencies.filter((l) => l.due + l.ms >= reloadWindow[0] && l.due <= reloadWindow[1] + 200).map((l) => l.ms);
  const all = latencies.map((l) => l.ms);
  return {
    reloaded,
    firstLoadMs: Math.round(firstLoadMs),
    reloadMs: Math.round(reloadMs),
    interactions: all.length,
    interactionsDuringReload: during.length,
    slowestInteractionMs: Math.round(Math.max(...all)),
    slowestDuringReloadMs: Math.round(Math.max(0, ...during)),
    p50InteractionMs: round(percentile(all, 50)),
    rssBeforeReloadMB: rssBeforeMB,
    rssPeakDuringReloadMB: Math.max(rssPeakMB, currentRssMB()),
  };
}

function runPart(args: string[]): Record<string, unknown> {
  const child = spawnSync(process.execPath, ['--max-semi-space-size=32', '--import', 'tsx', fileURLToPath(import.meta.url), ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
    env: process.env,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (child.status !== 0) throw new Error(`bench part ${args.join(' ')} failed with exit code ${child.status}`);
  return JSON.parse(child.stdout.trim().split('\n').pop() ?? '{}') as Record<string, unknown>;
}

async function main(): Promise<void> {
  loadDotEnv();
  const options = program.opts<Options>();
  if (options.phase === 'update') {
    console.log(JSON.stringify(await measureUpdate(options, options.work!)));
    return;
  }
  if (options.phase === 'reload') {
    console.log(JSON.stringify(await measureReload(options.reloadOnly!)));
    return;
  }
  let update: Record<string, unknown> = {};
  let work: string | undefined;
  let indexFile = options.reloadOnly;
  try {
    if (!indexFile) {
      work = mkdtempSync(path.join(tmpdir(), 'ddb-fresh-bench-'));
      log(`Part 1: update + rebuild vs cold build (working in ${work})`);
      update = runPart([
        '--phase',
        'update',
        '--work',
        work,
        '--changed',
        String(options.changed),
        '--added',
        String(options.added),
        '--removed',
        String(options.removed),
      ]);
      indexFile = String(update.indexFile);
      delete update.indexFile;
    }
    log('Part 2: interactions during a reload');
    const reload = runPart(['--phase', 'reload', '--reload-only', indexFile]);
    const figures = { ...update, ...reload };
    for (const [key, value] of Object.entries(figures)) log(`  ${key.padEnd(30)} ${value}`);
    console.log(JSON.stringify(figures));
  } finally {
    if (work) rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
