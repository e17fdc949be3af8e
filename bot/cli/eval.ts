// npm run eval -- --questions FILE [--k 10] [--answers FILE]: retrieval quality on labelled
// questions and, with answer keys, whether the quoted text holds the answer. Prints a table,
// the misses, and as its last line one JSON object with the metrics.
import { Command, InvalidArgumentError } from 'commander';
import { ensureCorpusFor } from '../../indexer/cli/corpus-step.ts';
import { reportIndexBuild } from '../../indexer/cli/progress.ts';
import { loadDotEnv } from '../../indexer/env.ts';
import { readIndexSettings } from '../../indexer/settings.ts';
import { loadAnswerEngine } from '../answer/engine.ts';
import { evaluateAnswers, readAnswerKeys } from '../answer/answer-keys.ts';
import { evaluate, readEvalQuestions } from '../answer/evaluation.ts';

function positiveInteger(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) throw new InvalidArgumentError('must be a whole number ≥ 1');
  return parsed;
}

const program = new Command()
  .name('eval')
  .description('Measure retrieval on questions with known answering pages (JSONL).')
  .requiredOption('--questions <file>', 'JSONL file: {"id","question","relevant":[paths]} per line')
  .option('--k <n>', 'ranks counted as found', positiveInteger, 10)
  .option('--answers <file>', 'JSONL answer keys: {"id","phrases":[...],"silent"} per line')
  .parse();

async function main(): Promise<void> {
  loadDotEnv();
  const options = program.opts<{ questions: string; k: number; answers?: string }>();
  const questions = readEvalQuestions(options.questions);
  const keys = options.answers ? readAnswerKeys(options.answers) : undefined;
  const settings = readIndexSettings();
  await ensureCorpusFor(settings);
  const engine = await loadAnswerEngine(settings, reportIndexBuild());
  // One warm-up query so the first timed question does not pay for lazy initialisation.
  engine.search('warm up the index');
  const { rows, summary } = evaluate(engine, questions, options.k);
  const idWidth = Math.min(48, Math.max(2, ...rows.map((row) => row.id.length)));
  console.log(`${'id'.padEnd(idWidth)}  rank  ms`);
  for (const row of rows) {
    console.log(`${row.id.slice(0, idWidth).padEnd(idWidth)}  ${String(row.rank ?? '-').padStart(4)}  ${row.ms.toFixed(1)}`);
  }
  const misses = rows.filter((row) => row.rank === undefined);
  if (misses.length > 0) {
    console.log(`\nMisses (${misses.length}): no relevant page in the top ${options.k}`);
    for (const miss of misses) {
      console.log(`- ${miss.id}: ${miss.question}`);
      console.log(`    got: ${miss.top.slice(0, 3).join(', ')}`);
    }
  }
  let answerSummary = {};
  if (keys) {
    const answers = evaluateAnswers(engine, questions, keys);
    const unanswered = answers.rows.filter((row) => !row.answered);
    console.log(`\nNot answered (${unanswered.length} of ${answers.rows.length}): no key phrase in the quoted text`);
    for (const row of unanswered) console.log(`- ${row.id}${row.refused ? ' (refused)' : ''}`);
    answerSummary = answers.summary;
  }
  console.log('');
  console.log(JSON.stringify({ ...summary, ...answerSummary }));
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
