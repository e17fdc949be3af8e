// Makes sure the documentation corpus is on disk: uses an existing snapshot when there is
// one, otherwise fetches the pinned commits (markdown, toc and redirection files only, which
// keeps the download small) with git. Run as a script (`npm run fetch-corpus`): it reads .env
// and the same settings as every other command (CORPUS_DIR, else DATA_DIR/corpus).

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadDotEnv } from '../config/env.ts';
import { readSettings } from '../config/settings.ts';
import { CORPUS_SOURCES, type CorpusSource } from './sources.ts';

const SPARSE_PATTERNS = ['*.md', '*.yml', '.openpublishing.redirection.json'];

export interface EnsureCorpusOptions {
  /** Repositories to ensure (default: both upstream repositories). */
  sources?: readonly CorpusSource[];
  /** Remote to fetch from instead of source.gitUrl (tests use a local or bogus one). */
  remoteUrl?: (source: CorpusSource) => string;
  /** git executable (default "git"). */
  git?: string;
  log?: (message: string) => void;
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
export function ensureCorpus(corpusDir: string, options: EnsureCorpusOptions = {}): void {
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
    options.log?.(`Fetching ${source.gitUrl} at ${source.commit.slice(0, 10)} into ${join(corpusDir, source.folder)} ...`);
    fetchSource(git, corpusDir, source, remoteUrl(source), missing, remoteUrl);
  }
}

function fetchSource(
  git: string,
  corpusDir: string,
  source: CorpusSource,
  remote: string,
  missing: readonly CorpusSource[],
  remoteUrl: (source: CorpusSource) => string,
): void {
  const repoDir = join(corpusDir, source.folder);
  mkdirSync(repoDir, { recursive: true });
  const run = (args: string[], allowFailure = false): boolean => {
    const result = spawnSync(git, args, {
      cwd: repoDir,
      encoding: 'utf8',
      // Never wait for credentials: a missing or private remote must fail, not hang.
      env: { ...process.env, GIT_TERMINAL_PROMPT: '0' },
    });
    if (result.status === 0) return true;
    if (allowFailure) return false;
    const detail = (result.stderr || result.error?.message || '').trim().split('\n').slice(-3).join('\n  ');
    throw new CorpusFetchError(
      `Could not fetch the documentation corpus: \`git ${args.join(' ')}\` failed in ${resolve(repoDir)}` +
        (detail ? `:\n  ${detail}` : '.') +
        '\n' +
        howToFix(corpusDir, missing, remoteUrl),
    );
  };
  run(['init', '-q']);
  if (!run(['remote', 'set-url', 'origin', remote], true)) run(['remote', 'add', 'origin', remote]);
  run(['sparse-checkout', 'set', '--no-cone', ...SPARSE_PATTERNS]);
  run(['fetch', '-q', '--depth', '1', 'origin', source.commit]);
  run(['checkout', '-q', 'FETCH_HEAD']);
  if (!existsSync(contentRootDir(corpusDir, source))) {
    throw new CorpusFetchError(
      `Fetched ${remote} at ${source.commit} but ${source.contentRoot}/ is not in it.\n` + howToFix(corpusDir, missing, remoteUrl),
    );
  }
}

function gitIsAvailable(git: string): boolean {
  return spawnSync(git, ['--version'], { encoding: 'utf8' }).status === 0;
}

function howToFix(
  corpusDir: string,
  missing: readonly CorpusSource[],
  remoteUrl: (source: CorpusSource) => string,
): string {
  const commands = missing.flatMap((source) => {
    const repoDir = join(resolve(corpusDir), source.folder);
    return [
      `  git init ${repoDir}`,
      `  cd ${repoDir}`,
      `  git remote add origin ${remoteUrl(source)}`,
      `  git sparse-checkout set --no-cone ${SPARSE_PATTERNS.map((p) => `'${p}'`).join(' ')}`,
      `  git fetch --depth 1 origin ${source.commit}`,
      `  git checkout FETCH_HEAD`,
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

function isMain(): boolean {
  const entry = process.argv[1];
  return entry !== undefined && import.meta.url === pathToFileURL(resolve(entry)).href;
}

if (isMain()) {
  try {
    loadDotEnv();
    const { corpusDir } = readSettings();
    ensureCorpus(corpusDir, { log: (message) => console.log(message) });
    console.log(`Corpus ready in ${resolve(corpusDir)}`);
  } catch (error) {
    // A ConfigError names the bad variable; a CorpusFetchError says how to fix the fetch.
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  }
}
