// A page's short identity, for references that cannot carry its whole path: a hash of the
// repository-relative path, so every process and every build derives the same id for a page
// without a table of ids handed out.
import { createHash } from 'node:crypto';

/** 20 hex digits of the SHA-1 of the path. */
export function pageId(path: string): string {
  return createHash('sha1').update(path).digest('hex').slice(0, 20);
}
