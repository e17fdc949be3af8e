import { describe, expect, it } from 'vitest';
import { apiFacts, apiKindFromPath } from '../../indexer/parse/api-facts.ts';
import { assertUsableText } from '../../indexer/parse/content-check.ts';
import { ParseError } from '../../indexer/parse/errors.ts';
import { frontMatterList, frontMatterString, splitFrontMatter } from '../../indexer/parse/front-matter.ts';

describe('splitFrontMatter', () => {
  it('separates YAML data from the markdown body', () => {
    const { data, body } = splitFrontMatter('---\ntitle: Gizmo setup\nkeywords: ["a", "b"]\n---\n\n# Gizmo\n');
    expect(data['title']).toBe('Gizmo setup');
    expect(body.trim()).toBe('# Gizmo');
  });

  it('throws a ParseError naming the YAML problem', () => {
    expect(() => splitFrontMatter('---\ntitle: "open\nx: [1,\n---\nbody')).toThrow(ParseError);
    expect(() => splitFrontMatter('---\ntitle: "open\nx: [1,\n---\nbody')).toThrow(/invalid front matter YAML/);
  });

  it('accepts a duplicated key (last one wins) rather than losing the page', () => {
    expect(splitFrontMatter('---\ntitle: One\ntitle: Two\n---\ntext').data['title']).toBe('Two');
  });

  it('reads a page without front matter as all body', () => {
    const { data, body } = splitFrontMatter('# Just a heading\n');
    expect(data).toEqual({});
    expect(body).toBe('# Just a heading\n');
  });
});

describe('front matter values', () => {
  const data = splitFrontMatter('---\nempty: \nblank: "  "\ndate: 2024-05-01\nnum: 7\nlist:\n - x\n - ""\n - y\none: solo\n---\n').data;

  it('omits empty values and formats dates and numbers', () => {
    expect(frontMatterString(data, 'empty')).toBeUndefined();
    expect(frontMatterString(data, 'blank')).toBeUndefined();
    expect(frontMatterString(data, 'missing')).toBeUndefined();
    expect(frontMatterString(data, 'date')).toBe('2024-05-01');
    expect(frontMatterString(data, 'num')).toBe('7');
  });

  it('reads lists, skipping empty items, and a scalar as a one-item list', () => {
    expect(frontMatterList(data, 'list')).toEqual(['x', 'y']);
    expect(frontMatterList(data, 'one')).toEqual(['solo']);
    expect(frontMatterList(data, 'missing')).toEqual([]);
  });
});

describe('api facts', () => {
  it('derives the kind from the file-name prefix', () => {
    const kinds = [
      'nf-a-b.md',
      'nc-a-b.md',
      'ns-a-b.md',
      'ne-a-b.md',
      'ni-a-b.md',
      'nn-a-b.md',
      'nl-a-b.md',
      'na-a-b.md',
      'index.md',
      'zz-a.md',
    ].map((name) => apiKindFromPath(`wdk-ddi-src/content/hdr/${name}`));
    expect(kinds).toEqual(['function', 'callback', 'structure', 'enumeration', 'ioctl', 'interface', 'class', 'other', 'header', 'other']);
    expect(apiKindFromPath('wdk-ddi-src/content/_widgets/index.md')).toBe('other');
  });

  it('takes names from api_name and omits empty requirement values', () => {
    const { data } = splitFrontMatter(
      '---\nreq.header: gizmo.h\nreq.irql: PASSIVE_LEVEL\nreq.lib: \nreq.kmdf-ver: 1.15\napi_name:\n - GzOpen\n - GzOpen\n---\n',
    );
    expect(apiFacts('wdk-ddi-src/content/gizmo/nf-gizmo-gzopen.md', data, 'GzOpen function (gizmo.h)')).toEqual({
      names: ['GzOpen'],
      kind: 'function',
      header: 'gizmo.h',
      irql: 'PASSIVE_LEVEL',
      kmdfVersion: '1.15',
    });
  });

  it('falls back to the first word of the title for the name', () => {
    expect(apiFacts('wdk-ddi-src/content/gizmo/ns-gizmo-_gz_info.md', {}, '_GZ_INFO (gizmo.h)').names).toEqual(['_GZ_INFO']);
  });
});

describe('assertUsableText', () => {
  it('rejects empty and whitespace-only files', () => {
    expect(() => assertUsableText('')).toThrow(/empty/);
    expect(() => assertUsableText(' \n\t\n')).toThrow(/empty/);
  });

  it('rejects binary content', () => {
    expect(() => assertUsableText('abc\u0000def')).toThrow(/binary/);
    expect(() => assertUsableText('\u0001\u0002\u0003\u0004\ufffd\ufffd text')).toThrow(/binary/);
  });

  it('accepts ordinary text, including a few odd characters', () => {
    expect(() => assertUsableText('# Title\n\nSome text with a tab\tand a form feed\f.\n'.repeat(20) + '\ufffd')).not.toThrow();
  });
});
