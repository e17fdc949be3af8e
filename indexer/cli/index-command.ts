// npm run index: builds the index from the configured corpus unless it is current.
// The last line printed is one JSON object with the build's figures.
import { statSync } from 'node:fs';
import { Command } from 'commander';
import { loadDotEnv } from '../env.ts';
import { ensureIndex } from '../load-index.ts';
import { ensureCorpusFor } from './corpus-step.ts';
import { readIndexSettings } from '../settings.ts';
import { countChanges, formatPageChanges } from './page-changes-report.ts';
import { reportIndexBuild } from './progress.ts';
import { peakRssMB as readPeakRssMB } from './peak-rss.ts';

const program = new Command()
  .name('index')
  .description('Build the search index from the driver documentation corpus.')
  .option('--force', 'rebuild even when the index is current')
  .option('--no-parse-cache', 'parse every page anew and leave the parse cache alone')
  .option('--refresh-parse-cache', 'parse every page anew, then save the parse cache')
  .parse();

async function main(): Promise<void> {
  loadDotEnv();
  const settings = readIndexSettings();
  const options = program.opts<{ force?: boolean; parseCache: boolean; refreshParseCache?: boolean }>();
  await ensureCorpusFor(settings, { force: Boolean(options.force) });
  const { built, state } = await ensureIndex(settings, {
    force: Boolean(options.force),
    parseCache: options.refreshParseCache ? 'refresh' : options.parseCache,
    onWaitForBuilder: (holder) => process.stderr.write(`Another build is running (${holder}); waiting for it.\n`),
    ...reportIndexBuild(),
  });
  const peakRssMB = readPeakRssMB();
  if (!built) {
    const meta = state.status === 'current' ? state.meta : undefined;
    process.stderr.write(`Index is current (${settings.indexFile}); nothing to do. Use --force to rebuild.\n`);
    console.log(
      JSON.stringify({
        pages: meta?.pages ?? 0,
        chunks: meta?.chunks ?? 0,
        seconds: 0,
        peakRssMB,
        indexBytes: statSync(settings.indexFile).size,
        skippedBuild: true,
      }),
    );
    return;
  }
  if (built.skipped.length > 0) {
    process.stderr.write(`Skipped ${built.skipped.length} file(s) that could not be used:\n`);
    for (const file of built.skipped.slice(0, 20)) process.stderr.write(`  ${file.path}: ${file.reason}\n`);
    if (built.skipped.length > 20) process.stderr.write(`  ... and ${built.skipped.length - 20} more\n`);
  }
  if (built.changes) {
    for (const line of formatPageChanges('Since the last build', built.changes)) process.stderr.write(`${line}\n`);
  }
  process.stderr.write(
    `Parsed ${built.parsed} file(s)` +
      (built.contextReparsed > 0 ? ` (${built.contextReparsed} unchanged but using an include, toc or redirection that changed)` : '') +
      `, reused ${built.cached} from the parse cache.\n`,
  );
  console.log(
    JSON.stringify({
      ...(built.changes ? countChanges(built.changes) : {}),
      pages: built.meta.pages,
      chunks: built.meta.chunks,
      seconds: Number(built.seconds.toFixed(1)),
      peakRssMB,
      indexBytes: built.indexBytes,
      parsedFiles: built.parsed,
      cachedFiles: built.cached,
      contextReparsedFiles: built.contextReparsed,
    }),
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
