// An Orama documents-store component for chunks. Orama's default store keeps each
// document as a JS object and persists them as JSON; for ~250k chunks that is hundreds of
// MB of objects and seconds of parsing. This store keeps only what answers need (page,
// section, anchor, text) in columns, persists them as typed arrays + one UTF-8 blob, and
// materialises a document only when a search result asks for it.
import type { IDocumentsStore } from '@orama/orama';

// Orama's shared id map (not exported by name): string ids ↔ internal numeric ids.
type InternalDocumentIDStore = Parameters<IDocumentsStore['create']>[1];

/** What a chunk search hit carries. Page-level facts live in the page table. */
export interface ChunkDocument {
  id: string;
  /** Index into the page table. */
  page: number;
  /** Section path for display ("" for the page lead). */
  section: string;
  anchor: string;
  text: string;
  /** The page's area id and kind, repeated here so Orama's facets can count them. */
  areaId: string;
  kind: string;
  /** The pages the chunk's section links to (learn URLs without anchors). */
  links: string[];
}

interface BuildColumns {
  ids: string[];
  pages: number[];
  sections: number[];
  anchors: number[];
  areaIds: number[];
  kinds: number[];
  texts: string[];
  links: number[][];
}

interface FrozenColumns {
  pages: Uint32Array;
  sections: Uint32Array;
  anchors: Uint32Array;
  areaIds: Uint32Array;
  kinds: Uint32Array;
  textOffsets: Uint32Array;
  textBytes: Uint8Array;
  /** Per chunk, where its links start in `links` (strings table ids). */
  linkOffsets: Uint32Array;
  links: Uint32Array;
}

export interface ChunkStoreData {
  shared: InternalDocumentIDStore;
  count: number;
  strings: string[];
  stringIds: Map<string, number>;
  build: BuildColumns | undefined;
  frozen: FrozenColumns | undefined;
  // Orama's facet and group code reads `docs`; a lazy view keeps that working.
  docs: Record<number, ChunkDocument | undefined>;
}

interface SavedChunkStore {
  count: number;
  strings: string[];
  columns: FrozenColumns;
}

const decoder = new TextDecoder();
const encoder = new TextEncoder();

function internIdOf(store: ChunkStoreData, id: string | number): number | undefined {
  return typeof id === 'number' ? id : store.shared.idToInternalId.get(id);
}

function intern(store: ChunkStoreData, value: string): number {
  let id = store.stringIds.get(value);
  if (id === undefined) {
    id = store.strings.push(value) - 1;
    store.stringIds.set(value, id);
  }
  return id;
}

function freezeColumns(store: ChunkStoreData): FrozenColumns {
  if (store.frozen) return store.frozen;
  const build = store.build!;
  const size = build.pages.length;
  const encoded = build.texts.map((text) => encoder.encode(text ?? ''));
  const textOffsets = new Uint32Array(size + 1);
  for (let i = 0; i < size; i += 1) textOffsets[i + 1] = textOffsets[i]! + (encoded[i]?.length ?? 0);
  const textBytes = new Uint8Array(textOffsets[size]!);
  encoded.forEach((bytes, i) => textBytes.set(bytes, textOffsets[i]!));
  const linkOffsets = new Uint32Array(size + 1);
  for (let i = 0; i < size; i += 1) linkOffsets[i + 1] = linkOffsets[i]! + (build.links[i]?.length ?? 0);
  const links = new Uint32Array(linkOffsets[size]!);
  build.links.forEach((ids, i) => links.set(ids, linkOffsets[i]!));
  store.frozen = {
    pages: Uint32Array.from(build.pages, (v) => v ?? 0),
    sections: Uint32Array.from(build.sections, (v) => v ?? 0),
    anchors: Uint32Array.from(build.anchors, (v) => v ?? 0),
    areaIds: Uint32Array.from(build.areaIds, (v) => v ?? 0),
    kinds: Uint32Array.from(build.kinds, (v) => v ?? 0),
    textOffsets,
    textBytes,
    linkOffsets,
    links,
  };
  store.build = undefined;
  return store.frozen;
}

function getChunk(store: ChunkStoreData, internalId: number): ChunkDocument | undefined {
  if (store.build) {
    const text = store.build.texts[internalId];
    if (text === undefined) return undefined;
    return {
      id: store.build.ids[internalId]!,
      page: store.build.pages[internalId]!,
      section: store.strings[store.build.sections[internalId]!]!,
      anchor: store.strings[store.build.anchors[internalId]!]!,
      text,
      areaId: store.strings[store.build.areaIds[internalId]!]!,
      kind: store.strings[store.build.kinds[internalId]!]!,
      links: (store.build.links[internalId] ?? []).map((id) => store.strings[id]!),
    };
  }
  const columns = store.frozen!;
  if (internalId <= 0 || internalId >= columns.pages.length) return undefined;
  const chunk = {
    id: store.shared.internalIdToId[internalId - 1] ?? String(internalId),
    page: columns.pages[internalId]!,
    section: store.strings[columns.sections[internalId]!]!,
    anchor: store.strings[columns.anchors[internalId]!]!,
    areaId: store.strings[columns.areaIds[internalId]!]!,
    kind: store.strings[columns.kinds[internalId]!]!,
  } as ChunkDocument;
  // A search fetches its few hundred best chunks but reads the text of a few dozen: the text
  // (and the links) are worked out when first read.
  let text: string | undefined;
  Object.defineProperty(chunk, 'text', {
    enumerable: true,
    get: () =>
      (text ??= decoder.decode(columns.textBytes.subarray(columns.textOffsets[internalId]!, columns.textOffsets[internalId + 1]!))),
  });
  let links: string[] | undefined;
  Object.defineProperty(chunk, 'links', {
    enumerable: true,
    get: () =>
      (links ??= Array.from(
        columns.links.subarray(columns.linkOffsets[internalId]!, columns.linkOffsets[internalId + 1]!),
        (id) => store.strings[id]!,
      )),
  });
  return chunk;
}

function lazyDocs(store: ChunkStoreData): Record<number, ChunkDocument | undefined> {
  return new Proxy({} as Record<number, ChunkDocument | undefined>, {
    get: (_target, key) => (typeof key === 'string' && /^\d+$/.test(key) ? getChunk(store, Number(key)) : undefined),
  });
}

function newStore(shared: InternalDocumentIDStore): ChunkStoreData {
  const store: ChunkStoreData = {
    shared,
    count: 0,
    strings: [''],
    stringIds: new Map([['', 0]]),
    build: { ids: [], pages: [], sections: [], anchors: [], areaIds: [], kinds: [], texts: [], links: [] },
    frozen: undefined,
    docs: {},
  };
  store.docs = lazyDocs(store);
  return store;
}

export function createChunkStore(): IDocumentsStore<ChunkStoreData> {
  return {
    create: (_orama, shared) => newStore(shared),
    get: (store, id) => {
      const internalId = internIdOf(store, id);
      return internalId === undefined ? undefined : getChunk(store, internalId);
    },
    getMultiple: (store, ids) =>
      ids.map((id) => {
        const internalId = internIdOf(store, id);
        return internalId === undefined ? undefined : getChunk(store, internalId);
      }),
    getAll: (store) => store.docs,
    store: (store, id, internalId, doc) => {
      const build = store.build;
      if (!build) throw new Error('chunk store: read-only after save or load.');
      if (build.texts[internalId] !== undefined) return false;
      const chunk = doc as unknown as Omit<ChunkDocument, 'id'>;
      build.ids[internalId] = String(id);
      build.pages[internalId] = chunk.page;
      build.sections[internalId] = intern(store, chunk.section);
      build.anchors[internalId] = intern(store, chunk.anchor);
      build.areaIds[internalId] = intern(store, chunk.areaId);
      build.kinds[internalId] = intern(store, chunk.kind);
      build.texts[internalId] = chunk.text;
      build.links[internalId] = (chunk.links ?? []).map((url) => intern(store, url));
      store.count += 1;
      return true;
    },
    remove: () => {
      throw new Error('chunk store: the corpus index is rebuilt, never edited in place.');
    },
    count: (store) => store.count,
    save: <R>(store: ChunkStoreData): R => {
      const saved: SavedChunkStore = { count: store.count, strings: store.strings, columns: freezeColumns(store) };
      return saved as R;
    },
    load: <R>(shared: InternalDocumentIDStore, raw: R): ChunkStoreData => {
      const saved = raw as SavedChunkStore;
      const store = newStore(shared);
      store.count = saved.count;
      store.strings = saved.strings;
      store.build = undefined;
      store.frozen = saved.columns;
      return store;
    },
  } as IDocumentsStore<ChunkStoreData>;
}

/**
 * Every chunk of one page, in page order. The build inserts pages one after another, so a
 * page's chunks are one run of internal ids and two binary searches find it.
 */
export function chunksOfPage(store: ChunkStoreData, page: number): ChunkDocument[] {
  const columns = store.frozen ?? freezeColumns(store);
  const pages = columns.pages;
  // Internal id 0 is unused: ids start at 1.
  const firstAtLeast = (value: number): number => {
    let low = 1;
    let high = pages.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (pages[mid]! < value) low = mid + 1;
      else high = mid;
    }
    return low;
  };
  const chunks: ChunkDocument[] = [];
  for (let id = firstAtLeast(page), end = firstAtLeast(page + 1); id < end; id += 1) {
    const chunk = getChunk(store, id);
    if (chunk) chunks.push(chunk);
  }
  return chunks;
}
