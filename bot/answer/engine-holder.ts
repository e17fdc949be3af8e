// The engine a front end answers with, swappable while it runs. Each interaction leases the
// engine current when it starts and keeps it to the end, so a reload never changes the
// engine under a half-done answer; new interactions get the new engine at once. A replaced
// engine is released (its references dropped, so its index can be collected) when its last
// lease ends. Transport-agnostic: the gateway bot and the HTTP server both use it.
import type { FrontEndEngine } from './engine-contract.ts';
import type { ServedEngine } from './served-engine.ts';

export interface EngineLease {
  readonly engine: FrontEndEngine;
  readonly served: ServedEngine;
  /** Ends the lease; calling it again does nothing. */
  release(): void;
}

interface Slot {
  served: ServedEngine | undefined;
  leases: number;
  retired: boolean;
  generation: number;
}

export interface EngineHolderEvents {
  /** A replaced engine's last lease ended and the holder dropped it. */
  onReleased?: (released: ServedEngine, generation: number) => void;
}

export class EngineHolder {
  private slot: Slot;
  private generations = 0;
  private reloading: Promise<unknown> = Promise.resolve();

  constructor(
    initial: ServedEngine | FrontEndEngine,
    private readonly events: EngineHolderEvents = {},
  ) {
    this.slot = this.newSlot(asServed(initial));
  }

  /** The engine new interactions get. */
  get current(): ServedEngine {
    return this.slot.served!;
  }

  /** Number of swaps so far (0 for the first engine). */
  get generation(): number {
    return this.slot.generation;
  }

  lease(): EngineLease {
    const slot = this.slot;
    const served = slot.served!;
    slot.leases += 1;
    let released = false;
    return {
      engine: served.engine,
      served,
      release: () => {
        if (released) return;
        released = true;
        slot.leases -= 1;
        this.releaseIfIdle(slot);
      },
    };
  }

  /** Runs `work` with a leased engine, releasing it however `work` ends. */
  async use<T>(work: (engine: FrontEndEngine) => Promise<T> | T): Promise<T> {
    const lease = this.lease();
    try {
      return await work(lease.engine);
    } finally {
      lease.release();
    }
  }

  /** Makes `next` the engine for new interactions; the old one goes when its leases end. */
  swap(next: ServedEngine): void {
    const old = this.slot;
    this.slot = this.newSlot(next);
    old.retired = true;
    this.releaseIfIdle(old);
  }

  /**
   * Loads a new engine and swaps it in; reloads run one at a time. A load that throws
   * leaves the current engine serving and rejects with the load's error.
   */
  reload(load: () => Promise<ServedEngine> | ServedEngine): Promise<ServedEngine> {
    const run = this.reloading.then(async () => {
      const next = await load();
      this.swap(next);
      return next;
    });
    this.reloading = run.catch(() => undefined);
    return run;
  }

  private newSlot(served: ServedEngine): Slot {
    return { served, leases: 0, retired: false, generation: this.generations++ };
  }

  private releaseIfIdle(slot: Slot): void {
    if (!slot.retired || slot.leases > 0 || !slot.served) return;
    const served = slot.served;
    slot.served = undefined;
    this.events.onReleased?.(served, slot.generation);
  }
}

function asServed(value: ServedEngine | FrontEndEngine): ServedEngine {
  return 'engine' in value && 'meta' in value ? value : { engine: value as FrontEndEngine, meta: undefined };
}
