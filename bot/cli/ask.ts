// npm run ask -- "question": the product in a terminal, no Discord token needed.
import { Command, Option } from 'commander';
import { ensureCorpusFor } from '../../indexer/cli/corpus-step.ts';
import { reportIndexBuild } from '../../indexer/cli/progress.ts';
import { loadDotEnv } from '../../indexer/env.ts';
import { readIndexSettings } from '../../indexer/settings.ts';
import { loadAnswerEngine } from '../answer/engine.ts';
import { ansiStyle, plainStyle, renderAnswerForTerminal } from './render-terminal.ts';

const program = new Command()
  .name('ask')
  .description('Answer a Windows driver question with cited excerpts from the documentation.')
  .argument('<question...>', 'the question (quote it)')
  .option('--json', 'print the answer object as JSON')
  .option('--area <id>', 'only pages of this area, e.g. kernel, wdf, debugger, display')
  .addOption(new Option('--kind <kind>', 'only conceptual pages or API reference').choices(['concept', 'api']))
  .parse();

async function main(): Promise<void> {
  loadDotEnv();
  const question = program.args.join(' ');
  const options = program.opts<{ json?: boolean; area?: string; kind?: 'concept' | 'api' }>();
  const settings = readIndexSettings();
  await ensureCorpusFor(settings);
  const engine = await loadAnswerEngine(settings, reportIndexBuild());
  const answer = engine.ask(question, { area: options.area, kind: options.kind });
  if (options.json) console.log(JSON.stringify(answer, null, 2));
  else console.log(renderAnswerForTerminal(answer, process.stdout.isTTY ? ansiStyle : plainStyle));
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
