// `npm run feedback`: prints what people voted and what the bot could not answer, from the
// Discord bot's feedback database (DATA_DIR/discord/feedback.sqlite).
import { existsSync } from 'node:fs';
import { Command, InvalidArgumentError } from 'commander';
import { ConfigError, loadDotEnv } from '../../indexer/env.ts';
import { FeedbackStore } from '../discord/feedback-store.ts';
import { isMainModule } from '../discord/is-main.ts';
import { formatFeedbackSummaryText, terminalSafeSummary } from '../discord/render-feedback.ts';
import { readBotSettings } from '../discord/settings.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface CliIo {
  env: NodeJS.ProcessEnv;
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a whole number of 1 or more');
  return n;
}

function snowflake(value: string): string {
  if (!/^\d{15,21}$/.test(value)) throw new InvalidArgumentError('must be a server id (15–21 digits)');
  return value;
}

/** Runs the command on `argv` (without node and the script); resolves with the exit code. */
export async function feedbackSummaryCli(argv: string[], io: CliIo): Promise<number> {
  let code = 0;
  const program = new Command()
    .name('feedback-summary')
    .description("Summarise the Discord bot's answer feedback and unanswered questions")
    .option('--days <n>', 'only the last N days', positiveInteger)
    .option('--limit <n>', 'rows per list', positiveInteger, 15)
    .option('--json', 'print JSON instead of text')
    .option('--guild <id>', "only this server's records (default: every server and direct messages)", snowflake)
    .option('--db <file>', 'feedback database (default: DATA_DIR/discord/feedback.sqlite)')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .action((options: { days?: number; limit: number; json?: boolean; db?: string; guild?: string }) => {
      let file: string;
      try {
        file = options.db ?? readBotSettings(io.env).feedbackDbFile;
      } catch (error) {
        if (!(error instanceof ConfigError)) throw error;
        io.stderr.write(`${error.message}\n`);
        code = 1;
        return;
      }
      if (!existsSync(file)) {
        io.stdout.write(`No feedback recorded yet (no database at ${file}).\n`);
        return;
      }
      const store = FeedbackStore.openReadOnly(file);
      try {
        // Questions are whatever people typed: no escape sequences reach the terminal.
        const summary = terminalSafeSummary(
          store.summary({
            limit: options.limit,
            ...(options.guild !== undefined ? { guildId: options.guild } : {}),
            ...(options.days !== undefined ? { since: Date.now() - options.days * DAY_MS } : {}),
          }),
        );
        io.stdout.write(options.json ? `${JSON.stringify(summary, null, 2)}\n` : `${formatFeedbackSummaryText(summary)}\n`);
      } finally {
        store.close();
      }
    });
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    // exitOverride: commander has already printed the problem (or the help).
    const exitCode = (error as { exitCode?: number }).exitCode;
    return typeof exitCode === 'number' ? exitCode : 1;
  }
  return code;
}

if (isMainModule(import.meta.url)) {
  loadDotEnv();
  feedbackSummaryCli(process.argv.slice(2), { env: process.env, stdout: process.stdout, stderr: process.stderr }).then((code) => {
    process.exitCode = code;
  });
}
