// Temporary files that become the index or the parse cache once complete. Their names carry
// the writer's process id, so files left by a crashed run can be told from a running one's
// and removed at the next start; the files of this process are removed if it exits early.
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';

const live = new Set<string>();
let exitHookInstalled = false;

/** `<file>.<pid>.tmp`, removed automatically if the process exits before forgetTemporary. */
export function temporaryPathFor(file: string): string {
  const temporary = `${file}.${process.pid}.tmp`;
  live.add(temporary);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', () => {
      for (const leftover of live) rmSync(leftover, { force: true });
    });
  }
  return temporary;
}

/** The temporary file was renamed into place or removed. */
export function forgetTemporary(temporary: string): void {
  live.delete(temporary);
}

/** Removes `*.<pid>.tmp` files in `folder` whose process is gone; returns their names. */
export function removeStaleTemporaries(folder: string): string[] {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const match = /\.(\d+)\.tmp$/.exec(name);
    if (!match || processIsAlive(Number(match[1]))) continue;
    rmSync(path.join(folder, name), { force: true });
    removed.push(name);
  }
  return removed;
}

export function processIsAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
