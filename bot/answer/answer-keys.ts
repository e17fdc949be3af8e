// Answer-key evaluation (../shared/eval/README.md): does the text an answer quotes hold one
// of the short verbatim phrases that state the answer? Retrieval can be right while the
// message quotes the wrong passage; this measures the message.
import { readFileSync } from 'node:fs';
import { apiFactEntries } from './api-facts.ts';
import type { AnswerEngineContract } from './engine-contract.ts';
import { EvalFileError, type EvalQuestion, percentile } from './evaluation.ts';
import type { Answer } from './types.ts';

export interface AnswerKey {
  id: string;
  phrases: string[];
  /** The docs do not answer the question: left out of the answer metrics. */
  silent: boolean;
}

export interface AnswerRow {
  id: string;
  /** Some excerpt or the API card holds a key phrase. */
  answered: boolean;
  /** Excerpt [1] or the API card holds a key phrase. */
  answeredAt1: boolean;
  refused: boolean;
  quotedChars: number;
}

export interface AnswerSummary {
  answered: number;
  'answered@1': number;
  refused: number;
  medianChars: number;
}

export function readAnswerKeys(file: string): Map<string, AnswerKey> {
  const keys = new Map<string, AnswerKey>();
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (!line.trim()) return;
      let value: Partial<AnswerKey>;
      try {
        value = JSON.parse(line) as Partial<AnswerKey>;
      } catch {
        throw new EvalFileError(`${file}:${i + 1}: not valid JSON`);
      }
      if (typeof value.id !== 'string' || !Array.isArray(value.phrases)) {
        throw new EvalFileError(`${file}:${i + 1}: needs "id" (string) and "phrases" (array of strings)`);
      }
      keys.set(value.id, { id: value.id, phrases: value.phrases.map(String), silent: value.silent === true });
    });
  return keys;
}

const entities: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&amp;': '&', '&quot;': '"', '&#39;': "'" };

/** The README's normalisation, applied to phrases and quoted text alike. */
export function normaliseForMatch(text: string): string {
  return (
    text
      .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
      // Escapes first, so that an escaped "\*" goes with the other asterisks.
      .replace(/\\([\\`*_{}[\]()#+\-.!|<>])/g, '$1')
      .replace(/[*`]/g, '')
      .replace(/\|/g, ' ')
      .replace(/[\u2018\u2019]/g, "'")
      .replace(/[\u201c\u201d]/g, '"')
      .replace(/[\u2013\u2014\u2212]/g, '-')
      .replace(/&(?:lt|gt|amp|quot|#39);/g, (entity) => entities[entity] ?? entity)
      .replace(/\s+/g, ' ')
      .trim()
      .toLowerCase()
  );
}

function excerptText(answer: Answer, index: number): string {
  return (answer.excerpts[index]?.spans ?? []).map((span) => span.text).join('');
}

/** The API card as quoted text: its description and each fact as "name value". */
function cardText(answer: Answer): string {
  const card = answer.api;
  if (!card) return '';
  const named: Array<[string, string]> = [['name', card.name], ...apiFactEntries(card.facts)];
  return [card.description, ...named.map(([name, value]) => `${name} ${value}`)].join('\n');
}

function holdsPhrase(text: string, phrases: readonly string[]): boolean {
  const haystack = normaliseForMatch(text);
  return phrases.some((phrase) => {
    const needle = normaliseForMatch(phrase);
    return needle.length > 0 && haystack.includes(needle);
  });
}

/** Whether an answer quotes one of the key's phrases, in all its excerpts and in [1] alone. */
export function scoreAnswer(answer: Answer, key: AnswerKey): AnswerRow {
  const card = cardText(answer);
  const excerpts = answer.excerpts.map((_, i) => excerptText(answer, i));
  // Each excerpt and the card are matched on their own: a phrase never spans two quotes.
  const answered = [...excerpts, card].some((text) => holdsPhrase(text, key.phrases));
  const answeredAt1 = [excerpts[0] ?? '', card].some((text) => holdsPhrase(text, key.phrases));
  return {
    id: key.id,
    answered,
    answeredAt1,
    refused: answer.excerpts.length === 0,
    quotedChars: excerpts.reduce((sum, text) => sum + text.length, 0),
  };
}

const round = (value: number, digits = 3) => Number(value.toFixed(digits));

/**
 * Asks every non-silent question that has a key and summarises. medianChars is over the
 * answers that quote something: a refusal quotes nothing and would only pull it down.
 */
export function evaluateAnswers(
  engine: AnswerEngineContract,
  questions: readonly EvalQuestion[],
  keys: ReadonlyMap<string, AnswerKey>,
): { rows: AnswerRow[]; summary: AnswerSummary } {
  const rows: AnswerRow[] = [];
  for (const question of questions) {
    const key = keys.get(question.id);
    if (!key || key.silent) continue;
    rows.push(scoreAnswer(engine.ask(question.question), key));
  }
  const n = rows.length;
  const share = (pick: (row: AnswerRow) => boolean) => (n ? round(rows.filter(pick).length / n) : 0);
  const quoting = rows.filter((row) => !row.refused).map((row) => row.quotedChars);
  return {
    rows,
    summary: {
      answered: share((row) => row.answered),
      'answered@1': share((row) => row.answeredAt1),
      refused: share((row) => row.refused),
      medianChars: Math.round(percentile(quoting, 50)),
    },
  };
}
