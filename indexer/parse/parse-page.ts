// One documentation file → ParsedPage. Synchronous and pure given its context, so it can run
// in worker threads; any file it cannot use is reported with a ParseError, never anything else.

import { sourceFor, type RepoId } from '../../corpus/sources.ts';
import { publishedUrl, type Redirects } from '../../corpus/urls.ts';
import type { ParsedPage } from '../model.ts';
import { labelAlerts } from './alerts.ts';
import { apiFacts } from './api-facts.ts';
import { assertUsableText } from './content-check.ts';
import { rewriteDirectives } from './directives.ts';
import { ParseError } from './errors.ts';
import { frontMatterList, frontMatterString, splitFrontMatter } from './front-matter.ts';
import { inlineIncludes } from './includes.ts';
import { parseMarkdown } from './markdown.ts';
import { withRequirements } from './requirements.ts';
import { splitSections } from './sections.ts';
import type { TocIndex } from './toc.ts';

export { ParseError } from './errors.ts';

export interface ParseContext {
  /** Reads a file by repository-relative path, content root included
   *  ("windows-driver-docs-pr/includes/x.md"); undefined when it does not exist. For includes. */
  readFile(repoRelPath: string): string | undefined;
  redirects: Redirects;
  toc: TocIndex;
}

export interface PageFile {
  repo: RepoId;
  /** Repository-relative path, e.g. "windows-driver-docs-pr/kernel/x.md". */
  path: string;
  raw: string;
}

export function parsePage(file: PageFile, ctx: ParseContext): ParsedPage {
  try {
    return parseUsablePage(file, ctx);
  } catch (error) {
    if (error instanceof ParseError) throw error;
    const detail = error instanceof Error ? error.message : String(error);
    throw new ParseError(`parser failure: ${detail}`);
  }
}

function parseUsablePage(file: PageFile, ctx: ParseContext): ParsedPage {
  const { repo, path } = file;
  const source = sourceFor(repo);
  const contentRoot = source.contentRoot;
  if (!path.startsWith(contentRoot + '/')) throw new ParseError(`path is not under ${contentRoot}/`);
  const url = publishedUrl(path);
  if (url === undefined) throw new ParseError('no published URL for this path');

  assertUsableText(file.raw);
  let raw = file.raw.charCodeAt(0) === 0xfeff ? file.raw.slice(1) : file.raw;
  if (raw.includes('\r')) raw = raw.replace(/\r\n?/g, '\n');
  const { data, body } = splitFrontMatter(raw);

  const markdown = rewriteDirectives(inlineIncludes(body, path, ctx.readFile));
  const isApi = source.pageKind === 'api';
  const { h1, sections } = splitSections(labelAlerts(parseMarkdown(markdown)), {
    pagePath: path,
    redirects: ctx.redirects,
    ...(isApi ? { apiReference: { markdown } } : {}),
  });

  let title = frontMatterString(data, 'title') ?? h1 ?? '';
  if (title === '' && sections.length === 0) throw new ParseError('no title and no text');
  if (title === '') title = titleFromFileName(path);

  const techRoot = isApi ? frontMatterString(data, 'tech.root') : undefined;
  const area = ctx.toc.area(path, techRoot);
  const page: ParsedPage = {
    repo,
    path,
    url,
    title,
    description: frontMatterString(data, 'description') ?? '',
    keywords: frontMatterList(data, 'keywords'),
    kind: source.pageKind,
    areaId: area.id,
    area: area.name,
    breadcrumb: ctx.toc.breadcrumb(path, techRoot),
    sections,
  };
  if (isApi) {
    page.api = apiFacts(path, data, title);
    page.sections = withRequirements(sections, page.api);
  }
  return page;
}

function titleFromFileName(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1).replace(/\.[^.]+$/, '');
  return name.replace(/[-_]+/g, ' ').trim() || name;
}
