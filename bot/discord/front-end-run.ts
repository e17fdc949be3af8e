// The run `npm start` and `npm run serve` share around their own front end: read the settings
// (a bad value: its message, exit 1), load the engine and keep it reloading, start the front
// end, then, on a stop or a fatal problem, shut down in order (engine reloads, the front end,
// the log) and give the exit code (see lifecycle.ts).
import type { Logger } from 'pino';
import { ConfigError, loadDotEnv } from '../../indexer/env.ts';
import type { IndexSettings } from '../../indexer/settings.ts';
import type { EngineHolder } from '../answer/engine-holder.ts';
import type { ServedEngine } from '../answer/served-engine.ts';
import { Lifecycle } from './lifecycle.ts';
import { flushed, frontEndLogger, serveReloadingEngine } from './load-engine.ts';
import type { BotSettings } from './settings.ts';

export interface FrontEndIo {
  env: NodeJS.ProcessEnv;
  stderr: { write(text: string): unknown };
}

export interface FrontEndSettings {
  bot: BotSettings;
  index: IndexSettings;
}

interface Running {
  stop(): Promise<void>;
}

export interface FrontEnd<S extends FrontEndSettings> {
  /** Every setting the front end needs; throws ConfigError for one that is bad or missing. */
  readSettings(env: NodeJS.ProcessEnv): S;
  /** Starts serving the holder's engine. Undefined when stopped first; it then closes what
   *  its start still opens. */
  start(engines: EngineHolder, settings: S, logger: Logger, lifecycle: Lifecycle): Promise<Running | undefined>;
  /** How an index file becomes the engine served (at start and on every reload); default:
   *  loaded on this thread. */
  engineOpener?(settings: S, logger: Logger): ((indexFile: string) => Promise<ServedEngine>) | undefined;
}

/** Runs the front end until it is stopped; resolves with the exit code. */
export async function runFrontEnd<S extends FrontEndSettings>(frontEnd: FrontEnd<S>, io: FrontEndIo): Promise<number> {
  const lifecycle = new Lifecycle(process, io.stderr);
  try {
    return await run(frontEnd, io, lifecycle);
  } finally {
    lifecycle.dispose();
  }
}

async function run<S extends FrontEndSettings>(frontEnd: FrontEnd<S>, io: FrontEndIo, lifecycle: Lifecycle): Promise<number> {
  let settings: S;
  try {
    settings = frontEnd.readSettings(io.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      io.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
  const logger = frontEndLogger(settings.bot, lifecycle);
  // A new index file (npm run index after update-corpus), or SIGHUP, swaps the engine in place.
  const engines = await serveReloadingEngine(settings.index, logger, lifecycle, frontEnd.engineOpener?.(settings, logger));
  let running: Running | undefined;
  try {
    running = engines && (await frontEnd.start(engines.holder, settings, logger, lifecycle));
  } catch (error) {
    engines?.stop();
    await engines?.holder.current.close?.();
    throw error;
  }
  const reason = await lifecycle.stopped();
  engines?.stop();
  try {
    await running?.stop();
    // Engine threads, when the engine runs in them.
    await engines?.holder.current.close?.();
  } catch (error) {
    logger.error({ err: error }, 'error while shutting down');
  }
  const code = lifecycle.exitCode(reason);
  await flushed(logger);
  return code;
}

/** Runs a front end as the process: reads .env first, and exits with its code. */
export function runAsProcess(start: () => Promise<number>): void {
  loadDotEnv();
  start().then(
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
