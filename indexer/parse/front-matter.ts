// Splits a page into its YAML front matter and markdown body, and reads typed values from it.

import matter from 'gray-matter';
import { ParseError } from './errors.ts';

export type FrontMatterData = Readonly<Record<string, unknown>>;

export interface FrontMatter {
  data: FrontMatterData;
  body: string;
}

// Passing options turns off gray-matter's module-level cache, which would otherwise keep
// every page's text alive for the life of the process. `json: true` makes js-yaml accept
// duplicated keys (last one wins), a harmless slip some pages make.
const MATTER_OPTIONS = { json: true } as const;

export function splitFrontMatter(raw: string): FrontMatter {
  let parsed: { data: unknown; content: string };
  try {
    parsed = matter(raw, MATTER_OPTIONS as object);
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new ParseError(`invalid front matter YAML: ${detail}`);
  }
  const data = parsed.data;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new ParseError('invalid front matter: not a key/value mapping');
  }
  return { data: data as FrontMatterData, body: parsed.content };
}

/** A scalar value as trimmed text; dates as YYYY-MM-DD; empty values as undefined. */
export function frontMatterString(data: FrontMatterData, key: string): string | undefined {
  return scalarText(data[key]);
}

/** A list (or a single scalar) as trimmed, non-empty strings. */
export function frontMatterList(data: FrontMatterData, key: string): string[] {
  const value = data[key];
  const items = Array.isArray(value) ? value : [value];
  const texts: string[] = [];
  for (const item of items) {
    const text = scalarText(item);
    if (text !== undefined) texts.push(text);
  }
  return texts;
}

function scalarText(value: unknown): string | undefined {
  let text: string;
  if (typeof value === 'string') text = value;
  else if (typeof value === 'number' || typeof value === 'boolean') text = String(value);
  else if (value instanceof Date) text = Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  else return undefined;
  text = text.trim();
  return text === '' ? undefined : text;
}
