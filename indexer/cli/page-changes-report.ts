// The "pages added, removed, changed" summary that update-corpus and index both print.
import type { PageChanges } from '../../corpus/update.ts';

const listed = 15;

export function formatPageChanges(heading: string, changes: PageChanges): string[] {
  const lines = [`${heading}: ${changes.added.length} page(s) added, ${changes.removed.length} removed, ${changes.changed.length} changed`];
  const list = (mark: string, paths: string[]) => {
    for (const file of paths.slice(0, listed)) lines.push(`  ${mark} ${file}`);
    if (paths.length > listed) lines.push(`  ${mark} ... and ${paths.length - listed} more`);
  };
  list('+', changes.added);
  list('-', changes.removed);
  list('~', changes.changed);
  return lines;
}

export function countChanges(changes: PageChanges): { added: number; removed: number; changed: number } {
  return { added: changes.added.length, removed: changes.removed.length, changed: changes.changed.length };
}
