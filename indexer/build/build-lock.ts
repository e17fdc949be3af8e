// One builder at a time per index folder. A second `npm run index` (or a bot starting while
// the index builds) waits for the first, then uses the index it wrote instead of building
// again. The lock file names its holder; a lock whose process is gone is taken over.
import { closeSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { processIsAlive } from '../persist/temp-files.ts';

interface Holder {
  pid: number;
  host: string;
  since: string;
}

export interface BuildLock {
  /** Whether another builder held the lock first (its index may now be current). */
  waited: boolean;
  release(): void;
}

export interface LockOptions {
  /** Called once if another process holds the lock. */
  onWait?: (holder: string) => void;
  pollMs?: number;
}

/** A lock file whose content cannot be read is a crash between create and write, after this long. */
const UNREADABLE_STALE_MS = 30_000;

/** Takes the lock at `lockFile`, waiting while a live process holds it. */
export async function acquireBuildLock(lockFile: string, options: LockOptions = {}): Promise<BuildLock> {
  const pollMs = options.pollMs ?? 500;
  let waited = false;
  for (;;) {
    if (tryCreate(lockFile)) {
      const release = () => {
        process.off('exit', release);
        if (ownsLock(lockFile)) rmSync(lockFile, { force: true });
      };
      // A stop during the build (process.exit) must not leave the lock behind.
      process.once('exit', release);
      return { waited, release };
    }
    const holder = readHolder(lockFile);
    if (isStale(lockFile, holder)) {
      rmSync(lockFile, { force: true });
      continue;
    }
    if (!waited) options.onWait?.(holder ? `process ${holder.pid} on ${holder.host} since ${holder.since}` : 'another process');
    waited = true;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

function tryCreate(lockFile: string): boolean {
  let fd: number;
  try {
    fd = openSync(lockFile, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    const holder: Holder = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
    writeSync(fd, JSON.stringify(holder));
  } finally {
    closeSync(fd);
  }
  return true;
}

function readHolder(lockFile: string): Holder | undefined {
  try {
    const holder = JSON.parse(readFileSync(lockFile, 'utf8')) as Holder;
    return typeof holder.pid === 'number' && typeof holder.host === 'string' ? holder : undefined;
  } catch {
    return undefined;
  }
}

function isStale(lockFile: string, holder: Holder | undefined): boolean {
  if (!holder) {
    try {
      return Date.now() - statSync(lockFile).mtimeMs > UNREADABLE_STALE_MS;
    } catch {
      return true; // gone meanwhile
    }
  }
  // A process on another machine (a shared folder) cannot be checked: trust its lock.
  return holder.host === hostname() && !processIsAlive(holder.pid);
}

function ownsLock(lockFile: string): boolean {
  const holder = readHolder(lockFile);
  return holder?.pid === process.pid && holder.host === hostname();
}
