// The real `npm start` (bot/discord/main.ts), or another entry such as `npm run serve`, in a child process, pointed at the Discord
// stand-in, with its own DATA_DIR holding the test slice index (linked, not copied) and no
// corpus, so it loads that index as a deployed bot would. Its JSON log lines are collected.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TEST_TOKEN, type LogLine } from './discord-harness.ts';
import type { DiscordStandIn } from './discord-stand-in.ts';
import { sliceIndexFile } from './slice.ts';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface BotProcess {
  child: ChildProcess;
  dataDir: string;
  logs: LogLine[];
  /** stdout lines as written (to look for secrets). */
  rawLog: string[];
  stderr(): string;
  /** The first log line matching `predicate` (including past ones). */
  waitForLog(predicate: (line: LogLine) => boolean, timeoutMs?: number): Promise<LogLine>;
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>;
  /** The exit code, null while it runs. */
  readonly exitCode: number | null;
  /** Kills the process if it still runs, and removes DATA_DIR. */
  cleanUp(): Promise<void>;
}

/** A fresh DATA_DIR whose index is the test slice. */
export function makeDataDir(): string {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'driver-docs-bot-proc-'));
  mkdirSync(path.join(dataDir, 'index'), { recursive: true });
  symlinkSync(sliceIndexFile, path.join(dataDir, 'index', 'driver-docs.idx'));
  return dataDir;
}

export function startBotProcess(options: {
  standIn: DiscordStandIn;
  dataDir?: string;
  env?: Record<string, string>;
  /** The script to run (default bot/discord/main.ts, `npm start`). */
  entry?: string;
}): BotProcess {
  const dataDir = options.dataDir ?? makeDataDir();
  const child = spawn(process.execPath, ['--import', 'tsx', options.entry ?? 'bot/discord/main.ts'], {
    cwd: projectRoot,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? tmpdir(),
      DISCORD_TOKEN: TEST_TOKEN,
      DISCORD_API_URL: options.standIn.apiUrl,
      DATA_DIR: dataDir,
      // No corpus beside the index: the bot uses the index as it is.
      CORPUS_DIR: path.join(dataDir, 'no-corpus'),
      LOG_LEVEL: 'debug',
      BOT_COOLDOWN_SECONDS: '0',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: LogLine[] = [];
  const rawLog: string[] = [];
  let stderr = '';
  const waiters = new Set<(line: LogLine) => void>();
  let pending = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop()!;
    for (const text of lines) {
      if (text.trim() === '') continue;
      rawLog.push(text);
      let line: LogLine;
      try {
        line = JSON.parse(text) as LogLine;
      } catch {
        line = { level: 0, msg: text };
      }
      logs.push(line);
      for (const waiter of waiters) waiter(line);
    }
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));

  return {
    child,
    dataDir,
    logs,
    rawLog,
    stderr: () => stderr,
    exited,
    get exitCode() {
      return child.exitCode;
    },
    waitForLog(predicate, timeoutMs = 20_000) {
      const found = logs.find(predicate);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`no matching log line within ${timeoutMs} ms; stderr: ${stderr}\nlogs:\n${rawLog.join('\n')}`));
        }, timeoutMs);
        const waiter = (line: LogLine) => {
          if (!predicate(line)) return;
          clearTimeout(timer);
          waiters.delete(waiter);
          resolve(line);
        };
        waiters.add(waiter);
        void exited.then(() => {
          if (!waiters.has(waiter)) return;
          clearTimeout(timer);
          waiters.delete(waiter);
          reject(new Error(`the bot exited before a matching log line; stderr: ${stderr}\nlogs:\n${rawLog.join('\n')}`));
        });
      });
    },
    async cleanUp() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
