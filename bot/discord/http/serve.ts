// `npm run serve`: the HTTP interactions endpoint. Loads the settings and the answer engine,
// listens on PORT, and runs until SIGINT/SIGTERM: then it answers new interactions with
// "restarting", lets those in flight finish, closes the socket and the store, and exits 0
// (see lifecycle.ts). A new index file, or SIGHUP, swaps the engine in place, as in `npm start`.
// Without DISCORD_PUBLIC_KEY it explains what to set and exits 1. Needs no bot token: every
// answer is an interaction response. The engine answers in worker threads (serve-engine.ts).
import { ConfigError, loadDotEnv } from '../../../indexer/env.ts';
import { type IndexSettings, readIndexSettings } from '../../../indexer/settings.ts';
import { isMainModule } from '../is-main.ts';
import { Lifecycle } from '../lifecycle.ts';
import { flushed, frontEndLogger, serveReloadingEngine } from '../load-engine.ts';
import { type BotSettings, readBotSettings } from '../settings.ts';
import { serveAdmission, serveEngineOpener } from './serve-engine.ts';
import { type ServeSettings, readServeSettings } from './serve-settings.ts';
import { startInteractionServer } from './start-server.ts';

export interface ServeIo {
  env: NodeJS.ProcessEnv;
  stderr: { write(text: string): unknown };
}

/** Serves until stopped; resolves with the exit code. */
export async function serve(io: ServeIo = { env: process.env, stderr: process.stderr }): Promise<number> {
  const lifecycle = new Lifecycle(process, io.stderr);
  try {
    return await run(io, lifecycle);
  } finally {
    lifecycle.dispose();
  }
}

async function run(io: ServeIo, lifecycle: Lifecycle): Promise<number> {
  let settings: BotSettings;
  let serveSettings: ServeSettings;
  let indexSettings: IndexSettings;
  try {
    settings = readBotSettings(io.env);
    serveSettings = readServeSettings(io.env);
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
  const { engineThreads, ...listen } = serveSettings;
  // Without threads, the engine loads here exactly as `npm start` loads it.
  const open = engineThreads > 0 ? serveEngineOpener(engineThreads, logger) : undefined;
  const engines = await serveReloadingEngine(indexSettings, logger, lifecycle, open);
  if (!engines) {
    const code = lifecycle.exitCode(await lifecycle.stopped());
    await flushed(logger);
    return code;
  }
  logger.info({ engineThreads }, engineThreads > 0 ? 'answering from engine threads' : 'answering on the main thread');

  const starting = startInteractionServer({
    engine: engines.holder,
    settings,
    logger,
    ...listen,
    admission: serveAdmission(engineThreads),
  });
  let server: Awaited<typeof starting> | undefined;
  try {
    server = await lifecycle.unlessStopped(starting);
  } catch (error) {
    engines.stop();
    await engines.holder.current.close?.();
    throw error;
  }
  // A stop while opening the store or the socket: close what the start still opens.
  if (!server) starting.then((late) => late.stop()).catch(() => undefined);
  const reason = await lifecycle.stopped();
  engines.stop();
  try {
    await server?.stop();
    await engines.holder.current.close?.();
  } catch (error) {
    logger.error({ err: error }, 'error while shutting down');
  }
  const code = lifecycle.exitCode(reason);
  await flushed(logger);
  return code;
}

if (isMainModule(import.meta.url)) {
  loadDotEnv();
  serve().then(
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
