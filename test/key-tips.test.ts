// Checks the curated KEY TIPS list (corpus/key-tips.ts) against the real corpus and the seed
// page: every page path must exist, ids must be unique, lead-ins short and in our own words.
//
// CORPUS_DIR: folder holding windows-driver-docs/ and windows-driver-docs-ddi/
//   (default: ../shared/corpus next to the project root).
// KEY_TIPS_SEED_FILE: text of the "Key Driver Concepts and Tips" page
//   (default: ../shared/seed/key-driver-concepts-and-tips.txt next to the project root).
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { keyTipPagePaths, keyTips } from '../corpus/key-tips.ts';
import { keyTipPageProblems } from './support/key-tip-pages.ts';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Empty strings count as unset, as elsewhere in the project. */
function envPath(name: string, fallback: string): string {
  const value = process.env[name];
  return value ? path.resolve(value) : path.resolve(projectRoot, fallback);
}

const corpusDir = envPath('CORPUS_DIR', '../shared/corpus');
const seedFile = envPath('KEY_TIPS_SEED_FILE', '../shared/seed/key-driver-concepts-and-tips.txt');

const CONCEPTUAL_PREFIX = 'windows-driver-docs-pr/';
const API_PREFIX = 'wdk-ddi-src/content/';
const MAX_LEAD_IN_CHARS = 220;
const SHARED_RUN_WORDS = 8;
/** Focus wording is a list of search words: not even a short phrase of the page's text. */
const FOCUS_RUN_WORDS = 6;

/** Maps a repository-relative page path to its file in the corpus, or undefined if malformed. */
function corpusFile(pagePath: string): string | undefined {
  if (pagePath.startsWith(CONCEPTUAL_PREFIX)) return path.join(corpusDir, 'windows-driver-docs', pagePath);
  if (pagePath.startsWith(API_PREFIX)) return path.join(corpusDir, 'windows-driver-docs-ddi', pagePath);
  return undefined;
}

/** Lower-cased words with punctuation removed, so quoting style cannot hide a copied run. */
function words(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .split(/[^a-z0-9_']+/)
    .map((word) => word.replace(/^'+|'+$/g, ''))
    .filter((word) => word.length > 0);
}

function runs(text: string, size: number): Set<string> {
  const list = words(text);
  const result = new Set<string>();
  for (let i = 0; i + size <= list.length; i++) result.add(list.slice(i, i + size).join(' '));
  return result;
}

describe('key tips', () => {
  it('finds the corpus and the seed page', () => {
    expect(existsSync(path.join(corpusDir, 'windows-driver-docs')), `corpus not found at ${corpusDir}; set CORPUS_DIR`).toBe(true);
    expect(existsSync(path.join(corpusDir, 'windows-driver-docs-ddi')), `corpus not found at ${corpusDir}; set CORPUS_DIR`).toBe(true);
    expect(existsSync(seedFile), `seed page not found at ${seedFile}; set KEY_TIPS_SEED_FILE`).toBe(true);
  });

  it('has unique kebab-case ids', () => {
    const ids = keyTips.map((tip) => tip.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
  });

  it('lists the seed topics in the seed page order', () => {
    const seed = readFileSync(seedFile, 'utf8');
    let previous = -1;
    for (const tip of keyTips) {
      const at = seed.indexOf(tip.topic);
      expect(at, `topic not on the seed page: ${tip.topic}`).toBeGreaterThanOrEqual(0);
      expect(at, `topic out of order: ${tip.topic}`).toBeGreaterThan(previous);
      previous = at;
    }
  });

  it('has a question for every tip, and a lead-in that is one short sentence', () => {
    for (const tip of keyTips) {
      expect(tip.topic.trim(), tip.id).not.toBe('');
      expect(tip.question.trim(), tip.id).not.toBe('');
      if (tip.leadIn === undefined) continue;
      expect(tip.leadIn.length, tip.id).toBeLessThanOrEqual(MAX_LEAD_IN_CHARS);
      // One sentence: it ends with a full stop and has no other sentence end inside.
      expect(tip.leadIn, tip.id).toMatch(/^[A-Z][^]*\.$/);
      expect(tip.leadIn.slice(0, -1), tip.id).not.toMatch(/[.!?]\s+[A-Z]/);
    }
  });

  it('names one to three passages to quote per tip, each with a section, and at most six pages', () => {
    for (const tip of keyTips) {
      expect(tip.quotes.length, tip.id).toBeGreaterThanOrEqual(1);
      expect(tip.quotes.length, tip.id).toBeLessThanOrEqual(3);
      for (const quote of tip.quotes) expect(typeof quote.section, tip.id).toBe('string');
      expect(keyTipPagePaths(tip).length, tip.id).toBeLessThanOrEqual(6);
    }
  });

  it('points every tip at existing corpus pages', () => {
    expect(keyTipPageProblems(corpusDir, keyTips)).toEqual([]);
  });

  it('reports a tip page that was moved or renamed in the corpus', () => {
    // A copy of the corpus holding every tip page, one of them renamed as upstream would.
    const copy = mkdtempSync(path.join(tmpdir(), 'key-tips-corpus-'));
    try {
      const renamed = keyTips[3]!.quotes[0]!.path;
      for (const pagePath of new Set(keyTips.flatMap((tip) => keyTipPagePaths(tip)))) {
        const from = corpusFile(pagePath)!;
        const to = path.join(copy, path.relative(corpusDir, from));
        mkdirSync(path.dirname(to), { recursive: true });
        copyFileSync(from, pagePath === renamed ? to.replace(/\.md$/, '-renamed.md') : to);
      }
      expect(keyTipPageProblems(copy, keyTips)).toEqual([`${keyTips[3]!.id}: missing ${renamed}`]);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });

  it(`keeps the docs' sentences out of the repository: no focus shares a run of ${FOCUS_RUN_WORDS} words with its page, no lead-in or question one of ${SHARED_RUN_WORDS} with the tip's pages`, () => {
    const copied: string[] = [];
    const pageRuns = (pagePath: string, size: number) => runs(readFileSync(corpusFile(pagePath)!, 'utf8').replace(/<[^>]+>/g, ' '), size);
    for (const tip of keyTips) {
      for (const quote of tip.quotes) {
        const onPage = pageRuns(quote.path, FOCUS_RUN_WORDS);
        for (const run of runs(quote.focus ?? '', FOCUS_RUN_WORDS)) if (onPage.has(run)) copied.push(`${tip.id} focus: "${run}"`);
      }
      const ours = runs(`${tip.leadIn ?? ''}\n${tip.question}`, SHARED_RUN_WORDS);
      for (const pagePath of keyTipPagePaths(tip)) {
        const onPage = pageRuns(pagePath, SHARED_RUN_WORDS);
        for (const run of ours) if (onPage.has(run)) copied.push(`${tip.id} lead-in/question: "${run}"`);
      }
    }
    expect(copied).toEqual([]);
  });

  it(`shares no run of ${SHARED_RUN_WORDS} or more words between a lead-in or question and the seed page`, () => {
    const seedRuns = runs(readFileSync(seedFile, 'utf8'), SHARED_RUN_WORDS);
    const copied: string[] = [];
    for (const tip of keyTips) {
      for (const run of runs(`${tip.leadIn ?? ''}\n${tip.question}`, SHARED_RUN_WORDS)) {
        if (seedRuns.has(run)) copied.push(`${tip.id}: "${run}"`);
      }
    }
    expect(copied).toEqual([]);
  });
});
