// Retrieval evaluation over questions in the ../shared/eval JSONL format: the rank of the
// first relevant page per question, hit@k and MRR@10 (metrics as that README defines them).
import { readFileSync } from 'node:fs';
import type { AnswerEngineContract } from './engine-contract.ts';

export interface EvalQuestion {
  id: string;
  question: string;
  relevant: string[];
}

export interface EvalRow {
  id: string;
  question: string;
  /** 1-based rank of the first relevant page within k, or undefined for a miss. */
  rank: number | undefined;
  top: string[];
  ms: number;
}

export interface EvalSummary {
  n: number;
  'hit@1': number;
  'hit@5': number;
  'hit@10': number;
  'mrr@10': number;
  p50ms: number;
  p95ms: number;
}

export class EvalFileError extends Error {
  override name = 'EvalFileError';
}

export function readEvalQuestions(file: string): EvalQuestion[] {
  const questions: EvalQuestion[] = [];
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (!line.trim()) return;
      let value: Partial<EvalQuestion>;
      try {
        value = JSON.parse(line) as Partial<EvalQuestion>;
      } catch {
        throw new EvalFileError(`${file}:${i + 1}: not valid JSON`);
      }
      if (typeof value.question !== 'string' || !Array.isArray(value.relevant)) {
        throw new EvalFileError(`${file}:${i + 1}: needs "question" (string) and "relevant" (array of paths)`);
      }
      questions.push({ id: String(value.id ?? `line-${i + 1}`), question: value.question, relevant: value.relevant.map(String) });
    });
  return questions;
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

const round = (value: number, digits = 3) => Number(value.toFixed(digits));

export function evaluate(engine: AnswerEngineContract, questions: EvalQuestion[], k = 10): { rows: EvalRow[]; summary: EvalSummary } {
  const depth = Math.max(k, 10);
  const rows = questions.map((q) => {
    const started = performance.now();
    const hits = engine.search(q.question, { limit: depth });
    const ms = performance.now() - started;
    const top = hits.map((hit) => hit.path);
    const relevant = new Set(q.relevant);
    const index = top.findIndex((path) => relevant.has(path));
    return { id: q.id, question: q.question, rank: index >= 0 && index < k ? index + 1 : undefined, top, ms };
  });
  const n = rows.length;
  const share = (limit: number) => (n ? rows.filter((row) => row.rank !== undefined && row.rank <= limit).length / n : 0);
  const mrr = n ? rows.reduce((sum, row) => sum + (row.rank !== undefined && row.rank <= 10 ? 1 / row.rank : 0), 0) / n : 0;
  const times = rows.map((row) => row.ms);
  return {
    rows,
    summary: {
      n,
      'hit@1': round(share(1)),
      'hit@5': round(share(5)),
      'hit@10': round(share(10)),
      'mrr@10': round(mrr),
      p50ms: round(percentile(times, 50), 1),
      p95ms: round(percentile(times, 95), 1),
    },
  };
}
