// npm run update-corpus: moves the corpus to the newest upstream commits (or given ones),
// records them in DATA_DIR/corpus.lock.json, and prints which pages were added, removed and
// changed. Then `npm run index` rebuilds, re-parsing only those pages. The last line printed
// is one JSON object.
import { Command } from 'commander';
import { corpusLockFile, lockedSources, readCorpusLock } from '../../corpus/corpus-lock.ts';
import { gitProgressPrinter } from '../../corpus/fetch.ts';
import { checkForUpdates, repoIdOf, updateCorpus } from '../../corpus/update.ts';
import type { RepoId } from '../../corpus/sources.ts';
import { loadDotEnv } from '../env.ts';
import { readIndexSettings } from '../settings.ts';
import { countChanges, formatPageChanges } from './page-changes-report.ts';

const program = new Command()
  .name('update-corpus')
  .description('Move the documentation corpus to newer upstream commits and report the pages that changed.')
  .option('--check', 'only report whether newer commits exist')
  .option(
    '--commit <repo=commit>',
    'move a repository (conceptual|api, or its folder name) to this commit instead of the newest; repeatable',
    (value: string, previous: string[]) => [...previous, value],
    [] as string[],
  )
  .parse();

function parseCommits(values: string[]): Partial<Record<RepoId, string>> {
  const commits: Partial<Record<RepoId, string>> = {};
  for (const value of values) {
    const [name = '', commit = ''] = value.split('=', 2);
    const repo = repoIdOf(name.trim());
    if (!repo || !commit.trim())
      throw new Error(
        `--commit ${value}: expected <repo>=<commit>, repo one of conceptual, api, windows-driver-docs, windows-driver-docs-ddi`,
      );
    commits[repo] = commit.trim();
  }
  return commits;
}

async function main(): Promise<void> {
  loadDotEnv();
  const settings = readIndexSettings();
  const options = program.opts<{ check?: boolean; commit: string[] }>();
  const lockFile = corpusLockFile(settings.dataDir);
  const sources = lockedSources(readCorpusLock(lockFile));

  if (options.check) {
    const checks = await checkForUpdates(settings.corpusDir, { sources });
    for (const check of checks) {
      process.stderr.write(
        `${check.repo}: ${check.current ? check.current.slice(0, 10) : 'not fetched'} ${check.behind ? `→ newer commit ${check.newest.slice(0, 10)} available` : '(up to date)'}\n`,
      );
    }
    console.log(JSON.stringify({ updatesAvailable: checks.some((c) => c.behind), repos: checks }));
    return;
  }

  const started = performance.now();
  const updates = await updateCorpus(settings.corpusDir, {
    sources,
    commits: parseCommits(options.commit),
    lockFile,
    log: (message) => process.stderr.write(`${message}\n`),
    onProgress: gitProgressPrinter(),
  });
  for (const update of updates) {
    const move =
      update.from === update.to ? `at ${update.to.slice(0, 10)}` : `${update.from?.slice(0, 10) ?? '(new)'} → ${update.to.slice(0, 10)}`;
    const date = update.committedAt ? `, committed ${update.committedAt.slice(0, 10)}` : '';
    for (const line of formatPageChanges(`${update.folder} ${move}${date}`, update.pages)) process.stderr.write(`${line}\n`);
  }
  const totals = updates.reduce(
    (sum, update) => {
      const counts = countChanges(update.pages);
      return { added: sum.added + counts.added, removed: sum.removed + counts.removed, changed: sum.changed + counts.changed };
    },
    { added: 0, removed: 0, changed: 0 },
  );
  process.stderr.write(`Commits recorded in ${lockFile}. Next: npm run index\n`);
  console.log(
    JSON.stringify({
      ...totals,
      seconds: Number(((performance.now() - started) / 1000).toFixed(1)),
      repos: updates.map((u) => ({ repo: u.repo, from: u.from, to: u.to, committedAt: u.committedAt, ...countChanges(u.pages) })),
    }),
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
