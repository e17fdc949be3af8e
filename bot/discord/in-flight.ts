// The interactions being answered right now, so a stop can let them finish: once closed,
// new interactions are turned away and `drain` waits for the rest, up to a bound.
/** The answer to interactions that arrive while the bot stops. */
export const STOPPING_NOTE = 'I am restarting right now; please ask again in a minute.';

export class InFlight {
  private readonly running = new Set<Promise<unknown>>();
  private open = true;

  get accepting(): boolean {
    return this.open;
  }

  get size(): number {
    return this.running.size;
  }

  /** Remembers `work` until it settles. */
  track(work: Promise<unknown>): void {
    const settled = work.then(
      () => undefined,
      () => undefined,
    );
    this.running.add(settled);
    void settled.then(() => this.running.delete(settled));
  }

  /** Stops accepting, then waits for what is running, at most `timeoutMs`; returns how many did not finish. */
  async drain(timeoutMs: number): Promise<number> {
    this.open = false;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
    });
    // Work tracked while draining (a polite "stopping" reply) is waited for too.
    while (this.running.size > 0) {
      const finished = await Promise.race([Promise.all([...this.running]).then(() => true), timeout.then(() => false)]);
      if (!finished) break;
    }
    clearTimeout(timer);
    return this.running.size;
  }
}
