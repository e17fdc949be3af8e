// `serve` as a separate process for tests: the HTTP endpoint over the test slice index, with
// the store the environment names (DATABASE_URL for the shared-store tests). Prints {"url"}
// on stdout once listening; stops on SIGTERM.
import pino from 'pino';
import { AnswerEngine } from '../../bot/answer/engine.ts';
import { startInteractionServer } from '../../bot/discord/http/start-server.ts';
import { readBotSettings } from '../../bot/discord/settings.ts';
import { openIndex } from '../../indexer/load-index.ts';
import { sliceIndexFile } from './slice.ts';

const settings = readBotSettings(process.env);
const server = await startInteractionServer({
  engine: new AnswerEngine(openIndex(sliceIndexFile)),
  settings,
  logger: pino({ level: 'warn' }, pino.destination(2)),
  publicKey: process.env.DISCORD_PUBLIC_KEY ?? '',
  port: 0,
  host: '127.0.0.1',
});
process.stdout.write(`${JSON.stringify({ url: server.url, store: server.store.backend })}\n`);
process.once('SIGTERM', () => {
  server.stop().finally(() => process.exit(0));
});
