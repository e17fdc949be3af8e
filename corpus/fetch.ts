// Makes sure the documentation corpus is on disk: uses an existing snapshot when there is
// one, otherwise fetches the commits in use with git as a partial clone (trees first, then
// only the blobs of the sparse checkout: markdown, toc and redirection files), which keeps
// the download small. Run as a script (`npm run fetch-corpus`): it reads .env and the same
// settings as every other command (CORPUS_DIR, else DATA_DIR/corpus).

import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadDotEnv } from '../config/env.ts';
import { readSettings } from '../config/settings.ts';
import { readCorpusLock, lockedSources, corpusLockFile } from './corpus-lock.ts';
import { GitError, gitIsAvailable, runGit } from './git.ts';
import { CORPUS_SOURCES, type CorpusSource } from './sources.ts';

export const SPARSE_PATTERNS = ['*.md', '*.yml', '.openpublishing.redirection.json'];

export interface EnsureCorpusOptions {
  /** Repositories to ensure, at their commits (default: both upstream repositories, pinned). */
  sources?: readonly CorpusSource[];
  /** Remote to fetch from instead of source.gitUrl (tests use a local or bogus one). */
  remoteUrl?: (source: CorpusSource) => string;
  /** git executable (default "git"). */
  git?: string;
  /** Steps, one line each. */
  log?: (message: string) => void;
  /** git's own progress lines (objects received, files checked out). */
  onProgress?: (line: string) => void;
}

export class CorpusFetchError extends Error {
  override name = 'CorpusFetchError';
}

export function contentRootDir(corpusDir: string, source: CorpusSource): string {
  return join(corpusDir, source.folder, source.contentRoot);
}

export function corpusIsPresent(corpusDir: string, sources: readonly CorpusSource[] = CORPUS_SOURCES): boolean {
  return sources.every((source) => existsSync(contentRootDir(corpusDir, source)));
}

/**
 * Returns at once when every repository's content root exists under corpusDir; otherwise
 * fetches the missing ones. Throws CorpusFetchError with step-by-step instructions on failure.
 */
export async function ensureCorpus(corpusDir: string, options: EnsureCorpusOptions = {}): Promise<void> {
  const sources = options.sources ?? CORPUS_SOURCES;
  const missing = sources.filter((source) => !existsSync(contentRootDir(corpusDir, source)));
  if (missing.length === 0) return;

  const git = options.git ?? 'git';
  const remoteUrl = options.remoteUrl ?? ((source: CorpusSource) => source.gitUrl);
  if (!gitIsAvailable(git)) {
    throw new CorpusFetchError(
      `The documentation corpus is missing from ${resolve(corpusDir)} and git ("${git}") is not available to fetch it.\n` +
        howToFix(corpusDir, missing, remoteUrl),
    );
  }
  for (const source of missing) {
    const repoDir = join(corpusDir, source.folder);
    options.log?.(
      `Fetching ${remoteUrl(source)} at ${source.commit.slice(0, 10)} into ${repoDir} (partial clone: markdown and yml only) ...`,
    );
    try {
      mkdirSync(repoDir, { recursive: true });
      const run = (args: string[]) =>
        runGit(args, { cwd: repoDir, git, ...(options.onProgress ? { onProgress: options.onProgress } : {}) });
      await run(['init', '-q']);
      await run(['remote', 'set-url', 'origin', remoteUrl(source)]).catch(() => run(['remote', 'add', 'origin', remoteUrl(source)]));
      await run(['sparse-checkout', 'set', '--no-cone', ...SPARSE_PATTERNS]);
      await checkoutCommit(repoDir, source.commit, { git, ...(options.onProgress ? { onProgress: options.onProgress } : {}) });
    } catch (error) {
      if (!(error instanceof GitError)) throw error;
      throw new CorpusFetchError(`Could not fetch the documentation corpus: ${error.message}\n${howToFix(corpusDir, missing, remoteUrl)}`);
    }
    if (!existsSync(contentRootDir(corpusDir, source))) {
      throw new CorpusFetchError(
        `Fetched ${remoteUrl(source)} at ${source.commit} but ${source.contentRoot}/ is not in it.\n` +
          howToFix(corpusDir, missing, remoteUrl),
      );
    }
  }
}

/**
 * Moves an initialised sparse checkout to `commit` (a hash, or a ref of the remote): fetches that one commit's trees without
 * any file content (--filter=blob:none --depth 1), then checks it out, which downloads only
 * the blobs the sparse patterns select. Throws GitError.
 */
export async function checkoutCommit(
  repoDir: string,
  commit: string,
  options: { git?: string; onProgress?: (line: string) => void } = {},
): Promise<void> {
  const run = (args: string[]) => runGit(args, { cwd: repoDir, ...options });
  await run(['fetch', '--filter=blob:none', '--depth', '1', '--progress', 'origin', commit]);
  await run(['-c', 'advice.detachedHead=false', 'checkout', '--progress', '--detach', 'FETCH_HEAD']);
}

function howToFix(corpusDir: string, missing: readonly CorpusSource[], remoteUrl: (source: CorpusSource) => string): string {
  const commands = missing.flatMap((source) => {
    const repoDir = join(resolve(corpusDir), source.folder);
    return [
      `  git init ${repoDir}`,
      `  cd ${repoDir}`,
      `  git remote add origin ${remoteUrl(source)}`,
      `  git sparse-checkout set --no-cone ${SPARSE_PATTERNS.map((p) => `'${p}'`).join(' ')}`,
      `  git fetch --filter=blob:none --depth 1 origin ${source.commit}`,
      `  git checkout --detach ${source.commit}`,
    ];
  });
  return [
    'To fix it, either:',
    '- set CORPUS_DIR to an existing snapshot (a folder holding ' +
      missing.map((s) => `${s.folder}/${s.contentRoot}/`).join(' and ') +
      '), e.g. CORPUS_DIR=/path/to/corpus-snapshot; or',
    '- run these commands on a machine with network access (then rerun):',
    ...commands,
  ].join('\n');
}

/**
 * Prints git's progress on a terminal the way git does (one line rewritten in place); in a
 * log (not a terminal) only the finished steps, so the log is not flooded with percentages.
 */
export function gitProgressPrinter(stream: NodeJS.WriteStream = process.stderr): (line: string) => void {
  return (line) => {
    const finished = !/\d+%/.test(line) || /100%|done\.?$/.test(line);
    if (stream.isTTY) stream.write(`\r\x1b[K  ${line}${finished ? '\n' : ''}`);
    else if (finished) stream.write(`  ${line}\n`);
  };
}

function isMain(): boolean {
  const entry = process.argv[1];
  return entry !== undefined && import.meta.url === pathToFileURL(resolve(entry)).href;
}

if (isMain()) {
  void fetchCorpusCommand();
}

/** `npm run fetch-corpus`: the commits recorded by `npm run update-corpus` win over the pins in the code. */
async function fetchCorpusCommand(): Promise<void> {
  try {
    loadDotEnv();
    const { corpusDir, dataDir } = readSettings();
    await ensureCorpus(corpusDir, {
      sources: lockedSources(readCorpusLock(corpusLockFile(resolve(dataDir)))),
      log: (message) => console.log(message),
      onProgress: gitProgressPrinter(),
    });
    console.log(`Corpus ready in ${resolve(corpusDir)}`);
  } catch (error) {
    // A ConfigError names the bad variable; a CorpusFetchError says how to fix the fetch.
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  }
}
