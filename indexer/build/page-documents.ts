// What one parsed page puts into the two databases: a document per chunk (stored columns
// plus the searchable fields of schema.ts) and one title document for autocomplete.
import type { ChunkPiece } from '../chunker.ts';
import type { ChunkDocument } from '../orama/chunk-store.ts';
import type { PageRecord } from '../page-record.ts';

/** A chunk as inserted: its stored columns and the text fields the index searches. */
export interface ChunkInsert extends ChunkDocument {
  title: string;
  headings: string;
  meta: string;
  body: string;
}

export interface TitleInsert {
  id: string;
  title: string;
  names: string;
  kind: string;
}

/** The page's API names, searchable alongside its title. */
function apiNames(record: PageRecord): string {
  return record.api?.names.join(' ') ?? '';
}

export function chunkDocuments(record: PageRecord, chunks: readonly ChunkPiece[], pageIndex: number): ChunkInsert[] {
  const names = apiNames(record);
  // A title that does not already name its API gets the names appended, so they score as title words.
  const title = names && !record.title.includes(names) ? `${record.title} ${names}` : record.title;
  const meta = `${record.keywords.join(' ')} ${record.description}`;
  return chunks.map((chunk, ordinal) => ({
    id: `${pageIndex}:${ordinal}`,
    page: pageIndex,
    section: chunk.section,
    anchor: chunk.anchor,
    text: chunk.text,
    links: chunk.links,
    title,
    headings: chunk.section,
    meta,
    body: chunk.text,
    areaId: record.areaId,
    kind: record.kind,
  }));
}

export function titleDocument(record: PageRecord, pageIndex: number): TitleInsert {
  return { id: String(pageIndex), title: record.title, names: apiNames(record), kind: record.kind };
}
