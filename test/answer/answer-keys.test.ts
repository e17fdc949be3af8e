// Answer keys: the README's normalisation, scoring one answer, and the summary over a file.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { normaliseForMatch, readAnswerKeys, scoreAnswer } from '../../bot/answer/answer-keys.ts';
import { EvalFileError } from '../../bot/answer/evaluation.ts';
import type { Answer, Excerpt } from '../../bot/answer/types.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'ddb-keys-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function excerpt(text: string): Excerpt {
  return {
    citation: { n: 1, pageTitle: 'P', section: '', url: 'https://learn.microsoft.com/x', path: 'x.md' },
    spans: [{ text, match: false }],
  };
}

function answer(texts: string[], extra: Partial<Answer> = {}): Answer {
  return { question: 'q', searchedQuestion: 'q', excerpts: texts.map(excerpt), related: [], credit: 'c', tookMs: 1, ...extra };
}

describe('normaliseForMatch', () => {
  it('reads markdown and typography the way the eval README says', () => {
    expect(normaliseForMatch('Call **[GzFrob](gz.md)** at `PASSIVE_LEVEL`')).toBe('call gzfrob at passive_level');
    expect(normaliseForMatch('a \\*starred\\* word')).toBe('a starred word');
    expect(normaliseForMatch('Cell one | cell two')).toBe('cell one cell two');
    expect(normaliseForMatch('It\u2019s \u201cquoted\u201d \u2014 here')).toBe('it\'s "quoted" - here');
    expect(normaliseForMatch('IRQL &lt;= DISPATCH_LEVEL &amp; more')).toBe('irql <= dispatch_level & more');
    expect(normaliseForMatch('  many\n\n  spaces ')).toBe('many spaces');
  });
});

describe('scoreAnswer', () => {
  const key = { id: 'k', phrases: ['gizmos must be frobbed twice'], silent: false };

  it('counts a phrase in any excerpt, and at [1] only when the first excerpt holds it', () => {
    const second = scoreAnswer(answer(['Nothing here.', 'All **gizmos** must be frobbed twice.']), key);
    expect(second).toMatchObject({ answered: true, answeredAt1: false, refused: false });
    expect(second.quotedChars).toBe('Nothing here.'.length + 'All **gizmos** must be frobbed twice.'.length);
    expect(scoreAnswer(answer(['Gizmos must be frobbed twice, always.']), key)).toMatchObject({ answered: true, answeredAt1: true });
  });

  it('never matches a phrase across two excerpts', () => {
    expect(scoreAnswer(answer(['gizmos must be', 'frobbed twice']), key).answered).toBe(false);
  });

  it('counts the API card, fact by fact as "name value"', () => {
    const card = {
      name: 'GzFrob',
      facts: { names: ['GzFrob'], kind: 'function' as const, irql: 'PASSIVE_LEVEL' },
      description: 'Frobs a gizmo.',
      url: 'https://learn.microsoft.com/gz',
      path: 'gz.md',
      pageTitle: 'GzFrob',
    };
    const withCard = scoreAnswer(answer([], { api: card }), { id: 'k', phrases: ['irql PASSIVE_LEVEL'], silent: false });
    expect(withCard).toMatchObject({ answered: true, answeredAt1: true, refused: true, quotedChars: 0 });
  });
});

describe('readAnswerKeys', () => {
  it('reads ids, phrases and silence, and names a bad line', () => {
    const file = path.join(dir, 'keys.jsonl');
    writeFileSync(
      file,
      `${JSON.stringify({ id: 'a', phrases: ['x y'], where: 'p.md#', silent: false })}\n\n${JSON.stringify({ id: 'b', phrases: [], silent: true })}\n`,
    );
    expect([...readAnswerKeys(file).values()]).toEqual([
      { id: 'a', phrases: ['x y'], silent: false },
      { id: 'b', phrases: [], silent: true },
    ]);
    writeFileSync(file, '{"id": "a", "phrases": ["x"]}\n{broken\n');
    expect(() => readAnswerKeys(file)).toThrow(EvalFileError);
    expect(() => readAnswerKeys(file)).toThrow(/keys\.jsonl:2/);
  });
});
