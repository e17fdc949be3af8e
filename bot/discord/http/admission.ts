// Admission control for the HTTP endpoint. Answering is CPU work on one event loop, so under
// overload requests would queue until they miss Discord's 3-second window and the user sees
// "The application did not respond". Instead, work waits in an explicit queue (so the loop
// keeps reading new requests between answers), and a request is shed — answered at once with
// a short "busy, try again" — when its expected wait, or its actual wait once its turn comes,
// exceeds the budget.
export interface AdmissionOptions {
  /** Tasks running at once (they overlap only while waiting on the store or REST). */
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
  /** Moving average of how long a task holds the event loop (ms). */
  private serviceMs = 10;
  private draining = false;

  constructor(private readonly options: AdmissionOptions = DEFAULT_ADMISSION) {}

  get queued(): number {
    return this.waiting.length;
  }

  /**
   * Expected wait for work submitted now. Answering is CPU work on one thread, so queued tasks
   * run one after another whatever the concurrency (which only overlaps store and REST waits).
   */
  expectedWaitMs(): number {
    return (this.waiting.length + Math.min(this.running, 1)) * this.serviceMs;
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
          // The loop comes back once the task's synchronous part (the answer) is done; its
          // waits on the store or REST do not hold the loop and are not counted.
          setImmediate(() => {
            this.serviceMs = this.serviceMs * 0.9 + (performance.now() - started) * 0.1;
          });
          task()
            .catch(() => undefined)
            .finally(() => {
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
