// Which upstream commits a corpus directory holds, for the index to record and /help to show.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { RepoId } from './sources.ts';
import type { CorpusLock } from './corpus-lock.ts';
import { gitOutput } from './git.ts';
import { CORPUS_SOURCES, type CorpusSource } from './sources.ts';

export interface CorpusVersion {
  repo: RepoId;
  commit: string;
  committedAt?: string;
  /** Where the commit was read: the checkout itself, the lock file, or the code's pin. */
  from: 'checkout' | 'lock' | 'pin';
}

/** The commit a repository folder is checked out at, when it is a git checkout of its own. */
export function checkedOutCommit(repoDir: string): { commit: string; committedAt?: string } | undefined {
  // Only the folder's own .git: git would otherwise find an enclosing repository (the project).
  if (!existsSync(path.join(repoDir, '.git'))) return undefined;
  const commit = gitOutput(['rev-parse', 'HEAD'], repoDir);
  if (!commit || !/^[0-9a-f]{40}$/.test(commit)) return undefined;
  const committedAt = gitOutput(['show', '-s', '--format=%cI', 'HEAD'], repoDir);
  return committedAt ? { commit, committedAt } : { commit };
}

export function corpusVersions(corpusDir: string, lock?: CorpusLock, sources: readonly CorpusSource[] = CORPUS_SOURCES): CorpusVersion[] {
  return sources.map((source) => {
    const checkout = checkedOutCommit(path.join(corpusDir, source.folder));
    if (checkout) return { repo: source.id, ...checkout, from: 'checkout' as const };
    const locked = lock?.repos[source.id];
    if (locked) return { repo: source.id, ...locked, from: 'lock' as const };
    return { repo: source.id, commit: source.commit, from: 'pin' as const };
  });
}
