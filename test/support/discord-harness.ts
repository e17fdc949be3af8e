// One running bot for a test file: the stand-in, the test engine, a temporary DATA_DIR and
// captured log lines, with the bot on either transport: the real discord.js client connected
// to the stand-in through DISCORD_API_URL (gateway), or `serve`'s HTTP endpoint, to which the
// stand-in POSTs signed interactions as Discord does (http).
import { generateKeyPairSync, sign } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AnswerEngineContract, FrontEndEngine } from '../../bot/answer/engine-contract.ts';
import { EngineHolder } from '../../bot/answer/engine-holder.ts';
import { type BotHandle, startBot } from '../../bot/discord/client.ts';
import { createLogger } from '../../bot/discord/logger.ts';
import type { AdmissionOptions } from '../../bot/discord/http/admission.ts';
import { type ServerHandle, startInteractionServer } from '../../bot/discord/http/start-server.ts';
import { type BotSettings, readBotSettings } from '../../bot/discord/settings.ts';
import type { BotStore } from '../../bot/discord/store/bot-store.ts';
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

export type Transport = 'gateway' | 'http';

/** The transport the end-to-end suite runs on (the vitest project sets E2E_TRANSPORT). */
export const E2E_TRANSPORT: Transport = process.env.E2E_TRANSPORT === 'http' ? 'http' : 'gateway';

/** A throwaway Ed25519 key pair: the public key as hex (DISCORD_PUBLIC_KEY) and a signer. */
export function makeSigningKeys(): { publicKeyHex: string; headers: (body: string, timestamp?: string) => Record<string, string> } {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const publicKeyHex = publicKey.export({ format: 'der', type: 'spki' }).subarray(12).toString('hex');
  return {
    publicKeyHex,
    headers(body, timestamp = String(Math.floor(Date.now() / 1000))) {
      const signature = sign(null, Buffer.from(timestamp + body), privateKey).toString('hex');
      return { 'x-signature-ed25519': signature, 'x-signature-timestamp': timestamp };
    },
  };
}

export interface Harness {
  transport: Transport;
  standIn: DiscordStandIn;
  /** The gateway bot (gateway transport only). */
  bot?: BotHandle;
  /** The HTTP endpoint (http transport only). */
  server?: ServerHandle;
  store: BotStore;
  /** The test engine (synchronous, over the slice index every harness serves), for what a test expects. */
  engine: AnswerEngineContract;
  settings: BotSettings;
  factory: InteractionFactory;
  logs: LogLine[];
  /** Signs a body as Discord would, with the key pair the HTTP endpoint trusts. */
  signatureHeaders: (body: string, timestamp?: string) => Record<string, string>;
  /** Every log line exactly as written (to check for secrets). */
  rawLog: string[];
  /** Dispatches an interaction and resolves when the bot has finished with it. */
  run(interaction: any, timeoutMs?: number): Promise<RecordedRequest[]>;
  close(): Promise<void>;
}

export async function startHarness(
  options: {
    engine?: FrontEndEngine | EngineHolder;
    cooldownSeconds?: number;
    transport?: Transport;
    inlineWindowMs?: number;
    admission?: AdmissionOptions;
    /** Gateway bot: serve metrics on a free port. */
    metrics?: boolean;
    /** HTTP endpoint: this store instead of one in DATA_DIR (the caller closes it). */
    store?: BotStore;
  } = {},
): Promise<Harness> {
  const transport = options.transport ?? 'gateway';
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
  const keys = makeSigningKeys();
  const bot =
    transport === 'gateway' ? await startBot({ engine, settings, logger, ...(options.metrics ? { metricsPort: 0 } : {}) }) : undefined;
  const server =
    transport === 'http'
      ? await startInteractionServer({
          engine,
          settings,
          logger,
          publicKey: keys.publicKeyHex,
          port: 0,
          host: '127.0.0.1',
          // 0: every deferral is sent at once, so the answers travel exactly as on the gateway.
          inlineWindowMs: options.inlineWindowMs ?? 0,
          ...(options.admission ? { admission: options.admission } : {}),
          ...(options.store ? { store: options.store } : {}),
        })
      : undefined;
  const store = (bot?.store ?? server?.store)!;
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
    transport,
    standIn,
    ...(bot ? { bot } : {}),
    ...(server ? { server } : {}),
    store,
    engine: await createTestEngine(),
    settings,
    factory,
    logs,
    rawLog,
    signatureHeaders: keys.headers,
    async run(interaction, timeoutMs = 5000) {
      const done = waitForDone(interaction.id, timeoutMs);
      if (server) {
        const response = await standIn.postInteraction(`${server.url}/interactions`, interaction, (body) => keys.headers(body));
        if (response.status !== 200) throw new Error(`the endpoint answered ${response.status}`);
      } else {
        standIn.dispatchInteraction(interaction);
      }
      await done;
      return standIn.requestsFor(interaction);
    },
    async close() {
      await bot?.stop();
      await server?.stop();
      await standIn.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
