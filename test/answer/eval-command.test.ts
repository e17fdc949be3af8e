// The retrieval evaluation: evaluate() over the real slice engine with questions of our
// own, the JSONL reader, and the `eval` command run as a real child process (its error
// paths, and one full run over a tiny invented corpus it indexes itself).
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnswerEngineContract } from '../../bot/answer/engine-contract.ts';
import { EvalFileError, evaluate, percentile, readEvalQuestions, type EvalQuestion } from '../../bot/answer/evaluation.ts';
import { createTestEngine } from '../support/test-engine.ts';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const run = promisify(execFile);

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'ddb-eval-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function writeJsonl(name: string, lines: unknown[]): string {
  const file = path.join(dir, name);
  writeFileSync(file, lines.map((line) => (typeof line === 'string' ? line : JSON.stringify(line))).join('\n') + '\n');
  return file;
}

const questions: EvalQuestion[] = [
  {
    id: 'workitem-irql',
    question: 'At what IRQL can IoQueueWorkItem be called?',
    relevant: ['wdk-ddi-src/content/wdm/nf-wdm-ioqueueworkitem.md'],
  },
  {
    id: 'kernel-stack',
    question: 'My driver overflows the kernel stack in a deep call chain; how can it use less stack space?',
    relevant: ['windows-driver-docs-pr/kernel/using-the-kernel-stack.md'],
  },
  // Not answerable from the slice: the page it names is outside it.
  {
    id: 'not-in-slice',
    question: 'Which INF directive copies files to the driver store?',
    relevant: ['windows-driver-docs-pr/install/no-such-page-in-the-slice.md'],
  },
];

describe('evaluate() on the slice engine', () => {
  let engine: AnswerEngineContract;
  beforeAll(async () => {
    engine = await createTestEngine();
  });

  it('ranks each question and summarises with the documented keys', () => {
    const file = writeJsonl('three.jsonl', questions);
    const { rows, summary } = evaluate(engine, readEvalQuestions(file), 5);
    expect(Object.keys(summary)).toEqual(['n', 'hit@1', 'hit@5', 'hit@10', 'mrr@10', 'p50ms', 'p95ms']);
    expect(rows.map((row) => row.id)).toEqual(['workitem-irql', 'kernel-stack', 'not-in-slice']);
    expect(rows[0]!.rank).toBe(1);
    expect(rows[1]!.rank).toBeGreaterThanOrEqual(1);
    expect(rows[1]!.rank).toBeLessThanOrEqual(3);
    expect(rows[2]!.rank).toBeUndefined();
    for (const row of rows) {
      expect(row.top.length).toBeGreaterThan(0);
      expect(row.top.length).toBeLessThanOrEqual(10);
      expect(row.ms).toBeGreaterThan(0);
    }
    expect(rows[0]!.top[0]).toBe('wdk-ddi-src/content/wdm/nf-wdm-ioqueueworkitem.md');

    const r2 = rows[1]!.rank!;
    expect(summary.n).toBe(3);
    expect(summary['hit@1']).toBeCloseTo(r2 === 1 ? 2 / 3 : 1 / 3, 3);
    expect(summary['hit@5']).toBeCloseTo(2 / 3, 3);
    expect(summary['hit@10']).toBeCloseTo(2 / 3, 3);
    expect(summary['mrr@10']).toBeCloseTo((1 + 1 / r2) / 3, 3);
    expect(summary.p50ms).toBeGreaterThan(0);
    expect(summary.p95ms).toBeGreaterThanOrEqual(summary.p50ms);
  });

  it('k bounds what counts as found', () => {
    const { rows, summary } = evaluate(engine, questions.slice(0, 2), 1);
    expect(rows[0]!.rank).toBe(1);
    const second = rows[1]!;
    // Found at rank 2 or 3 with k = 10, so not found with k = 1 (unless it is first).
    if (second.top[0] !== questions[1]!.relevant[0]) expect(second.rank).toBeUndefined();
    expect(summary['hit@1']).toBe(second.rank === 1 ? 1 : 0.5);
  });

  it('an empty question list gives zeros, not NaN', () => {
    expect(evaluate(engine, [], 10).summary).toEqual({ n: 0, 'hit@1': 0, 'hit@5': 0, 'hit@10': 0, 'mrr@10': 0, p50ms: 0, p95ms: 0 });
  });
});

describe('readEvalQuestions', () => {
  it('reads the shared eval format, skipping blank lines and extra fields', () => {
    const file = writeJsonl('format.jsonl', [
      { id: 'a', question: 'q one', relevant: ['x.md'], source: 'https://example.invalid/1' },
      '',
      { question: 'q two', relevant: ['y.md', 'z.md'] },
    ]);
    expect(readEvalQuestions(file)).toEqual([
      { id: 'a', question: 'q one', relevant: ['x.md'] },
      { id: 'line-3', question: 'q two', relevant: ['y.md', 'z.md'] },
    ]);
  });

  it('names the file and line of a malformed line', () => {
    const file = writeJsonl('bad.jsonl', [{ id: 'ok', question: 'q', relevant: [] }, '{"id": "broken", ']);
    expect(() => readEvalQuestions(file)).toThrow(EvalFileError);
    expect(() => readEvalQuestions(file)).toThrow(/bad\.jsonl:2: not valid JSON/);
  });

  it('names a line without question or relevant', () => {
    const file = writeJsonl('fields.jsonl', [{ id: 'x', question: 'q' }]);
    expect(() => readEvalQuestions(file)).toThrow(/fields\.jsonl:1: needs "question"/);
  });
});

describe('percentile', () => {
  it('is the nearest-rank percentile', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 95)).toBe(95);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([], 50)).toBe(0);
  });
});

/** A corpus folder laid out like the real one, with a kernel folder and no pages. */
function makeCorpusFolder(): string {
  const corpus = mkdtempSync(path.join(dir, 'corpus-'));
  mkdirSync(path.join(corpus, 'windows-driver-docs', 'windows-driver-docs-pr', 'kernel'), { recursive: true });
  mkdirSync(path.join(corpus, 'windows-driver-docs-ddi', 'wdk-ddi-src', 'content'), { recursive: true });
  return corpus;
}

describe.concurrent('the eval command (child process)', () => {
  // An empty corpus (both content roots present, so nothing is ever fetched) and an empty
  // data folder: if the command got as far as loading an index, it would build one here,
  // never touch the real data folder.
  let env: NodeJS.ProcessEnv;
  let emptyData: string;
  beforeAll(() => {
    emptyData = mkdtempSync(path.join(dir, 'data-'));
    env = { ...process.env, DATA_DIR: emptyData, CORPUS_DIR: makeCorpusFolder(), LOG_LEVEL: 'silent' };
  });

  async function evalCommand(args: string[], environment = env): Promise<{ code: number; stdout: string; stderr: string }> {
    try {
      const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'bot/cli/eval.ts', ...args], {
        cwd: projectRoot,
        env: environment,
        timeout: 60_000,
      });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code?: number; stdout?: string; stderr?: string };
      return { code: typeof failed.code === 'number' ? failed.code : -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
    }
  }

  it('without --questions: exits non-zero and says which option is missing', async () => {
    const result = await evalCommand(['--k', '5']);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/--questions/);
    expect(readdirSync(emptyData)).toEqual([]);
  });

  it('with a malformed JSONL file: exits non-zero naming the file and line, before loading any index', async () => {
    const file = writeJsonl('cli-bad.jsonl', [{ id: 'ok', question: 'q', relevant: ['x.md'] }, 'not json at all']);
    const result = await evalCommand(['--questions', file, '--k', '5']);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/cli-bad\.jsonl:2: not valid JSON/);
    expect(result.stderr).not.toMatch(/\n\s+at /); // a message, not a stack trace
    expect(readdirSync(emptyData)).toEqual([]);
  });

  it('with a missing questions file: exits non-zero naming it', async () => {
    const result = await evalCommand(['--questions', path.join(dir, 'absent.jsonl')]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/absent\.jsonl/);
  });

  it('with a bad --k: exits non-zero explaining the value', async () => {
    const file = writeJsonl('cli-ok.jsonl', [{ id: 'ok', question: 'q', relevant: ['x.md'] }]);
    const result = await evalCommand(['--questions', file, '--k', '0']);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/--k/);
  });

  it('a full run over a tiny invented corpus prints the table, the misses and the JSON summary last', async () => {
    const corpus = makeCorpusFolder();
    const data = mkdtempSync(path.join(dir, 'tiny-data-'));
    const kernel = path.join(corpus, 'windows-driver-docs', 'windows-driver-docs-pr', 'kernel');
    const page = (title: string, body: string) => `---\ntitle: ${title}\ndescription: ${title}.\n---\n\n# ${title}\n\n${body}\n`;
    writeFileSync(
      path.join(kernel, 'frobnicating-gizmos.md'),
      page('Frobnicating gizmos', 'A driver frobnicates a gizmo with GzFrobnicate at PASSIVE_LEVEL.'),
    );
    writeFileSync(
      path.join(kernel, 'polishing-sprockets.md'),
      page('Polishing sprockets', 'Sprockets are polished by the sprocket polisher routine.'),
    );
    writeFileSync(path.join(kernel, 'wobbling-widgets.md'), page('Wobbling widgets', 'Widgets wobble when their spindle is loose.'));
    const file = writeJsonl('cli-tiny.jsonl', [
      { id: 'gizmo', question: 'How do I frobnicate a gizmo?', relevant: ['windows-driver-docs-pr/kernel/frobnicating-gizmos.md'] },
      { id: 'sprocket', question: 'How are sprockets polished?', relevant: ['windows-driver-docs-pr/kernel/polishing-sprockets.md'] },
      { id: 'absent', question: 'Why do widgets wobble?', relevant: ['windows-driver-docs-pr/kernel/no-such-page.md'] },
    ]);
    const result = await evalCommand(['--questions', file, '--k', '5'], { ...env, DATA_DIR: data, CORPUS_DIR: corpus });
    // The first run builds the index and says so on stderr; stdout stays the report.
    expect(result.stderr).toMatch(/Building the search index/);
    expect(result.stderr).toMatch(/3\/3 files/);
    expect(result.code).toBe(0);
    expect(existsSync(path.join(data, 'index', 'driver-docs.idx'))).toBe(true);
    const lines = result.stdout.trimEnd().split('\n');
    const summary = JSON.parse(lines.at(-1)!) as Record<string, number>;
    expect(Object.keys(summary)).toEqual(['n', 'hit@1', 'hit@5', 'hit@10', 'mrr@10', 'p50ms', 'p95ms']);
    expect(summary).toMatchObject({ n: 3, 'hit@1': 0.667, 'hit@5': 0.667, 'hit@10': 0.667, 'mrr@10': 0.667 });
    expect(result.stdout).toMatch(/^gizmo\s+1\s/m);
    expect(result.stdout).toMatch(/^sprocket\s+1\s/m);
    expect(result.stdout).toMatch(/^absent\s+-\s/m);
    expect(result.stdout).toMatch(/Misses \(1\)/);
    expect(result.stdout).toContain('windows-driver-docs-pr/kernel/wobbling-widgets.md');

    // With answer keys: the same run also says whether the quoted text holds each answer.
    const keys = writeJsonl('cli-tiny-keys.jsonl', [
      { id: 'gizmo', phrases: ['frobnicates a gizmo with GzFrobnicate'], silent: false },
      { id: 'sprocket', phrases: ['sprockets are never polished'], silent: false },
      { id: 'absent', phrases: [], silent: true },
    ]);
    const withKeys = await evalCommand(['--questions', file, '--k', '5', '--answers', keys], {
      ...env,
      DATA_DIR: data,
      CORPUS_DIR: corpus,
    });
    expect(withKeys.code).toBe(0);
    const full = JSON.parse(withKeys.stdout.trimEnd().split('\n').at(-1)!) as Record<string, number>;
    expect(Object.keys(full)).toEqual([
      'n',
      'hit@1',
      'hit@5',
      'hit@10',
      'mrr@10',
      'p50ms',
      'p95ms',
      'answered',
      'answered@1',
      'refused',
      'medianChars',
    ]);
    // Two keyed, answerable questions (the silent one is left out): one answered at [1].
    expect(full).toMatchObject({ answered: 0.5, 'answered@1': 0.5, refused: 0 });
    expect(full.medianChars).toBeGreaterThan(0);
    expect(withKeys.stdout).toMatch(/Not answered \(1 of 2\)/);
    expect(withKeys.stdout).toMatch(/^- sprocket$/m);
  });
});
