// `npm run serve`: the HTTP interactions endpoint. Loads the settings and the answer engine,
// listens on PORT, and runs until SIGINT/SIGTERM: then it answers new interactions with
// "restarting", lets those in flight finish, closes the socket and the store, and exits 0
// (see lifecycle.ts). A new index file, or SIGHUP, swaps the engine in place, as in `npm start`.
// Without DISCORD_PUBLIC_KEY it explains what to set and exits 1. Needs no bot token: every
// answer is an interaction response. The engine answers in worker threads (serve-engine.ts).
import { readIndexSettings } from '../../../indexer/settings.ts';
import { type FrontEnd, type FrontEndIo, type FrontEndSettings, runAsProcess, runFrontEnd } from '../front-end-run.ts';
import { isMainModule } from '../is-main.ts';
import { readBotSettings } from '../settings.ts';
import { serveAdmission, serveEngineOpener } from './serve-engine.ts';
import { type ServeSettings, readServeSettings } from './serve-settings.ts';
import { startInteractionServer } from './start-server.ts';

const interactionsEndpoint: FrontEnd<FrontEndSettings & { serve: ServeSettings }> = {
  readSettings: (env) => ({ bot: readBotSettings(env), serve: readServeSettings(env), index: readIndexSettings(env) }),
  // Without threads, the engine loads here exactly as `npm start` loads it.
  engineOpener: ({ serve }, logger) => (serve.engineThreads > 0 ? serveEngineOpener(serve.engineThreads, logger) : undefined),
  async start(engine, { bot, serve }, logger, lifecycle) {
    const { engineThreads, ...listen } = serve;
    logger.info({ engineThreads }, engineThreads > 0 ? 'answering from engine threads' : 'answering on the main thread');
    const starting = startInteractionServer({ engine, settings: bot, logger, ...listen, admission: serveAdmission(engineThreads) });
    const server = await lifecycle.unlessStopped(starting);
    // A stop while opening the store or the socket: close what the start still opens.
    if (!server) starting.then((late) => late.stop()).catch(() => undefined);
    return server;
  },
};

/** Serves until stopped; resolves with the exit code. */
export function serve(io: FrontEndIo = { env: process.env, stderr: process.stderr }): Promise<number> {
  return runFrontEnd(interactionsEndpoint, io);
}

if (isMainModule(import.meta.url)) runAsProcess(serve);
