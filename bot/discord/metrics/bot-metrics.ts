// Prometheus metrics for either transport: interactions by command and outcome, answer
// latency, store errors, shed load, refused requests, and the index's size and age.
// Each bot process has its own registry (tests start several in one process).
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { ServedEngine } from '../../answer/served-engine.ts';
import type { Outcome } from '../router.ts';
import type { Interaction } from '../transport/interaction.ts';

export interface IndexFacts {
  pages: number;
  /** When the index was built (ms since epoch). */
  builtAt: number;
}

export class BotMetrics {
  readonly registry = new Registry();
  readonly interactions = new Counter({
    name: 'driver_docs_interactions_total',
    help: 'Interactions handled, by kind, command (or button action) and outcome',
    labelNames: ['kind', 'command', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly answerSeconds = new Histogram({
    name: 'driver_docs_answer_seconds',
    help: 'Time from receiving an interaction to finishing it (answer delivered), by kind',
    labelNames: ['kind'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  readonly responseSeconds = new Histogram({
    name: 'driver_docs_http_response_seconds',
    help: 'HTTP mode: time from receiving an interaction to its HTTP response (Discord allows 3 s)',
    labelNames: ['kind'] as const,
    buckets: [0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2, 3],
    registers: [this.registry],
  });
  readonly storeErrors = new Counter({
    name: 'driver_docs_store_errors_total',
    help: 'Store operations that failed, by operation',
    labelNames: ['operation'] as const,
    registers: [this.registry],
  });
  readonly shed = new Counter({
    name: 'driver_docs_shed_total',
    help: 'HTTP mode: interactions answered "busy, try again" because the server was overloaded',
    registers: [this.registry],
  });
  readonly refused = new Counter({
    name: 'driver_docs_http_refused_total',
    help: 'HTTP mode: requests refused before any handler, by reason',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });
  readonly indexPages: Gauge;
  readonly indexAge: Gauge;

  /** `index` tells the loaded index's facts at scrape time (a reload swaps the index). */
  constructor(index?: () => IndexFacts | undefined) {
    collectDefaultMetrics({ register: this.registry });
    this.indexAge = new Gauge({
      name: 'driver_docs_index_age_seconds',
      help: 'Age of the loaded index (since it was built)',
      registers: [this.registry],
      // Computed at scrape time, so it grows while the process runs.
      collect() {
        const facts = index?.();
        if (facts) this.set(Math.max(0, (Date.now() - facts.builtAt) / 1000));
      },
    });
    this.indexPages = new Gauge({
      name: 'driver_docs_index_pages',
      help: 'Pages in the loaded index',
      registers: [this.registry],
      collect() {
        const facts = index?.();
        if (facts) this.set(facts.pages);
      },
    });
  }

  observeInteraction(kind: string, command: string, outcome: Outcome, ms: number): void {
    this.interactions.inc({ kind, command, outcome });
    this.answerSeconds.observe({ kind }, ms / 1000);
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** Counts one store operation that could not be done (the store's guard calls it). */
  countStoreFailure(operation: string): void {
    this.storeErrors.inc({ operation });
  }
}

/** The command (or button action) an interaction is counted under. */
export function commandLabel(interaction: Interaction): string {
  if ('commandName' in interaction) return interaction.commandName;
  if (interaction.kind === 'button') return interaction.customId.split(':')[0] ?? '';
  return '';
}

/** Index facts of a served engine: its index meta, or the meta of the index a bare engine exposes. */
export function indexFactsOf(served: ServedEngine): IndexFacts | undefined {
  const meta: { pages?: unknown; builtAt?: unknown } | undefined =
    served.meta ?? (served.engine as { index?: { meta?: { pages?: unknown; builtAt?: unknown } } }).index?.meta;
  if (typeof meta?.pages !== 'number' || typeof meta.builtAt !== 'string') return undefined;
  const builtAt = Date.parse(meta.builtAt);
  return Number.isNaN(builtAt) ? undefined : { pages: meta.pages, builtAt };
}
