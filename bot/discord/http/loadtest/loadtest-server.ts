// The server under load: `serve`'s endpoint in its own process, on loopback, with the index
// named by LOADTEST_INDEX_FILE and a throwaway SQLite store (the load test must not fill the
// real feedback database). Prints {"url"} on stdout when listening; stops on SIGTERM.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { AnswerEngine } from '../../../answer/engine.ts';
import { openIndex } from '../../../../indexer/load-index.ts';
import { readBotSettings } from '../../settings.ts';
import { SqliteBotStore } from '../../store/sqlite-store.ts';
import { startInteractionServer } from '../start-server.ts';

const indexFile = process.env.LOADTEST_INDEX_FILE;
const publicKey = process.env.DISCORD_PUBLIC_KEY;
if (!indexFile || !publicKey) throw new Error('LOADTEST_INDEX_FILE and DISCORD_PUBLIC_KEY are required');

const dataDir = mkdtempSync(path.join(tmpdir(), 'driver-docs-loadtest-'));
const settings = readBotSettings({ ...process.env, DATA_DIR: dataDir });
const logger = pino({ level: 'warn' }, pino.destination(2));
const engine = new AnswerEngine(openIndex(indexFile));
const store = SqliteBotStore.open(path.join(dataDir, 'feedback.sqlite'));
const server = await startInteractionServer({ engine, settings, logger, publicKey, port: 0, host: '127.0.0.1', store });
process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);

process.once('SIGTERM', () => {
  server
    .stop()
    .then(() => store.close())
    .finally(() => {
      rmSync(dataDir, { recursive: true, force: true });
      process.exit(0);
    });
});
