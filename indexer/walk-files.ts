// The one way the indexer lists files under a folder: depth first, names in a stable order,
// folders it cannot read skipped (a corpus checkout may have a folder the user cannot open).
import { readdirSync } from 'node:fs';
import path from 'node:path';

export interface WalkOptions {
  /** Folder names not to enter. */
  skipFolder?: (name: string) => boolean;
}

/** Paths of the files under `root/relative`, relative to `root` with "/" separators. */
export function* walkFiles(root: string, relative = '', options: WalkOptions = {}): Generator<string> {
  let entries;
  try {
    entries = readdirSync(path.join(root, relative), { withFileTypes: true });
  } catch {
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const child = relative ? `${relative}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      if (!options.skipFolder?.(entry.name)) yield* walkFiles(root, child, options);
    } else if (entry.isFile()) yield child;
  }
}
