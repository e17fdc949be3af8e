// npm run tip -- <id>: a key tip in the terminal, quoted from the docs; no id lists the tips.
import { Command } from 'commander';
import { keyTips } from '../../corpus/key-tips.ts';
import { reportIndexBuild } from '../../indexer/cli/progress.ts';
import { loadDotEnv } from '../../indexer/env.ts';
import { readIndexSettings } from '../../indexer/settings.ts';
import { loadAnswerEngine } from '../answer/engine.ts';
import { composeKeyTip, findKeyTipSource } from '../answer/key-tip-answer.ts';
import { ansiStyle, plainStyle } from './render-terminal.ts';
import { renderKeyTipForTerminal } from './render-tip-terminal.ts';

const program = new Command()
  .name('tip')
  .description('Show a key driver tip: its core advice quoted from the documentation, with citations.')
  .argument('[id]', 'tip id or topic (omit to list the tips)')
  .option('--json', 'print the tip object as JSON')
  .option('--all', 'show every tip')
  .parse();

async function main(): Promise<void> {
  loadDotEnv();
  const [id] = program.args;
  const options = program.opts<{ json?: boolean; all?: boolean }>();
  if (!id && !options.all) {
    for (const tip of keyTips) console.log(`${tip.id.padEnd(40)} ${tip.topic}`);
    return;
  }
  const sources = options.all ? keyTips : [findKeyTipSource(id ?? '')].filter((tip) => tip !== undefined);
  if (sources.length === 0) {
    process.stderr.write(`No key tip "${id}". Run without arguments to list them.\n`);
    process.exit(2);
  }
  const engine = await loadAnswerEngine(readIndexSettings(), reportIndexBuild());
  const style = process.stdout.isTTY ? ansiStyle : plainStyle;
  for (const source of sources) {
    const tip = await composeKeyTip(engine, source);
    console.log(options.json ? JSON.stringify(tip, null, 2) : `${renderKeyTipForTerminal(tip, style)}\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
