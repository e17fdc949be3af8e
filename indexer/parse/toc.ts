// Where a page sits in the documentation: its breadcrumb (the toc.yml entries above it) and
// its area (kernel, wdf, display...) with a display name. Built once from the corpus into
// plain, structured-clonable data (TocData) so worker threads can receive it.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import matter from 'gray-matter';
import { parse as parseYaml } from 'yaml';
import { API_SOURCE, CONCEPTUAL_SOURCE } from '../../corpus/sources.ts';
import { frontMatterString, splitFrontMatter } from './front-matter.ts';

export interface Area {
  id: string;
  name: string;
}

export interface TocData {
  /** Conceptual page path → names of the toc entries above it. */
  pageBreadcrumbs: Map<string, string[]>;
  /** Conceptual folder (repo-relative) that has a toc.yml → breadcrumb of that toc's root. */
  tocMounts: Map<string, string[]>;
  /** First-level conceptual folder ("kernel") → area display name. */
  conceptualAreaNames: Map<string, string>;
  /** API area id ("kernel") → title of its technology overview ("Windows kernel"). */
  apiAreaNames: Map<string, string>;
  /** API header folder ("wdm") → title of its index page ("Wdm.h header"). */
  apiHeaderTitles: Map<string, string>;
  /** API header folder → area id its index page declares (for pages that declare none). */
  apiHeaderAreas: Map<string, string>;
}

export interface TocIndex {
  readonly data: TocData;
  /** Toc path to the page. API pages: area name, then the header's title. */
  breadcrumb(path: string, techRoot?: string): string[];
  /** Conceptual pages: by folder. API pages: by front matter tech.root (pass it), else header folder. */
  area(path: string, techRoot?: string): Area;
}

export const GENERAL_AREA: Area = { id: 'general', name: 'General' };

const CONCEPTUAL_ROOT = CONCEPTUAL_SOURCE.contentRoot;
const API_ROOT = API_SOURCE.contentRoot;
const MAX_MOUNT_DEPTH = 10;

interface TocItem {
  name?: unknown;
  href?: unknown;
  items?: unknown;
}

interface PagePlacement {
  tocDir: string;
  ancestors: string[];
  /** How well this toc owns the page: deeper tocs that contain the page win. */
  priority: number;
}

interface FolderLink {
  fromTocDir: string;
  path: string[];
  landing: boolean;
}

export function buildTocIndex(corpusDir: string): TocIndex {
  return createTocIndex(buildTocData(corpusDir));
}

export function buildTocData(corpusDir: string): TocData {
  const conceptualDir = join(corpusDir, CONCEPTUAL_SOURCE.folder);
  const tocFiles = findTocFiles(join(conceptualDir, CONCEPTUAL_ROOT), CONCEPTUAL_ROOT)
    .sort((a, b) => a.split('/').length - b.split('/').length || a.localeCompare(b));
  const placements = new Map<string, PagePlacement>();
  const folderLinks = new Map<string, FolderLink>();
  const firstEntryNames = new Map<string, string>();

  for (const tocPath of tocFiles) {
    const items = readTocItems(join(conceptualDir, tocPath));
    if (items === undefined) continue;
    const tocDir = posix.dirname(tocPath);
    const firstName = items.map((item) => textOf(item.name)).find((name) => name !== '');
    if (firstName !== undefined) firstEntryNames.set(tocDir, firstName);
    walkToc(items, [], (href, ancestors, name) => {
      placeEntry(href, ancestors, name, tocDir, placements, folderLinks);
    });
  }

  const tocDirs = new Set(tocFiles.map((tocPath) => posix.dirname(tocPath)));
  const mountCache = new Map<string, string[]>();
  const mountOf = (dir: string, depth = 0): string[] => {
    const cached = mountCache.get(dir);
    if (cached !== undefined) return cached;
    const link = folderLinks.get(dir);
    let mount: string[];
    if (link !== undefined && link.fromTocDir !== dir && depth < MAX_MOUNT_DEPTH) {
      mount = [...mountOf(link.fromTocDir, depth + 1), ...link.path];
    } else if (posix.dirname(dir) === CONCEPTUAL_ROOT) {
      // An area the top-level toc does not list starts its breadcrumb with its own toc's first entry.
      const first = firstEntryNames.get(dir);
      mount = first === undefined ? [] : [first];
    } else if (dir.includes('/') && depth < MAX_MOUNT_DEPTH) {
      mount = mountOf(posix.dirname(dir), depth + 1);
    } else {
      mount = [];
    }
    mountCache.set(dir, mount);
    return mount;
  };

  const pageBreadcrumbs = new Map<string, string[]>();
  for (const [page, placement] of placements) {
    pageBreadcrumbs.set(page, withoutRepeats([...mountOf(placement.tocDir), ...placement.ancestors]));
  }
  const tocMounts = new Map<string, string[]>();
  for (const dir of tocDirs) tocMounts.set(dir, mountOf(dir));

  const conceptualAreaNames = new Map<string, string>();
  for (const folder of listFolders(join(conceptualDir, CONCEPTUAL_ROOT))) {
    const dir = `${CONCEPTUAL_ROOT}/${folder}`;
    const fromRoot = folderLinks.get(dir)?.path;
    const name = fromRoot?.[fromRoot.length - 1] ?? firstEntryNames.get(dir) ?? folder;
    conceptualAreaNames.set(folder, name);
  }

  return { pageBreadcrumbs, tocMounts, conceptualAreaNames, ...readApiAreas(join(corpusDir, API_SOURCE.folder, API_ROOT)) };
}

export function createTocIndex(data: TocData): TocIndex {
  const area = (path: string, techRoot?: string): Area => {
    if (path.startsWith(API_ROOT + '/')) {
      const id = apiAreaId(path, techRoot, data);
      return { id, name: data.apiAreaNames.get(id) ?? id };
    }
    const folder = conceptualFolder(path);
    if (folder === undefined) return GENERAL_AREA;
    return { id: folder, name: data.conceptualAreaNames.get(folder) ?? folder };
  };

  const breadcrumb = (path: string, techRoot?: string): string[] => {
    if (path.startsWith(API_ROOT + '/')) {
      const segments = path.slice(API_ROOT.length + 1).split('/');
      const header = segments.length > 1 ? segments[0] : undefined;
      if (header === undefined || header.startsWith('_')) return [];
      const areaName = area(path, techRoot).name;
      const headerTitle = data.apiHeaderTitles.get(header.toLowerCase());
      const isHeaderPage = segments[1]?.toLowerCase() === 'index.md';
      return isHeaderPage || headerTitle === undefined ? [areaName] : [areaName, headerTitle];
    }
    const listed = data.pageBreadcrumbs.get(path);
    if (listed !== undefined) return [...listed];
    // Unlisted pages sit under the toc of the nearest folder that has one.
    for (let dir = posix.dirname(path); dir.startsWith(CONCEPTUAL_ROOT); dir = posix.dirname(dir)) {
      const mount = data.tocMounts.get(dir);
      if (mount !== undefined) return [...mount];
      if (dir === CONCEPTUAL_ROOT) break;
    }
    return [];
  };

  return { data, area, breadcrumb };
}

/** Lowercased tech.root cleaned of stray text ("kernel (wdm.h)", " audio "); else the header's. */
export function apiAreaId(path: string, techRoot: string | undefined, data: TocData): string {
  const header = path.slice(API_ROOT.length + 1).split('/')[0]?.toLowerCase() ?? '';
  const declared = cleanAreaId(techRoot, data);
  if (declared !== undefined) return declared;
  return data.apiHeaderAreas.get(header) ?? header.replace(/^_/, '');
}

function cleanAreaId(techRoot: string | undefined, data: TocData): string | undefined {
  const raw = (techRoot ?? '').trim().toLowerCase().replace(/^_/, '');
  const token = /^[a-z0-9_]+/.exec(raw)?.[0];
  if (token === undefined) return undefined;
  // Known area ids win; an unknown single word is kept; prose pasted into the field is not an id.
  if (data.apiAreaNames.has(token) || token === raw) return token;
  return undefined;
}

function conceptualFolder(path: string): string | undefined {
  if (!path.startsWith(CONCEPTUAL_ROOT + '/')) return undefined;
  const rest = path.slice(CONCEPTUAL_ROOT.length + 1);
  const slash = rest.indexOf('/');
  return slash < 0 ? undefined : rest.slice(0, slash);
}

function placeEntry(
  href: string,
  ancestors: string[],
  name: string,
  tocDir: string,
  placements: Map<string, PagePlacement>,
  folderLinks: Map<string, FolderLink>,
): void {
  if (/^[a-z][a-z0-9+.-]*:|^\/|^#/i.test(href)) return;
  let target: string;
  try {
    target = posix.join(tocDir, decodeURI(href.replace(/[?#].*$/, '')));
  } catch {
    return;
  }
  if (!target.startsWith(CONCEPTUAL_ROOT + '/')) return;
  const entryPath = name === '' ? ancestors : [...ancestors, name];
  const linkFolder = (dir: string, landing: boolean): void => {
    const existing = folderLinks.get(dir);
    if (dir === tocDir || (existing !== undefined && (existing.landing || !landing))) return;
    folderLinks.set(dir, { fromTocDir: tocDir, path: entryPath, landing });
  };
  if (/(^|\/)toc\.ya?ml$/i.test(target)) {
    linkFolder(posix.dirname(target), true);
    return;
  }
  if (href.endsWith('/')) {
    linkFolder(target.replace(/\/+$/, ''), true);
    target = target.replace(/\/*$/, '/index.md');
  }
  if (!/\.(md|ya?ml)$/i.test(target)) return;
  const targetDir = posix.dirname(target);
  if (targetDir !== tocDir) linkFolder(targetDir, /(^|\/)index\.md$/i.test(target));
  const owns = targetDir === tocDir || targetDir.startsWith(tocDir + '/');
  const priority = owns ? tocDir.split('/').length : 0;
  const existing = placements.get(target);
  if (existing === undefined || priority > existing.priority) {
    placements.set(target, { tocDir, ancestors, priority });
  }
}

function walkToc(
  items: readonly TocItem[],
  ancestors: string[],
  visit: (href: string, ancestors: string[], name: string) => void,
): void {
  for (const item of items) {
    if (item === null || typeof item !== 'object') continue;
    const name = textOf(item.name);
    const href = textOf(item.href);
    if (href !== '') visit(href, ancestors, name);
    if (Array.isArray(item.items)) walkToc(item.items as TocItem[], name === '' ? ancestors : [...ancestors, name], visit);
  }
}

// gray-matter's bundled js-yaml reads the 1.4 MB of toc files ten times faster than the yaml
// package (50 ms against 600 ms), which matters because every worker thread builds this index.
const gmEngines = (matter as unknown as { engines?: { yaml?: { parse?: (text: string, options?: object) => unknown } } }).engines;
const fastYamlParse = gmEngines?.yaml?.parse;
const parseTocYaml = (text: string): unknown => (fastYamlParse ? fastYamlParse(text, { json: true }) : parseYaml(text));

function readTocItems(file: string): TocItem[] | undefined {
  try {
    const parsed: unknown = parseTocYaml(readFileSync(file, 'utf8'));
    if (Array.isArray(parsed)) return parsed as TocItem[];
    // Some toc files wrap their entries: { items: [...] }.
    const items = (parsed as { items?: unknown } | null)?.items;
    return Array.isArray(items) ? (items as TocItem[]) : undefined;
  } catch {
    return undefined;
  }
}

function findTocFiles(dir: string, relDir: string): string[] {
  const found: string[] = [];
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return found;
  }
  for (const entry of entries) {
    if (entry.isDirectory()) found.push(...findTocFiles(join(dir, entry.name), `${relDir}/${entry.name}`));
    else if (entry.name.toLowerCase() === 'toc.yml') found.push(`${relDir}/${entry.name}`);
  }
  return found;
}

function listFolders(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
  } catch {
    return [];
  }
}

function readApiAreas(contentDir: string): Pick<TocData, 'apiAreaNames' | 'apiHeaderTitles' | 'apiHeaderAreas'> {
  const apiAreaNames = new Map<string, string>();
  const apiHeaderTitles = new Map<string, string>();
  const headerTechRoots = new Map<string, string | undefined>();
  for (const folder of listFolders(contentDir)) {
    const indexFile = join(contentDir, folder, 'index.md');
    if (!existsSync(indexFile)) continue;
    let data;
    try {
      data = splitFrontMatter(readFileSync(indexFile, 'utf8')).data;
    } catch {
      continue;
    }
    const title = frontMatterString(data, 'title');
    const key = folder.toLowerCase();
    if (key.startsWith('_')) {
      if (title !== undefined) apiAreaNames.set(key.slice(1), title);
    } else {
      if (title !== undefined) apiHeaderTitles.set(key, title);
      headerTechRoots.set(key, frontMatterString(data, 'tech.root'));
    }
  }
  const apiHeaderAreas = new Map<string, string>();
  const partial = { apiAreaNames } as TocData;
  for (const [header, techRoot] of headerTechRoots) {
    const id = cleanAreaId(techRoot, partial);
    if (id !== undefined) apiHeaderAreas.set(header, id);
  }
  return { apiAreaNames, apiHeaderTitles, apiHeaderAreas };
}

function textOf(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

function withoutRepeats(names: string[]): string[] {
  return names.filter((name, i) => i === 0 || name.toLowerCase() !== names[i - 1]?.toLowerCase());
}
