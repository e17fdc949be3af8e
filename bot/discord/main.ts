// `npm start`: loads the settings and the answer engine, connects to Discord, and runs until
// SIGINT/SIGTERM (exit 0, after the answers in flight) or a fatal problem (non-zero, with one
// line saying what to fix); see lifecycle.ts. Without DISCORD_TOKEN it explains what to set and exits 1.
import { ConfigError, loadDotEnv } from '../../indexer/env.ts';
import { type IndexSettings, readIndexSettings } from '../../indexer/settings.ts';
import { startBot } from './client.ts';
import { FatalBotError } from './gateway-close.ts';
import { isMainModule } from './is-main.ts';
import { Lifecycle } from './lifecycle.ts';
import { flushed, frontEndLogger, serveReloadingEngine } from './load-engine.ts';
import { type BotSettings, readBotSettings, requireToken } from './settings.ts';

export interface MainIo {
  env: NodeJS.ProcessEnv;
  stderr: { write(text: string): unknown };
}

/** Runs the bot until it is stopped; resolves with the exit code. */
export async function main(io: MainIo = { env: process.env, stderr: process.stderr }): Promise<number> {
  const lifecycle = new Lifecycle(process, io.stderr);
  try {
    return await run(io, lifecycle);
  } finally {
    lifecycle.dispose();
  }
}

async function run(io: MainIo, lifecycle: Lifecycle): Promise<number> {
  let settings: BotSettings;
  let indexSettings: IndexSettings;
  try {
    settings = readBotSettings(io.env);
    requireToken(settings);
    indexSettings = readIndexSettings(io.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      io.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
  const logger = frontEndLogger(settings, lifecycle);
  // A new index file (npm run index after update-corpus), or SIGHUP, swaps the engine in place.
  const engines = await serveReloadingEngine(indexSettings, logger, lifecycle);
  if (!engines) {
    const code = lifecycle.exitCode(await lifecycle.stopped());
    await flushed(logger);
    return code;
  }

  const starting = startBot({
    engine: engines.holder,
    settings,
    logger,
    onFatal: (error) => lifecycle.fail(error),
    ...(settings.metricsPort !== undefined ? { metricsPort: settings.metricsPort } : {}),
  }).catch((error: unknown) => {
    if (!(error instanceof FatalBotError)) throw error;
    lifecycle.fail(error);
    return undefined;
  });
  // A stop while connecting (up to 30 s) does not wait for the connection: nothing is in flight yet.
  const bot = await lifecycle.unlessStopped(starting);
  if (!bot) starting.catch(() => undefined);
  const reason = await lifecycle.stopped();
  engines.stop();
  try {
    await bot?.stop();
  } catch (error) {
    logger.error({ err: error }, 'error while shutting down');
  }
  const code = lifecycle.exitCode(reason);
  await flushed(logger);
  return code;
}

if (isMainModule(import.meta.url)) {
  loadDotEnv();
  main().then(
    (code) => {
      // Exit explicitly: a build abandoned by a stop still has worker threads.
      process.exit(code);
    },
    (error: unknown) => {
      process.stderr.write(`Fatal: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
