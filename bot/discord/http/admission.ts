// Admission control for the HTTP endpoint. Under overload requests would queue until they miss
// Discord's 3-second window and the user sees "The application did not respond". Instead, work
// waits in an explicit queue (so the event loop keeps reading new requests), and a request is
// shed — answered at once with a short "busy, try again" — when its expected wait, or its
// actual wait once its turn comes, exceeds the budget. The same rule fits an engine on the
// event loop (tasks overlap only while waiting on the store or REST) and engine threads
// (tasks run side by side): tasks finish at `concurrency` / (mean task time) per second.
export interface AdmissionOptions {
  /** Tasks running at once (with engine threads: about two per answer thread, so each has its next call queued). */
  concurrency: number;
  /** Shed new work whose expected wait exceeds this. */
  maxExpectedWaitMs: number;
  /** Shed queued work that has waited this long by the time its turn comes. */
  maxQueuedMs: number;
}

export const DEFAULT_ADMISSION: AdmissionOptions = { concurrency: 4, maxExpectedWaitMs: 600, maxQueuedMs: 1000 };

interface Waiting {
  enqueuedAt: number;
  start: () => void;
  shed: () => void;
}

export class AdmissionQueue {
  private readonly waiting: Waiting[] = [];
  private running = 0;
  /** Moving average of how long a task takes from start to end (ms). */
  private serviceMs = 10;
  private draining = false;

  constructor(private readonly options: AdmissionOptions = DEFAULT_ADMISSION) {}

  get queued(): number {
    return this.waiting.length;
  }

  /**
   * Expected wait for work submitted now: none while a slot is free, else its place in the
   * queue at the rate tasks finish (Little's law: `concurrency` tasks per mean task time; on
   * one event loop the tasks running at once slow each other down, which the mean includes).
   */
  expectedWaitMs(): number {
    if (this.running < this.options.concurrency && this.waiting.length === 0) return 0;
    return ((this.waiting.length + 1) * this.serviceMs) / this.options.concurrency;
  }

  /** Whether new work should be turned away now. */
  overloaded(): boolean {
    return this.expectedWaitMs() > this.options.maxExpectedWaitMs;
  }

  /**
   * Runs `task` when its turn comes, or `onShed` instead if it waited too long in the queue.
   * Resolves when whichever ran has finished.
   */
  submit(task: () => Promise<void>, onShed: () => void): Promise<void> {
    return new Promise<void>((resolve) => {
      this.waiting.push({
        enqueuedAt: performance.now(),
        start: () => {
          const started = performance.now();
          this.running += 1;
          task()
            .catch(() => undefined)
            .finally(() => {
              this.serviceMs = this.serviceMs * 0.9 + (performance.now() - started) * 0.1;
              this.running -= 1;
              resolve();
              this.scheduleDrain();
            });
        },
        shed: () => {
          onShed();
          resolve();
        },
      });
      this.scheduleDrain();
    });
  }

  private scheduleDrain(): void {
    if (this.draining) return;
    this.draining = true;
    // setImmediate, not a microtask: incoming requests are read between two answers.
    setImmediate(() => {
      this.draining = false;
      this.drain();
    });
  }

  private drain(): void {
    const now = performance.now();
    while (this.waiting.length > 0 && this.waiting[0]!.enqueuedAt + this.options.maxQueuedMs < now) {
      this.waiting.shift()!.shed();
    }
    if (this.running < this.options.concurrency && this.waiting.length > 0) {
      this.waiting.shift()!.start();
      // One start per turn of the loop, so a long queue never starves the request reader.
      if (this.waiting.length > 0) this.scheduleDrain();
    }
  }
}
