// "[!INCLUDE[label](path)]" lines are replaced by the included file's body, as learn renders
// them. Links inside an include are written relative to the include file, so they are
// rewritten to stay correct from the including page.

import { posix } from 'node:path';
import { rewriteLinesOutsideFences } from './fenced-lines.ts';

export type ReadRepoFile = (repoRelPath: string) => string | undefined;

export const MAX_INCLUDE_DEPTH = 5;

const INCLUDE = /\[!INCLUDE\s*\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)\]/gi;
const LEADING_FRONT_MATTER = /^\uFEFF?---\r?\n[^]*?\r?\n---[ \t]*(?:\r?\n|$)/;
const LINE_PREFIX = /^[ \t]*(?:>[ \t]*)*/;
const MARKDOWN_LINK_TARGET = /(\]\(\s*<?)([^)\s>]+)/g;
const HTML_LINK_TARGET = /(\b(?:href|src)\s*=\s*["'])([^"']+)/gi;

/**
 * Inlines the includes of `markdown`, a page (or include) at `filePath`. Missing, unreadable
 * or cyclic includes are dropped: a missing boilerplate note must not cost us the page.
 */
export function inlineIncludes(
  markdown: string,
  filePath: string,
  readFile: ReadRepoFile,
  depth = 0,
  includeChain: readonly string[] = [filePath],
): string {
  if (!/\[!include/i.test(markdown)) return markdown;
  return rewriteLinesOutsideFences(markdown, (line) => {
    if (!/\[!include/i.test(line)) return line;
    const prefix = LINE_PREFIX.exec(line)?.[0] ?? '';
    return line.replace(INCLUDE, (_match, target: string) => {
      const body = depth < MAX_INCLUDE_DEPTH ? includedBody(target, filePath, readFile, depth, includeChain) : undefined;
      // Continuation lines keep the include line's indentation / blockquote markers.
      return body === undefined ? '' : body.replace(/\n/g, '\n' + prefix);
    });
  });
}

function includedBody(
  target: string,
  fromPath: string,
  readFile: ReadRepoFile,
  depth: number,
  includeChain: readonly string[],
): string | undefined {
  const includePath = resolveRepoPath(target, fromPath);
  if (includePath === undefined || includeChain.includes(includePath)) return undefined;
  let raw: string | undefined;
  try {
    raw = readFile(includePath);
  } catch {
    raw = undefined;
  }
  if (raw === undefined) return undefined;
  const body = raw.replace(LEADING_FRONT_MATTER, '').replace(/\r\n?/g, '\n').trim();
  // Nested includes resolve against this include; the expanded text is then re-pointed at the
  // includer, level by level, so links from any depth end up relative to the page.
  const expanded = inlineIncludes(body, includePath, readFile, depth + 1, [...includeChain, includePath]);
  return relinkRelativeTargets(expanded, includePath, fromPath);
}

function resolveRepoPath(target: string, fromPath: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:|^\/|^#/i.test(target)) return undefined;
  let decoded: string;
  try {
    decoded = decodeURI(target.replace(/[?#].*$/, ''));
  } catch {
    return undefined;
  }
  const resolved = posix.join(posix.dirname(fromPath), decoded);
  return resolved.startsWith('..') ? undefined : resolved;
}

/** Rewrites relative link targets written from `includePath` to be relative to `includerPath`. */
function relinkRelativeTargets(markdown: string, includePath: string, includerPath: string): string {
  const includeDir = posix.dirname(includePath);
  const pageDir = posix.dirname(includerPath);
  if (includeDir === pageDir) return markdown;
  const relink = (_match: string, lead: string, target: string): string => {
    if (/^[a-z][a-z0-9+.-]*:|^\/|^#/i.test(target)) return lead + target;
    return lead + posix.relative(pageDir, posix.join(includeDir, target));
  };
  return markdown.replace(MARKDOWN_LINK_TARGET, relink).replace(HTML_LINK_TARGET, relink);
}
