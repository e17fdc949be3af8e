// `npm start`: loads the settings and the answer engine, connects to Discord, and runs until
// SIGINT/SIGTERM (exit 0, after the answers in flight) or a fatal problem (non-zero, with one
// line saying what to fix); see lifecycle.ts. Without DISCORD_TOKEN it explains what to set and exits 1.
import { readIndexSettings } from '../../indexer/settings.ts';
import { startBot } from './client.ts';
import { type FrontEnd, type FrontEndIo, type FrontEndSettings, runAsProcess, runFrontEnd } from './front-end-run.ts';
import { FatalBotError } from './gateway-close.ts';
import { isMainModule } from './is-main.ts';
import { readBotSettings, requireToken } from './settings.ts';

const gatewayBot: FrontEnd<FrontEndSettings> = {
  readSettings(env) {
    const bot = readBotSettings(env);
    requireToken(bot);
    return { bot, index: readIndexSettings(env) };
  },
  async start(engine, { bot: settings }, logger, lifecycle) {
    const starting = startBot({
      engine,
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
    return bot;
  },
};

/** Runs the bot until it is stopped; resolves with the exit code. */
export function main(io: FrontEndIo = { env: process.env, stderr: process.stderr }): Promise<number> {
  return runFrontEnd(gatewayBot, io);
}

if (isMainModule(import.meta.url)) runAsProcess(main);
