// How `npm start` stops. SIGTERM/SIGINT are handled from the first line of main, also while
// the index loads or builds; a stop lets answers in flight finish, disconnects and closes the
// database, and the process exits 0. A fatal problem (the token rejected, ...) ends it with a
// non-zero code and one line saying what to fix. A second signal stops at once.
import type { Logger } from 'pino';
import type { FatalBotError } from './gateway-close.ts';

export type StopReason = { kind: 'signal'; signal: NodeJS.Signals } | { kind: 'fatal'; error: FatalBotError };

type Say = (level: 'info' | 'warn' | 'error' | 'fatal', fields: Record<string, unknown>, message: string) => void;

export interface LifecycleProcess {
  once(event: NodeJS.Signals, listener: (signal: NodeJS.Signals) => void): unknown;
  off(event: NodeJS.Signals, listener: (signal: NodeJS.Signals) => void): unknown;
  exit(code: number): never;
}

export class Lifecycle {
  private reason: StopReason | undefined;
  private readonly waiters: ((reason: StopReason) => void)[] = [];
  private say: Say;
  private readonly onSignal = (signal: NodeJS.Signals) => this.signal(signal);
  private readonly onSecondSignal = (signal: NodeJS.Signals) => {
    this.say('warn', { signal }, 'second signal: stopping at once');
    this.proc.exit(1);
  };
  private readonly signals: NodeJS.Signals[] = ['SIGTERM', 'SIGINT'];

  constructor(
    private readonly proc: LifecycleProcess = process,
    stderr: { write(text: string): unknown } = process.stderr,
  ) {
    this.say = (_level, fields, message) => stderr.write(`${message} ${JSON.stringify(fields)}\n`);
    for (const signal of this.signals) proc.once(signal, this.onSignal);
  }

  /** Log through `logger` from now on. */
  useLogger(logger: Logger): void {
    this.say = (level, fields, message) => logger[level](fields, message);
  }

  /** Resolves with the first stop reason. */
  stopped(): Promise<StopReason> {
    if (this.reason) return Promise.resolve(this.reason);
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** The bot cannot go on. */
  fail(error: FatalBotError): void {
    this.request({ kind: 'fatal', error });
  }

  /** `work`'s result, or undefined if a stop comes first (the work is then abandoned). */
  async unlessStopped<T>(work: Promise<T>): Promise<T | undefined> {
    const stop = this.stopped().then(() => undefined);
    return Promise.race([work, stop]);
  }

  /** The exit code for how the process ended, after logging the fatal line if there is one. */
  exitCode(reason: StopReason): number {
    if (reason.kind === 'signal') return 0;
    this.say('fatal', { exitCode: reason.error.exitCode }, reason.error.message);
    return reason.error.exitCode;
  }

  /** Stops listening for signals (for tests that call main in-process). */
  dispose(): void {
    for (const signal of this.signals) {
      this.proc.off(signal, this.onSignal);
      this.proc.off(signal, this.onSecondSignal);
    }
  }

  private signal(signal: NodeJS.Signals): void {
    if (this.reason) return;
    this.say('info', { signal }, 'stopping: finishing the answers in flight');
    // From now on a second signal means "now".
    for (const other of this.signals) {
      this.proc.off(other, this.onSignal);
      this.proc.once(other, this.onSecondSignal);
    }
    this.request({ kind: 'signal', signal });
  }

  private request(reason: StopReason): void {
    if (this.reason) return;
    this.reason = reason;
    for (const waiter of this.waiters.splice(0)) waiter(reason);
  }
}
