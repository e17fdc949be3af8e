// Moving the corpus checkouts to newer upstream commits (`npm run update-corpus`): the newest
// commit of each repository's default branch, or a given one; same partial, sparse fetch as
// fetch-corpus. Reports which pages were added, removed and changed, and records the commits
// in use in the lock file.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { RepoId } from './sources.ts';
import { recordLockedCommit } from './corpus-lock.ts';
import { checkedOutCommit } from './corpus-version.ts';
import { checkoutCommit, contentRootDir, ensureCorpus } from './fetch.ts';
import { runGit } from './git.ts';
import { isPagePath } from './page-paths.ts';
import { CORPUS_SOURCES, type CorpusSource } from './sources.ts';

class CorpusUpdateError extends Error {
  override name = 'CorpusUpdateError';
}

export interface PageChanges {
  added: string[];
  removed: string[];
  changed: string[];
}

export interface RepoUpdate {
  repo: RepoId;
  folder: string;
  /** Commit before the update; undefined when the repository was not on disk yet. */
  from: string | undefined;
  to: string;
  committedAt?: string;
  /** Page paths (repository-relative), sorted. */
  pages: PageChanges;
}

export interface UpdateOptions {
  /** Repositories at the commits in use (lock file, else pins); default: the pins. */
  sources?: readonly CorpusSource[];
  /** A commit (or ref) per repository instead of the newest of its default branch. */
  commits?: Partial<Record<RepoId, string>>;
  /** Lock file to record the new commits in; none when undefined. */
  lockFile?: string;
  git?: string;
  log?: (message: string) => void;
  onProgress?: (line: string) => void;
}

export interface RemoteCheck {
  repo: RepoId;
  current: string | undefined;
  newest: string;
  behind: boolean;
}

function repoDirOf(corpusDir: string, source: CorpusSource): string {
  return path.join(corpusDir, source.folder);
}

function requireCheckout(corpusDir: string, source: CorpusSource): string {
  const repoDir = repoDirOf(corpusDir, source);
  const checkout = checkedOutCommit(repoDir);
  if (!checkout) {
    throw new CorpusUpdateError(
      `${repoDir} is not a git checkout (a copied snapshot?), so it cannot be moved to another commit. ` +
        'Point CORPUS_DIR at an empty folder (or the default data/corpus) and run `npm run update-corpus` there.',
    );
  }
  return checkout.commit;
}

/** The commit the remote's default branch points at. */
async function newestCommit(repoDir: string, git: string | undefined): Promise<string> {
  const output = await runGit(['ls-remote', 'origin', 'HEAD'], { cwd: repoDir, ...(git ? { git } : {}) });
  const commit = output.split(/\s/)[0] ?? '';
  if (!/^[0-9a-f]{40}$/.test(commit)) throw new CorpusUpdateError(`The remote of ${repoDir} reports no default branch (HEAD).`);
  return commit;
}

/** `--check`: whether each repository's default branch has moved past the commit on disk. */
export async function checkForUpdates(corpusDir: string, options: Pick<UpdateOptions, 'sources' | 'git'> = {}): Promise<RemoteCheck[]> {
  const checks: RemoteCheck[] = [];
  for (const source of options.sources ?? CORPUS_SOURCES) {
    const repoDir = repoDirOf(corpusDir, source);
    const current = existsSync(repoDir) ? checkedOutCommit(repoDir)?.commit : undefined;
    if (current === undefined && existsSync(contentRootDir(corpusDir, source))) requireCheckout(corpusDir, source);
    // Without a checkout yet there is no remote configured here: ask the source's URL.
    const newest = current
      ? await newestCommit(repoDir, options.git)
      : (await runGit(['ls-remote', source.gitUrl, 'HEAD'], { cwd: process.cwd(), ...(options.git ? { git: options.git } : {}) })).split(
          /\s/,
        )[0]!;
    checks.push({ repo: source.id, current, newest, behind: current !== newest });
  }
  return checks;
}

function pageChangesFrom(nameStatus: string, source: CorpusSource): PageChanges {
  const changes: PageChanges = { added: [], removed: [], changed: [] };
  // -z output: status NUL path NUL ...
  const fields = nameStatus.split('\0').filter((field) => field !== '');
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const status = fields[i]!;
    const file = fields[i + 1]!;
    if (!isPagePath(file, source)) continue;
    if (status === 'A') changes.added.push(file);
    else if (status === 'D') changes.removed.push(file);
    else changes.changed.push(file);
  }
  for (const list of Object.values(changes)) list.sort();
  return changes;
}

/** Moves each repository to its target commit; returns what changed, repository by repository. */
export async function updateCorpus(corpusDir: string, options: UpdateOptions = {}): Promise<RepoUpdate[]> {
  const sources = options.sources ?? CORPUS_SOURCES;
  const git = options.git;
  const progress = options.onProgress ? { onProgress: options.onProgress } : {};
  const updates: RepoUpdate[] = [];
  for (const source of sources) {
    const repoDir = repoDirOf(corpusDir, source);
    const wanted = options.commits?.[source.id];
    let from: string | undefined;
    if (existsSync(contentRootDir(corpusDir, source))) {
      from = requireCheckout(corpusDir, source);
    } else {
      // Not on disk yet: fetch the target directly; every page is new.
      const target =
        wanted ?? (await runGit(['ls-remote', source.gitUrl, 'HEAD'], { cwd: process.cwd(), ...(git ? { git } : {}) })).split(/\s/)[0]!;
      await ensureCorpus(corpusDir, {
        sources: [{ ...source, commit: target }],
        ...(git ? { git } : {}),
        ...(options.log ? { log: options.log } : {}),
        ...progress,
      });
    }
    const target = from === undefined ? undefined : (wanted ?? (await newestCommit(repoDir, git)));
    if (from !== undefined && target !== from) {
      options.log?.(
        `${source.folder}: moving from ${from.slice(0, 10)} to ${target!.slice(0, 10)} (partial fetch: markdown and yml only) ...`,
      );
      await checkoutCommit(repoDir, target!, { ...(git ? { git } : {}), ...progress });
    } else if (from !== undefined) {
      options.log?.(`${source.folder}: already at ${from.slice(0, 10)}`);
    }
    const now = checkedOutCommit(repoDir);
    if (!now) throw new CorpusUpdateError(`${repoDir} has no commit checked out after the update.`);
    const diffArgs =
      from === undefined
        ? ['diff', '--name-status', '--no-renames', '-z', '4b825dc642cb6eb9a060e54bf8d69288fbee4904', now.commit]
        : ['diff', '--name-status', '--no-renames', '-z', from, now.commit];
    // Names only: comparing object ids needs no file content, so nothing more is downloaded.
    const nameStatus = await runGit([...diffArgs, '--', `${source.contentRoot}/`], { cwd: repoDir, ...(git ? { git } : {}) });
    updates.push({
      repo: source.id,
      folder: source.folder,
      from,
      to: now.commit,
      ...(now.committedAt ? { committedAt: now.committedAt } : {}),
      pages: pageChangesFrom(nameStatus, source),
    });
    if (options.lockFile)
      recordLockedCommit(options.lockFile, source.id, { commit: now.commit, ...(now.committedAt ? { committedAt: now.committedAt } : {}) });
  }
  return updates;
}

/** Accepts a repository's id ("conceptual", "api") or folder name ("windows-driver-docs"). */
export function repoIdOf(name: string): RepoId | undefined {
  return CORPUS_SOURCES.find((source) => source.id === name || source.folder === name)?.id;
}
