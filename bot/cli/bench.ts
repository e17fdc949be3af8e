// npm run bench: full build, load and query latency on the configured corpus. Each phase
// runs in its own process so its memory figures are its own. Last line: one JSON object.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { currentRssMB } from '../../indexer/cli/peak-rss.ts';
import { loadDotEnv } from '../../indexer/env.ts';
import { openIndex } from '../../indexer/load-index.ts';
import { readIndexSettings } from '../../indexer/settings.ts';
import { AnswerEngine } from '../answer/engine.ts';
import { percentile } from '../answer/evaluation.ts';
import { benchQueries } from './bench-queries.ts';

const program = new Command()
  .name('bench')
  .description('Measure index build, load and query latency on the full corpus.')
  .option('--skip-build', 'measure load and queries on the existing index')
  .option('--rounds <n>', 'timed passes over the query set', (v) => Number(v), 5)
  .option('--phase <phase>', 'internal: run one phase (queries) in this process')
  .parse();

const round = (value: number, digits = 1) => Number(value.toFixed(digits));

/** Runs a TypeScript entry point in a child process and returns its last stdout line as JSON. */
function runPhase(entry: string, args: string[]): Record<string, number> {
  const child = spawnSync(
    process.execPath,
    ['--max-semi-space-size=32', '--import', 'tsx', fileURLToPath(new URL(entry, import.meta.url)), ...args],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
      encoding: 'utf8',
      env: process.env,
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  if (child.status !== 0) throw new Error(`${entry} failed with exit code ${child.status}`);
  const last = child.stdout.trim().split('\n').pop() ?? '{}';
  return JSON.parse(last) as Record<string, number>;
}

function measureQueries(rounds: number): Record<string, number> {
  const settings = readIndexSettings();
  const started = performance.now();
  const index = openIndex(settings.indexFile);
  const loadSeconds = (performance.now() - started) / 1000;
  const rssAfterLoadMB = currentRssMB();
  const engine = new AnswerEngine(index);
  for (const query of benchQueries) engine.search(query);
  const searchTimes: number[] = [];
  const askTimes: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    for (const query of benchQueries) {
      let t = performance.now();
      engine.search(query);
      searchTimes.push(performance.now() - t);
      t = performance.now();
      engine.ask(query);
      askTimes.push(performance.now() - t);
    }
  }
  return {
    loadSeconds: round(loadSeconds, 2),
    rssAfterLoadMB,
    p50ms: round(percentile(searchTimes, 50)),
    p95ms: round(percentile(searchTimes, 95)),
    p99ms: round(percentile(searchTimes, 99)),
    askP50ms: round(percentile(askTimes, 50)),
    askP95ms: round(percentile(askTimes, 95)),
    queries: searchTimes.length,
  };
}

function main(): void {
  loadDotEnv();
  const options = program.opts<{ skipBuild?: boolean; rounds: number; phase?: string }>();
  if (options.phase === 'queries') {
    console.log(JSON.stringify(measureQueries(options.rounds)));
    return;
  }
  let build: Record<string, number> = {};
  let warm: Record<string, number> = {};
  if (!options.skipBuild) {
    process.stderr.write('Phase 1: cold build: every page parsed (the parse cache is rewritten)\n');
    build = runPhase('../../indexer/cli/index-command.ts', ['--force', '--refresh-parse-cache']);
    process.stderr.write('Phase 2: rebuild with the parse cache (as after a change to the indexing code)\n');
    warm = runPhase('../../indexer/cli/index-command.ts', ['--force']);
  }
  process.stderr.write('Phase 3: load the index and time the query set\n');
  const queries = runPhase('./bench.ts', ['--phase', 'queries', '--rounds', String(options.rounds)]);
  const figures = {
    buildSeconds: build.seconds ?? null,
    peakBuildRssMB: build.peakRssMB ?? null,
    indexBytes: build.indexBytes ?? null,
    ...queries,
    warmBuildSeconds: warm.seconds ?? null,
    peakWarmBuildRssMB: warm.peakRssMB ?? null,
  };
  for (const [key, value] of Object.entries(figures)) process.stderr.write(`  ${key.padEnd(16)} ${value}\n`);
  console.log(JSON.stringify(figures));
}

try {
  main();
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
