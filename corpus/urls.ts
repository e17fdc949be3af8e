// Where pages are published on learn.microsoft.com, and where the links inside them lead.
// Page paths are repository-relative ("windows-driver-docs-pr/kernel/x.md",
// "wdk-ddi-src/content/wdm/nf-wdm-x.md"), the form ParsedPage.path uses.

import { readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { CORPUS_SOURCES } from './sources.ts';

const LEARN_ORIGIN = 'https://learn.microsoft.com';

const PUBLISHED_BASES: ReadonlyArray<{ root: string; base: string }> = CORPUS_SOURCES.map((source) => ({
  root: source.contentRoot + '/',
  base: source.urlBase,
}));

/** Moved pages: normalized URL (see redirectKey) → absolute URL of where it went. */
export interface Redirects {
  readonly byUrl: ReadonlyMap<string, string>;
}

export const NO_REDIRECTS: Redirects = { byUrl: new Map() };

const PAGE_EXTENSION = /\.(md|yml)$/i;
const LOCALE_SEGMENT = /^\/[a-z]{2}-[a-z]{2}(?=\/)/i;
const URL_SCHEME = /^[a-z][a-z0-9+.-]*:/i;
const LEARN_HOSTS = new Set(['learn.microsoft.com', 'docs.microsoft.com']);
const MAX_REDIRECT_HOPS = 8;

/** Published URL of a page, without anchor; undefined for a path outside both content roots. */
export function publishedUrl(repoRelPath: string): string | undefined {
  for (const { root, base } of PUBLISHED_BASES) {
    if (repoRelPath.startsWith(root)) return LEARN_ORIGIN + base + pageUrlPath(repoRelPath.slice(root.length));
  }
  return undefined;
}

/** "kernel/x.md" → "kernel/x"; "kernel/index.md" → "kernel/"; lowercased as learn serves it. */
function pageUrlPath(pathInRoot: string): string {
  const withoutExtension = pathInRoot.replace(PAGE_EXTENSION, '');
  const folderPage = withoutExtension === 'index' || withoutExtension.endsWith('/index');
  const urlPath = folderPage ? withoutExtension.slice(0, -'index'.length) : withoutExtension;
  return urlPath.toLowerCase().replace(/ /g, '%20');
}

/** Lookup key for a URL: lowercased, no query or fragment, no trailing slash. */
export function redirectKey(url: string): string {
  return url
    .replace(/[?#].*$/, '')
    .replace(/\/+$/, '')
    .toLowerCase();
}

/** Applies the redirection files: the URL a moved page now lives at (fragment kept). */
export function followRedirects(url: string, redirects: Redirects): string {
  if (redirects.byUrl.size === 0) return url;
  let current = url;
  for (let hop = 0; hop < MAX_REDIRECT_HOPS; hop++) {
    const target = redirects.byUrl.get(redirectKey(current));
    if (target === undefined || target === current) break;
    const fragment = fragmentOf(current);
    current = fragment === '' ? target : withoutFragment(target) + fragment;
  }
  return current;
}

/**
 * The absolute URL a link in page `fromPath` leads to, or undefined when it leads nowhere
 * useful (mailto:, javascript:, empty). Moved pages resolve to where they moved.
 */
export function resolveLink(href: string, fromPath: string, redirects: Redirects): string | undefined {
  const link = href.trim().replace(/^<(.*)>$/, '$1');
  if (link === '') return undefined;
  if (link.startsWith('#')) {
    const page = publishedUrl(fromPath);
    return page === undefined || link.length === 1 ? page : page + link;
  }
  if (link.startsWith('//')) return resolveAbsolute('https:' + link, redirects);
  if (URL_SCHEME.test(link)) return /^https?:/i.test(link) ? resolveAbsolute(link, redirects) : undefined;
  if (link.startsWith('/')) return resolveAbsolute(LEARN_ORIGIN + link, redirects);
  return resolveRelative(link, fromPath, redirects);
}

function resolveAbsolute(link: string, redirects: Redirects): string | undefined {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return undefined;
  }
  if (!LEARN_HOSTS.has(url.hostname.toLowerCase())) return url.href;
  let path = url.pathname.replace(LOCALE_SEGMENT, '').toLowerCase();
  if (PUBLISHED_BASES.some(({ base }) => path.startsWith(base))) path = path.replace(/\.md$/, '');
  return followRedirects(LEARN_ORIGIN + path + url.search + url.hash, redirects);
}

function resolveRelative(link: string, fromPath: string, redirects: Redirects): string | undefined {
  const suffixAt = link.search(/[?#]/);
  const rawPath = suffixAt < 0 ? link : link.slice(0, suffixAt);
  const suffix = suffixAt < 0 ? '' : link.slice(suffixAt);
  let targetPath: string;
  try {
    targetPath = rawPath === '' ? fromPath : posix.join(posix.dirname(fromPath), decodeURI(rawPath));
  } catch {
    return undefined;
  }
  // A relative link may climb out of the content root (rare); the web resolves it against the page URL.
  const page = publishedUrl(targetPath) ?? webRelative(rawPath, fromPath);
  if (page === undefined) return undefined;
  return withLinkSuffix(followRedirects(page, redirects), suffix);
}

/** Appends a link's query/fragment; the link's own fragment wins over a redirect target's. */
function withLinkSuffix(url: string, suffix: string): string {
  if (suffix === '') return url;
  const fragment = fragmentOf(url);
  if (fragment === '') return url + suffix;
  return url.slice(0, -fragment.length) + suffix + (suffix.includes('#') ? '' : fragment);
}

function webRelative(rawPath: string, fromPath: string): string | undefined {
  const page = publishedUrl(fromPath);
  if (page === undefined) return undefined;
  try {
    return new URL(rawPath.replace(PAGE_EXTENSION, ''), page).href.toLowerCase();
  } catch {
    return undefined;
  }
}

function withoutFragment(url: string): string {
  const at = url.indexOf('#');
  return at < 0 ? url : url.slice(0, at);
}

function fragmentOf(url: string): string {
  const at = url.indexOf('#');
  return at < 0 ? '' : url.slice(at);
}

interface RedirectionEntry {
  source_path?: unknown;
  redirect_url?: unknown;
  redirect_URL?: unknown;
}

/** Adds one redirection file's entries; accepts both `redirect_url` and `redirect_URL` keys. */
export function addRedirections(json: unknown, into: Map<string, string>): void {
  const entries = (json as { redirections?: unknown } | null)?.redirections;
  if (!Array.isArray(entries)) return;
  for (const entry of entries as RedirectionEntry[]) {
    const target = entry.redirect_url ?? entry.redirect_URL;
    if (typeof entry.source_path !== 'string' || typeof target !== 'string') continue;
    const source = publishedUrl(entry.source_path);
    const destination =
      target.startsWith('/') || /^https?:/i.test(target)
        ? resolveAbsolute(target.startsWith('/') ? LEARN_ORIGIN + target : target, NO_REDIRECTS)
        : undefined;
    if (source !== undefined && destination !== undefined) into.set(redirectKey(source), destination);
  }
}

/** Reads both repositories' redirection files; a missing or unreadable file counts as empty. */
export function loadRedirects(corpusDir: string): Redirects {
  const byUrl = new Map<string, string>();
  for (const source of CORPUS_SOURCES) {
    let text: string;
    try {
      text = readFileSync(join(corpusDir, source.folder, source.redirectionFile), 'utf8');
    } catch {
      continue;
    }
    try {
      addRedirections(JSON.parse(text), byUrl);
    } catch {
      // A malformed redirection file only costs us redirect resolution, not the build.
    }
  }
  return { byUrl };
}
