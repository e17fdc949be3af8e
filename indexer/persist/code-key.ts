// Which code an index (or the parse cache) was made by, derived rather than kept by hand:
// the source text of every module reachable from an entry module through relative imports,
// and the package versions. A new module on the way is covered the day it is imported.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Modules that make the index: the build, and through it parsing, the schema and persistence. */
export const BUILD_ENTRY = 'indexer/build/build-index.ts';
/** Modules that turn a corpus file into what the parse cache keeps. */
export const PARSE_ENTRY = 'indexer/build/parse-worker.ts';

// Static and dynamic imports, re-exports, and worker modules loaded through new URL(specifier, import.meta.url).
const RELATIVE_SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(?\s*|\bnew URL\(\s*)['"](\.{1,2}\/[^'"]+\.ts)['"]/g;

/** Root-relative paths of the entry and every module it reaches, sorted. */
export function reachableModules(entry: string, root = projectRoot): string[] {
  const seen = new Set<string>();
  const pending = [entry];
  while (pending.length > 0) {
    const relative = pending.pop()!;
    if (seen.has(relative)) continue;
    seen.add(relative);
    let source: string;
    try {
      source = readFileSync(path.join(root, relative), 'utf8');
    } catch {
      continue; // hashed as missing below
    }
    for (const match of source.matchAll(RELATIVE_SPECIFIER)) {
      pending.push(path.posix.join(path.posix.dirname(relative), match[1]!));
    }
  }
  return [...seen].sort();
}

const keys = new Map<string, string>();

/** Hash of the modules reachable from `entry` and of package-lock.json; computed once per process. */
export function codeKey(entry: string, root = projectRoot): string {
  const id = `${root}\u0000${entry}`;
  const known = keys.get(id);
  if (known !== undefined) return known;
  const hash = createHash('sha1');
  for (const relative of [...reachableModules(entry, root), 'package-lock.json']) {
    hash.update(`${relative}\u0000`);
    try {
      hash.update(readFileSync(path.join(root, relative)));
    } catch {
      hash.update('(missing)');
    }
  }
  const key = hash.digest('hex');
  keys.set(id, key);
  return key;
}
