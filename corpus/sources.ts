// The two upstream documentation repositories the corpus is built from, pinned to the
// commits the shared snapshot was taken at (see the corpus README), so a fresh fetch
// reproduces exactly what the index, tests and evaluation were built against.

/** Which upstream repository a page comes from. */
export type RepoId = 'conceptual' | 'api';

/** Conceptual article or API (DDI) reference page. */
export type PageKind = 'concept' | 'api';

export interface CorpusSource {
  id: RepoId;
  /**
   * What its pages are. Conceptual pages take their breadcrumbs from toc.yml files and their
   * area from their first folder; API pages from their header folder's index page.
   */
  pageKind: PageKind;
  /** Folder under the corpus directory that holds the repository's checkout. */
  folder: string;
  gitUrl: string;
  /** Pinned commit; fetching this exact commit keeps URLs, anchors and tests stable. */
  commit: string;
  /** Folder inside the repository that holds the published markdown. */
  contentRoot: string;
  /** Path on learn.microsoft.com the content root is published under. */
  urlBase: string;
  /** File at the repository root listing moved pages. */
  redirectionFile: string;
  /** Terms under which its text may be shown. */
  license: string;
}

const LICENSE_NOTE =
  'Documentation text © Microsoft, licensed under Creative Commons Attribution 4.0 (CC BY 4.0); ' +
  'code samples under MIT. Quotes must credit Microsoft and link to the source page.';

export const CONCEPTUAL_SOURCE: CorpusSource = {
  id: 'conceptual',
  pageKind: 'concept',
  folder: 'windows-driver-docs',
  gitUrl: 'https://github.com/MicrosoftDocs/windows-driver-docs.git',
  commit: '825aa15f476fc33a3e80abd3db387b025771f6f8',
  contentRoot: 'windows-driver-docs-pr',
  urlBase: '/windows-hardware/drivers/',
  redirectionFile: '.openpublishing.redirection.json',
  license: LICENSE_NOTE,
};

export const API_SOURCE: CorpusSource = {
  id: 'api',
  pageKind: 'api',
  folder: 'windows-driver-docs-ddi',
  gitUrl: 'https://github.com/MicrosoftDocs/windows-driver-docs-ddi.git',
  commit: '6dcd4d9f2adac87becfa71e29882085ef7d96b76',
  contentRoot: 'wdk-ddi-src/content',
  urlBase: '/windows-hardware/drivers/ddi/',
  redirectionFile: '.openpublishing.redirection.json',
  license: LICENSE_NOTE,
};

export const CORPUS_SOURCES: readonly CorpusSource[] = [CONCEPTUAL_SOURCE, API_SOURCE];

export function sourceFor(repo: RepoId): CorpusSource {
  const source = CORPUS_SOURCES.find((s) => s.id === repo);
  if (source === undefined) throw new Error(`unknown corpus repository ${repo}`);
  return source;
}

/** The sources whose pages are of the given kind. */
export function sourcesOfKind(kind: PageKind): CorpusSource[] {
  return CORPUS_SOURCES.filter((s) => s.pageKind === kind);
}

/** The repository whose content root the repo-relative path lies under, if any. */
export function sourceOfPath(repoRelPath: string): CorpusSource | undefined {
  return CORPUS_SOURCES.find((s) => repoRelPath.startsWith(s.contentRoot + '/'));
}
