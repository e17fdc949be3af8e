// What the index keeps about each page, beside the chunks: enough to cite, filter, show
// API facts and suggest titles without opening the corpus again.
import type { PageKind } from '../corpus/sources.ts';
import type { ApiFacts, ParsedPage } from './model.ts';

export interface PageRecord {
  path: string;
  url: string;
  title: string;
  description: string;
  keywords: string[];
  kind: PageKind;
  areaId: string;
  area: string;
  breadcrumb: string[];
  api?: ApiFacts;
}

export function toPageRecord(page: ParsedPage): PageRecord {
  const record: PageRecord = {
    path: page.path,
    url: page.url,
    title: page.title,
    description: page.description,
    keywords: page.keywords,
    kind: page.kind,
    areaId: page.areaId,
    area: page.area,
    breadcrumb: page.breadcrumb,
  };
  if (page.api) record.api = page.api;
  return record;
}
