// The commits of the upstream repositories in use, as recorded by `npm run update-corpus` in
// DATA_DIR/corpus.lock.json. The pins in sources.ts stay the defaults (fresh installs, tests);
// a lock file moves an installation to newer docs without changing the code.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { RepoId } from './sources.ts';
import { CORPUS_SOURCES, type CorpusSource } from './sources.ts';

export interface LockedCommit {
  commit: string;
  /** Commit date (ISO 8601), as git reports it. */
  committedAt?: string;
}

export interface CorpusLock {
  version: 1;
  updatedAt: string;
  repos: Partial<Record<RepoId, LockedCommit>>;
}

class CorpusLockError extends Error {
  override name = 'CorpusLockError';
}

export function corpusLockFile(dataDir: string): string {
  return path.join(dataDir, 'corpus.lock.json');
}

const fullCommit = /^[0-9a-f]{40}$/;

/** The lock file's contents; undefined when there is none. Throws CorpusLockError when it is unusable. */
export function readCorpusLock(file: string): CorpusLock | undefined {
  if (!existsSync(file)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new CorpusLockError(`${file} is not valid JSON (${(error as Error).message}); fix or delete it.`);
  }
  const lock = parsed as CorpusLock;
  if (!lock || lock.version !== 1 || typeof lock.repos !== 'object' || lock.repos === null) {
    throw new CorpusLockError(`${file} is not a corpus lock file (version 1); fix or delete it.`);
  }
  for (const [repo, entry] of Object.entries(lock.repos)) {
    if (!entry || typeof entry.commit !== 'string' || !fullCommit.test(entry.commit)) {
      throw new CorpusLockError(`${file}: repository "${repo}" has no full commit hash; fix or delete it.`);
    }
  }
  return lock;
}

/** Records one repository's commit, keeping the others; written whole or not at all. */
export function recordLockedCommit(file: string, repo: RepoId, entry: LockedCommit, now = new Date()): CorpusLock {
  const previous = readCorpusLock(file);
  const lock: CorpusLock = { version: 1, updatedAt: now.toISOString(), repos: { ...previous?.repos, [repo]: entry } };
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(lock, null, 2)}\n`);
  renameSync(temporary, file);
  return lock;
}

/** The sources at the commits in use: the lock's where it has one, else the code's pins. */
export function lockedSources(lock: CorpusLock | undefined, sources: readonly CorpusSource[] = CORPUS_SOURCES): CorpusSource[] {
  return sources.map((source) => {
    const locked = lock?.repos[source.id];
    return locked ? { ...source, commit: locked.commit } : { ...source };
  });
}
