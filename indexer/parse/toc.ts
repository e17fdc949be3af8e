// Where a page sits in the documentation: its breadcrumb (the toc.yml entries above it) and
// its area (kernel, wdf, display...) with a display name. Built once from the corpus into
// plain, structured-clonable data (TocData) so worker threads can receive it.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import matter from 'gray-matter';
import { parse as parseYaml } from 'yaml';
import { sourcesOfKind } from '../../corpus/sources.ts';
import { walkFiles } from '../walk-files.ts';
import { frontMatterString, splitFrontMatter } from './front-matter.ts';

interface Area {
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

const GENERAL_AREA: Area = { id: 'general', name: 'General' };

const CONCEPTUAL_SOURCES = sourcesOfKind('concept');
const CONCEPTUAL_ROOTS = CONCEPTUAL_SOURCES.map((source) => source.contentRoot);
const API_SOURCES = sourcesOfKind('api');
const API_ROOTS = API_SOURCES.map((source) => source.contentRoot);
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

/** The content root among `roots` that the repository-relative path lies under. */
function rootOf(path: string, roots: readonly string[]): string | undefined {
  return roots.find((root) => path.startsWith(root + '/'));
}

/** What the conceptual repositories' toc.yml files say, shallow tocs first. */
interface TocFacts {
  placements: Map<string, PagePlacement>;
  folderLinks: Map<string, FolderLink>;
  /** Toc folder → name of its first entry. */
  firstEntryNames: Map<string, string>;
  tocDirs: Set<string>;
}

function readConceptualTocs(corpusDir: string): TocFacts {
  const facts: TocFacts = { placements: new Map(), folderLinks: new Map(), firstEntryNames: new Map(), tocDirs: new Set() };
  for (const source of CONCEPTUAL_SOURCES) {
    const repoDir = join(corpusDir, source.folder);
    const tocFiles = [...walkFiles(repoDir, source.contentRoot)]
      .filter((file) => posix.basename(file).toLowerCase() === 'toc.yml')
      .sort((a, b) => a.split('/').length - b.split('/').length || a.localeCompare(b));
    for (const tocPath of tocFiles) {
      const tocDir = posix.dirname(tocPath);
      facts.tocDirs.add(tocDir);
      const items = readTocItems(join(repoDir, tocPath));
      if (items === undefined) continue;
      const firstName = items.map((item) => textOf(item.name)).find((name) => name !== '');
      if (firstName !== undefined) facts.firstEntryNames.set(tocDir, firstName);
      walkToc(items, [], (href, ancestors, name) => {
        placeEntry(href, ancestors, name, { root: source.contentRoot, dir: tocDir }, facts.placements, facts.folderLinks);
      });
    }
  }
  return facts;
}

export function buildTocData(corpusDir: string): TocData {
  const { placements, folderLinks, firstEntryNames, tocDirs } = readConceptualTocs(corpusDir);
  const mountCache = new Map<string, string[]>();
  const mountOf = (dir: string, depth = 0): string[] => {
    const cached = mountCache.get(dir);
    if (cached !== undefined) return cached;
    const link = folderLinks.get(dir);
    let mount: string[];
    if (link !== undefined && link.fromTocDir !== dir && depth < MAX_MOUNT_DEPTH) {
      mount = [...mountOf(link.fromTocDir, depth + 1), ...link.path];
    } else if (CONCEPTUAL_ROOTS.includes(posix.dirname(dir))) {
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
  for (const source of CONCEPTUAL_SOURCES) {
    for (const folder of listFolders(join(corpusDir, source.folder, source.contentRoot))) {
      const dir = `${source.contentRoot}/${folder}`;
      const fromRoot = folderLinks.get(dir)?.path;
      const name = fromRoot?.[fromRoot.length - 1] ?? firstEntryNames.get(dir) ?? folder;
      if (!conceptualAreaNames.has(folder)) conceptualAreaNames.set(folder, name);
    }
  }

  const apiContentDirs = API_SOURCES.map((source) => join(corpusDir, source.folder, source.contentRoot));
  return { pageBreadcrumbs, tocMounts, conceptualAreaNames, ...readApiAreas(apiContentDirs) };
}

export function createTocIndex(data: TocData): TocIndex {
  const area = (path: string, techRoot?: string): Area => {
    const apiRoot = rootOf(path, API_ROOTS);
    if (apiRoot !== undefined) {
      const id = apiAreaId(path.slice(apiRoot.length + 1), techRoot, data);
      return { id, name: data.apiAreaNames.get(id) ?? id };
    }
    const folder = conceptualFolder(path);
    if (folder === undefined) return GENERAL_AREA;
    return { id: folder, name: data.conceptualAreaNames.get(folder) ?? folder };
  };

  const breadcrumb = (path: string, techRoot?: string): string[] => {
    const apiRoot = rootOf(path, API_ROOTS);
    if (apiRoot !== undefined) {
      const segments = path.slice(apiRoot.length + 1).split('/');
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
    const root = rootOf(path, CONCEPTUAL_ROOTS);
    if (root === undefined) return [];
    for (let dir = posix.dirname(path); dir.startsWith(root); dir = posix.dirname(dir)) {
      const mount = data.tocMounts.get(dir);
      if (mount !== undefined) return [...mount];
      if (dir === root) break;
    }
    return [];
  };

  return { data, area, breadcrumb };
}

/**
 * Lowercased tech.root cleaned of stray text ("kernel (wdm.h)", " audio "); else the header's.
 * `pathInRoot` is the page's path inside its content root ("wdm/nf-wdm-x.md").
 */
function apiAreaId(pathInRoot: string, techRoot: string | undefined, data: TocData): string {
  const header = pathInRoot.split('/')[0]?.toLowerCase() ?? '';
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
  const root = rootOf(path, CONCEPTUAL_ROOTS);
  if (root === undefined) return undefined;
  const rest = path.slice(root.length + 1);
  const slash = rest.indexOf('/');
  return slash < 0 ? undefined : rest.slice(0, slash);
}

function placeEntry(
  href: string,
  ancestors: string[],
  name: string,
  toc: { root: string; dir: string },
  placements: Map<string, PagePlacement>,
  folderLinks: Map<string, FolderLink>,
): void {
  const tocDir = toc.dir;
  if (/^[a-z][a-z0-9+.-]*:|^\/|^#/i.test(href)) return;
  let target: string;
  try {
    target = posix.join(tocDir, decodeURI(href.replace(/[?#].*$/, '')));
  } catch {
    return;
  }
  if (!target.startsWith(toc.root + '/')) return;
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

function walkToc(items: readonly TocItem[], ancestors: string[], visit: (href: string, ancestors: string[], name: string) => void): void {
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

function listFolders(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name);
  } catch {
    return [];
  }
}

function readApiAreas(contentDirs: readonly string[]): Pick<TocData, 'apiAreaNames' | 'apiHeaderTitles' | 'apiHeaderAreas'> {
  const apiAreaNames = new Map<string, string>();
  const apiHeaderTitles = new Map<string, string>();
  const headerTechRoots = new Map<string, string | undefined>();
  const folders = contentDirs.flatMap((contentDir) => listFolders(contentDir).map((folder) => ({ contentDir, folder })));
  for (const { contentDir, folder } of folders) {
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
