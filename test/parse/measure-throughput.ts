// Measures parsePage throughput on a spread sample of real pages of each repository.
// Run: npx tsx test/parse/measure-throughput.ts [pagesPerRepo=2000]   (CORPUS_DIR as for tests)

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORPUS_SOURCES } from '../../corpus/sources.ts';
import { createParseContext } from '../../indexer/parse/parse-context.ts';
import { ParseError, parsePage } from '../../indexer/parse/parse-page.ts';
import { corpusDir } from '../corpus-dir.ts';

function markdownPaths(repoDir: string, relDir: string, into: string[]): string[] {
  for (const entry of readdirSync(join(repoDir, relDir), { withFileTypes: true })) {
    const rel = `${relDir}/${entry.name}`;
    if (entry.isDirectory()) {
      if (entry.name !== 'includes') markdownPaths(repoDir, rel, into);
    } else if (entry.name.endsWith('.md')) into.push(rel);
  }
  return into;
}

const perRepo = Number(process.argv[2] ?? 2000);
const context = createParseContext(corpusDir);
for (const source of CORPUS_SOURCES) {
  const repoDir = join(corpusDir, source.folder);
  const all = markdownPaths(repoDir, source.contentRoot, []).sort();
  const step = Math.max(1, Math.floor(all.length / perRepo));
  const files = all
    .filter((_, i) => i % step === 0)
    .slice(0, perRepo)
    .map((path) => ({ path, raw: readFileSync(join(repoDir, path), 'utf8') }));
  // Warm up the JIT on a few pages so the figure reflects steady state, as in a long build.
  for (const file of files.slice(0, 50)) {
    try {
      parsePage({ repo: source.id, ...file }, context);
    } catch {
      /* counted below */
    }
  }
  let bytes = 0;
  let skipped = 0;
  const started = performance.now();
  // CPU time too: wall time is meaningless when other builds share the cores.
  const cpuStarted = process.cpuUsage();
  for (const file of files) {
    bytes += Buffer.byteLength(file.raw);
    try {
      parsePage({ repo: source.id, ...file }, context);
    } catch (error) {
      if (!(error instanceof ParseError)) throw error;
      skipped++;
    }
  }
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuStarted);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const megabytes = bytes / 1e6;
  console.log(
    `${source.id}: ${files.length} pages, ${megabytes.toFixed(1)} MB: ` +
      `${(megabytes / seconds).toFixed(2)} MB/s wall, ${(megabytes / cpuSeconds).toFixed(2)} MB/s per CPU-second ` +
      `(${skipped} skipped)`,
  );
}
