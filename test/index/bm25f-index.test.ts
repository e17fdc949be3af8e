// The BM25F index component inside a real Orama database (createChunkDb): exact identifiers,
// term frequency, field weights, where filters, and the save → container → load path that
// openIndex takes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { insert, load, save, search } from '@orama/orama';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChunkDocument } from '../../indexer/orama/chunk-store.ts';
import { scoreTokens } from '../../indexer/orama/bm25f-scoring.ts';
import { readContainer, writeContainer } from '../../indexer/persist/container.ts';
import { chunkIndexConfig, createChunkDb, type ChunkDb } from '../../indexer/schema.ts';

interface TestChunk {
  id: string;
  page: number;
  section: string;
  anchor: string;
  title: string;
  headings: string;
  meta: string;
  body: string;
  areaId: string;
  kind: 'concept' | 'api';
}

// Invented pages about an invented "gizmo" device, with real-looking identifiers.
const chunks: TestChunk[] = [
  {
    id: '0:0',
    page: 0,
    section: 'Remarks',
    anchor: 'remarks',
    title: 'GzQueueFrobItem function (gizmo.h)',
    headings: 'Remarks',
    meta: 'GzQueueFrobItem gizmo frob',
    body: 'GzQueueFrobItem puts a frob item into the gizmo queue. Callers run at or below DISPATCH_LEVEL.',
    areaId: 'gizmo',
    kind: 'api',
  },
  {
    id: '1:0',
    page: 1,
    section: '',
    anchor: '',
    title: 'Frob items in gizmo drivers',
    headings: '',
    meta: 'frob item overview',
    body: 'A gizmo driver can queue a frob item when work must wait. The queue runs frob items later.',
    areaId: 'gizmo',
    kind: 'concept',
  },
  {
    id: '2:0',
    page: 2,
    section: 'Widget sprockets',
    anchor: 'widget-sprockets',
    title: 'Sprocket handling',
    headings: 'Widget sprockets',
    meta: '',
    // Same token count as page 3's body; "sprocket" once here, three times there. Page 2
    // is inserted first, so a tie would rank it first: only term frequency puts 3 ahead.
    body: 'sprocket delta epsilon alpha beta gamma',
    areaId: 'widget',
    kind: 'concept',
  },
  {
    id: '3:0',
    page: 3,
    section: 'Widget sprockets',
    anchor: 'widget-sprockets',
    title: 'Sprocket handling',
    headings: 'Widget sprockets',
    meta: '',
    body: 'sprocket sprocket sprocket alpha beta gamma',
    areaId: 'widget',
    kind: 'concept',
  },
  {
    id: '4:0',
    page: 4,
    section: 'Parameters',
    anchor: 'parameters',
    title: 'WgResetSprocket function (widget.h)',
    headings: 'Parameters',
    meta: 'WgResetSprocket',
    body: 'Resets one sprocket of a widget.',
    areaId: 'widget',
    kind: 'api',
  },
];

function buildDb(): ChunkDb {
  const db = createChunkDb(scoreTokens);
  for (const chunk of chunks) insert(db, { ...chunk, text: chunk.body } as never);
  return db;
}

type Hits = Array<{ id: string; score: number; document: ChunkDocument }>;

function query(db: ChunkDb, term: string, extra: Record<string, unknown> = {}): Hits {
  const boost = Object.fromEntries(Object.entries(chunkIndexConfig.fields).map(([field, s]) => [field, s.weight]));
  const result = search(db, {
    term,
    properties: ['title', 'headings', 'meta', 'body'],
    boost,
    limit: 10,
    ...extra,
  } as never) as unknown as { hits: Hits };
  return result.hits;
}

const pagesOf = (hits: Hits) => hits.map((hit) => hit.document.page);

describe('searching a small chunk database', () => {
  let db: ChunkDb;
  beforeAll(() => {
    db = buildDb();
  });

  it('an exact identifier ranks its own page first', () => {
    const hits = query(db, 'GzQueueFrobItem');
    expect(hits[0]!.document.page).toBe(0);
    expect(hits[0]!.document).toMatchObject({ id: '0:0', section: 'Remarks', anchor: 'remarks' });
    expect(hits[0]!.document.text).toContain('DISPATCH_LEVEL');
  });

  it('the identifier parts find the identifier page too', () => {
    // "queue frob item" shares the parts of GzQueueFrobItem and the words of page 1.
    expect(pagesOf(query(db, 'queue frob item')).slice(0, 2).sort()).toEqual([0, 1]);
  });

  it('matches whole tokens only: no prefix expansion', () => {
    expect(query(db, 'sprock')).toEqual([]);
    expect(query(db, 'gizm')).toEqual([]);
  });

  it('term frequency counts: three mentions beat one at equal length', () => {
    const hits = query(db, 'sprocket alpha');
    const rank = (page: number) => pagesOf(hits).indexOf(page);
    expect(rank(2)).toBeGreaterThanOrEqual(0);
    expect(rank(3)).toBeGreaterThanOrEqual(0);
    expect(rank(3)).toBeLessThan(rank(2));
    const score = (page: number) => hits.find((hit) => hit.document.page === page)!.score;
    expect(score(3)).toBeGreaterThan(score(2));
  });

  it('boost sets field weights: a title match scores less when the title weighs less', () => {
    // "reset" is in page 4's title and body, nowhere else: a body-only boost lowers its score.
    const full = query(db, 'reset sprocket');
    const bodyOnly = query(db, 'reset sprocket', { boost: { title: 0.0001, headings: 0.0001, meta: 0.0001, body: 1 } });
    expect(full[0]!.document.page).toBe(4);
    const fullScore = full.find((hit) => hit.document.page === 4)!.score;
    const bodyScore = bodyOnly.find((hit) => hit.document.page === 4)!.score;
    expect(fullScore).toBeGreaterThan(bodyScore);
  });

  it('searching only some properties leaves the others out', () => {
    // "function" appears only in the titles of the two API pages.
    expect(new Set(pagesOf(query(db, 'function')))).toEqual(new Set([0, 4]));
    expect(query(db, 'function', { properties: ['body', 'meta'] })).toEqual([]);
  });

  it('where filters by kind', () => {
    const hits = query(db, 'sprocket frob item', { where: { kind: { eq: 'api' } } });
    expect(new Set(pagesOf(hits))).toEqual(new Set([0, 4]));
  });

  it('where filters by area', () => {
    const hits = query(db, 'sprocket frob item', { where: { areaId: { eq: 'widget' } } });
    expect(new Set(pagesOf(hits))).toEqual(new Set([2, 3, 4]));
  });

  it('where filters combine', () => {
    const hits = query(db, 'sprocket frob item', { where: { areaId: { eq: 'gizmo' }, kind: { eq: 'concept' } } });
    expect(pagesOf(hits)).toEqual([1]);
  });

  it('a filter value nobody has matches nothing', () => {
    expect(query(db, 'sprocket', { where: { kind: { eq: 'nope' } } })).toEqual([]);
  });
});

describe('save → container file → load (what openIndex does)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'ddb-bm25f-'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('a loaded database answers exactly as the one that was built', () => {
    const built = buildDb();
    const queries: Array<[string, Record<string, unknown>]> = [
      ['GzQueueFrobItem', {}],
      ['queue frob item', {}],
      ['sprocket alpha', {}],
      ['reset sprocket', {}],
      ['sprocket frob item', { where: { kind: { eq: 'api' } } }],
      ['sprocket frob item', { where: { areaId: { eq: 'widget' } } }],
    ];
    const before = queries.map(([term, extra]) => query(built, term, extra));

    const file = path.join(dir, 'chunks.idx');
    writeContainer(file, { test: true }, { chunkDb: save(built) });
    const { data } = readContainer(file);
    const loaded = createChunkDb(scoreTokens);
    load(loaded, (data as { chunkDb: unknown }).chunkDb as never);

    const after = queries.map(([term, extra]) => query(loaded, term, extra));
    expect(after).toEqual(before);
    expect(after[0]![0]!.document).toMatchObject({ id: '0:0', page: 0, section: 'Remarks', anchor: 'remarks' });
    expect(after[2]!.length).toBeGreaterThan(1);
  });
});
