// The two upstream documentation repositories the corpus is built from, pinned to the
// commits the shared snapshot was taken at (see the corpus README), so a fresh fetch
// reproduces exactly what the index, tests and evaluation were built against.

import type { RepoId } from '../indexer/model.ts';

export interface CorpusSource {
  id: RepoId;
  /** Folder under the corpus directory that holds the repository's checkout. */
  folder: string;
  gitUrl: string;
  /** Pinned commit; fetching this exact commit keeps URLs, anchors and tests stable. */
  commit: string;
  /** Folder inside the repository that holds the published markdown. */
  contentRoot: string;
  /** File at the repository root listing moved pages. */
  redirectionFile: string;
  /** Terms under which its text may be shown. */
  license: string;
}

export const LICENSE_NOTE =
  'Documentation text © Microsoft, licensed under Creative Commons Attribution 4.0 (CC BY 4.0); ' +
  'code samples under MIT. Quotes must credit Microsoft and link to the source page.';

export const CONCEPTUAL_SOURCE: CorpusSource = {
  id: 'conceptual',
  folder: 'windows-driver-docs',
  gitUrl: 'https://github.com/MicrosoftDocs/windows-driver-docs.git',
  commit: '825aa15f476fc33a3e80abd3db387b025771f6f8',
  contentRoot: 'windows-driver-docs-pr',
  redirectionFile: '.openpublishing.redirection.json',
  license: LICENSE_NOTE,
};

export const API_SOURCE: CorpusSource = {
  id: 'api',
  folder: 'windows-driver-docs-ddi',
  gitUrl: 'https://github.com/MicrosoftDocs/windows-driver-docs-ddi.git',
  commit: '6dcd4d9f2adac87becfa71e29882085ef7d96b76',
  contentRoot: 'wdk-ddi-src/content',
  redirectionFile: '.openpublishing.redirection.json',
  license: LICENSE_NOTE,
};

export const CORPUS_SOURCES: readonly CorpusSource[] = [CONCEPTUAL_SOURCE, API_SOURCE];

export function sourceFor(repo: RepoId): CorpusSource {
  return repo === 'api' ? API_SOURCE : CONCEPTUAL_SOURCE;
}

/** The repository whose content root the repo-relative path lies under, if any. */
export function sourceOfPath(repoRelPath: string): CorpusSource | undefined {
  return CORPUS_SOURCES.find((s) => repoRelPath.startsWith(s.contentRoot + '/'));
}
