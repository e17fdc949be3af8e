// The shapes that flow through the pipeline: files → parsed pages → chunks → index.
// Kept in one place so the parser, the chunker, the index and the answer engine agree.
// Which repository a page comes from and what kind of page it is are the corpus's words.

import type { PageKind, RepoId } from '../corpus/sources.ts';

export type { PageKind } from '../corpus/sources.ts';

/** What an API reference page documents, from its file-name prefix (nf-, ns-, ...). */
export type ApiKind = 'function' | 'callback' | 'structure' | 'enumeration' | 'ioctl' | 'interface' | 'class' | 'header' | 'other';

/** Facts an API reference page states in its front matter (empty values are omitted). */
export interface ApiFacts {
  /** api_name entries, e.g. ["IoQueueWorkItem"]; falls back to the title's first word. */
  names: string[];
  kind: ApiKind;
  /** req.header, e.g. "wdm.h" */
  header?: string;
  /** req.include-header, e.g. "Wdm.h, Ntddk.h, Ntifs.h" */
  includeHeader?: string;
  /** req.irql, e.g. "<= DISPATCH_LEVEL" */
  irql?: string;
  /** req.lib */
  library?: string;
  /** req.dll */
  dll?: string;
  /** req.target-min-winverclnt */
  minClient?: string;
  /** req.target-min-winversvr */
  minServer?: string;
  /** req.kmdf-ver / req.umdf-ver */
  kmdfVersion?: string;
  umdfVersion?: string;
}

/** A link found in a section, resolved to an absolute learn.microsoft.com URL. */
export interface ResolvedLink {
  text: string;
  url: string;
}

/** One heading's worth of a page: the text under it up to the next heading of any level. */
export interface Section {
  /** Readable heading text; DDI markers become names ("## -parameters" → "Parameters"). */
  heading: string;
  /** Headings from the page's top section down to this one (excluding the page title). */
  headingPath: string[];
  /** Anchor learn.microsoft.com gives the heading ("" for the text before the first heading). */
  anchor: string;
  /** 1–6; 0 for the lead text before any heading below the title. */
  level: number;
  /** Plain readable text: paragraphs separated by blank lines, lists as "- item", tables as rows. */
  text: string;
  /** Links in this section, already resolved. */
  links: ResolvedLink[];
}

/** A page after parsing, before chunking. */
export interface ParsedPage {
  repo: RepoId;
  /** Path relative to its repository root, the form ../shared/eval uses:
   *  "windows-driver-docs-pr/kernel/x.md" or "wdk-ddi-src/content/wdm/nf-wdm-x.md". */
  path: string;
  /** Published URL without anchor. */
  url: string;
  title: string;
  description: string;
  keywords: string[];
  kind: PageKind;
  /** Present for API reference pages. */
  api?: ApiFacts;
  /** Short area id used for filtering: the conceptual folder ("kernel", "wdf", "debugger")
   *  or the API page's tech.root ("kernel", "wdf", "display"). */
  areaId: string;
  /** Display name of the area, e.g. "Kernel-Mode Driver Architecture". */
  area: string;
  /** Table-of-contents path to the page (names of the toc.yml entries above it). */
  breadcrumb: string[];
  sections: Section[];
}

/** A file that could not be used, and why. The build reports these and carries on. */
export interface SkippedFile {
  path: string;
  reason: string;
}
