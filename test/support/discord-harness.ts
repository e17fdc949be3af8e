// One running bot for a test file: the stand-in, the real discord.js client connected to it
// through DISCORD_API_URL, the test engine, a temporary DATA_DIR and captured log lines.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AnswerEngineContract } from '../../bot/answer/engine-contract.ts';
import { EngineHolder } from '../../bot/answer/engine-holder.ts';
import { type BotHandle, startBot } from '../../bot/discord/client.ts';
import { createLogger } from '../../bot/discord/logger.ts';
import { type BotSettings, readBotSettings } from '../../bot/discord/settings.ts';
import { InteractionFactory } from './discord-interactions.ts';
import { DiscordStandIn, type RecordedRequest } from './discord-stand-in.ts';
import { createTestEngine } from './test-engine.ts';

/** A token-shaped secret: the tests check it never reaches the logs. */
export const TEST_TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.GtEsT1.s3cr3t-t0ken-for-the-stand-in-only';

export interface LogLine {
  level: number;
  msg: string;
  [key: string]: any;
}

export interface Harness {
  standIn: DiscordStandIn;
  bot: BotHandle;
  /** The engine the bot started with (a holder's current one). */
  engine: AnswerEngineContract;
  settings: BotSettings;
  factory: InteractionFactory;
  logs: LogLine[];
  /** Every log line exactly as written (to check for secrets). */
  rawLog: string[];
  /** Dispatches an interaction and resolves when the bot has finished with it. */
  run(interaction: any, timeoutMs?: number): Promise<RecordedRequest[]>;
  close(): Promise<void>;
}

export async function startHarness(
  options: { engine?: AnswerEngineContract | EngineHolder; cooldownSeconds?: number } = {},
): Promise<Harness> {
  const standIn = await DiscordStandIn.start();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'driver-docs-bot-'));
  const settings = readBotSettings({
    DISCORD_TOKEN: TEST_TOKEN,
    DISCORD_API_URL: standIn.apiUrl,
    DATA_DIR: dataDir,
    LOG_LEVEL: 'debug',
    BOT_COOLDOWN_SECONDS: String(options.cooldownSeconds ?? 3),
  });
  const logs: LogLine[] = [];
  const rawLog: string[] = [];
  const waiters = new Set<(line: LogLine) => void>();
  const destination = {
    write(chunk: string) {
      for (const text of chunk.split('\n')) {
        if (text.trim() === '') continue;
        rawLog.push(text);
        const line = JSON.parse(text) as LogLine;
        logs.push(line);
        for (const waiter of waiters) waiter(line);
      }
    },
  };
  const logger = createLogger({ level: 'debug', token: TEST_TOKEN, destination });
  const engine = options.engine ?? (await createTestEngine());
  const bot = await startBot({ engine, settings, logger });
  const factory = new InteractionFactory(standIn.applicationId);

  const waitForDone = (id: string, timeoutMs: number) =>
    new Promise<void>((resolve, reject) => {
      const isDone = (line: LogLine) => line.msg === 'interaction done' && line.interaction?.id === id;
      if (logs.some(isDone)) return resolve();
      const timer = setTimeout(() => {
        waiters.delete(waiter);
        reject(new Error(`interaction ${id} not done within ${timeoutMs} ms`));
      }, timeoutMs);
      const waiter = (line: LogLine) => {
        if (!isDone(line)) return;
        clearTimeout(timer);
        waiters.delete(waiter);
        resolve();
      };
      waiters.add(waiter);
    });

  return {
    standIn,
    bot,
    engine: engine instanceof EngineHolder ? engine.current.engine : engine,
    settings,
    factory,
    logs,
    rawLog,
    async run(interaction, timeoutMs = 5000) {
      const done = waitForDone(interaction.id, timeoutMs);
      standIn.dispatchInteraction(interaction);
      await done;
      return standIn.requestsFor(interaction);
    },
    async close() {
      await bot.stop();
      await standIn.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
