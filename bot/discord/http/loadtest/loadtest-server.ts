// The server under load: `serve`'s endpoint in its own process, on loopback, with the index
// named by LOADTEST_INDEX_FILE, the engine as `serve` runs it (SERVE_ENGINE_THREADS) and a
// throwaway SQLite store (the load test must not fill the real feedback database). Prints
// {"url","engineThreads"} on stdout when listening; stops on SIGTERM.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { readBotSettings } from '../../settings.ts';
import { SqliteBotStore } from '../../store/sqlite-store.ts';
import { serveAdmission, serveEngineOpener } from '../serve-engine.ts';
import { readServeSettings } from '../serve-settings.ts';
import { startInteractionServer } from '../start-server.ts';

const indexFile = process.env.LOADTEST_INDEX_FILE;
const publicKey = process.env.DISCORD_PUBLIC_KEY;
if (!indexFile || !publicKey) throw new Error('LOADTEST_INDEX_FILE and DISCORD_PUBLIC_KEY are required');

const dataDir = mkdtempSync(path.join(tmpdir(), 'driver-docs-loadtest-'));
const settings = readBotSettings({ ...process.env, DATA_DIR: dataDir });
const logger = pino({ level: 'warn' }, pino.destination(2));
const { engineThreads } = readServeSettings({ ...process.env, DATA_DIR: dataDir });
const served = await serveEngineOpener(engineThreads, logger)(indexFile);
const store = SqliteBotStore.open(path.join(dataDir, 'feedback.sqlite'));
const server = await startInteractionServer({
  engine: served.engine,
  settings,
  logger,
  publicKey,
  port: 0,
  host: '127.0.0.1',
  store,
  admission: serveAdmission(engineThreads),
});
process.stdout.write(`${JSON.stringify({ url: server.url, engineThreads })}\n`);

process.once('SIGTERM', () => {
  server
    .stop()
    .then(() => store.close())
    .then(() => served.close?.())
    .finally(() => {
      rmSync(dataDir, { recursive: true, force: true });
      process.exit(0);
    });
});
