// The HTTP interactions endpoint (fastify): POST /interactions, verified and answered through
// the same router, registry and handlers as the gateway bot; GET /healthz, /readyz, /metrics.
// Bad requests are refused before any handler: unsigned, wrongly signed or stale (401),
// oversized (413), not JSON (400), not an interaction we know (400).
import type { KeyObject } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import Fastify, { type FastifyInstance } from 'fastify';
import type { BotContext } from '../context.ts';
import { NO_MENTIONS } from '../compose.ts';
import { type InFlight, STOPPING_NOTE } from '../in-flight.ts';
import { type HandlerRegistry, createRegistry } from '../handlers/index.ts';
import { SOMETHING_WENT_WRONG } from '../handlers/respond.ts';
import { type BotMetrics, commandLabel } from '../metrics/bot-metrics.ts';
import { createRouter } from '../router.ts';
import { EPHEMERAL_FLAG } from '../transport/interaction.ts';
import { AdmissionQueue, type AdmissionOptions, DEFAULT_ADMISSION } from './admission.ts';
import { CallbackType, type CallbackBody, toApiMessage } from './http-responder.ts';
import { toHttpInteraction } from './http-interaction.ts';
import { type PayloadFacts, readPayload } from './interaction-payload.ts';
import { checkSignature } from './verify-signature.ts';
import type { WebhookClient } from './webhook-client.ts';

export const BUSY_NOTE = "I'm answering a lot of questions right now: please try again in a few seconds.";
/** Discord's interaction payloads are a few KiB; a resolved message adds at most ~10 KiB. */
const DEFAULT_BODY_LIMIT_BYTES = 128 * 1024;
/** A deferral is held back this long in the hope of answering in the HTTP response itself. */
const DEFAULT_INLINE_WINDOW_MS = 1500;
/** If nothing at all has answered by then, defer, so Discord's 3 s window is never missed. */
const SAFETY_DEFER_MS = 2500;

export interface InteractionServerOptions {
  ctx: BotContext;
  publicKey: KeyObject;
  webhook: WebhookClient;
  metrics: BotMetrics;
  registry?: HandlerRegistry;
  inlineWindowMs?: number;
  bodyLimitBytes?: number;
  admission?: AdmissionOptions;
  /** Whether the process can answer: index loaded, store reachable. */
  ready: () => Promise<boolean>;
  /** The answers being worked on (including those finished later through the webhook), so a stop can let them finish. */
  inFlight: InFlight;
}

export function buildInteractionServer(options: InteractionServerOptions): FastifyInstance {
  const { ctx, metrics } = options;
  const bodyLimit = options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES;
  const answer = interactionAnswerer(options);

  const app = Fastify({ logger: false, bodyLimit, return503OnClosing: true });
  // The signature covers the exact bytes: keep the raw body, whatever the content type says.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit }, (_request, body, done) => done(null, body));

  app.setErrorHandler((error: { statusCode?: number }, _request, reply) => {
    const status = error.statusCode === 413 ? 413 : error.statusCode === 400 ? 400 : 500;
    metrics.refused.inc({ reason: status === 413 ? 'too-large' : status === 400 ? 'bad-request' : 'error' });
    if (status === 500) ctx.logger.error({ err: error }, 'http request failed');
    return reply.code(status).send({ error: status === 413 ? 'payload too large' : status === 400 ? 'bad request' : 'internal error' });
  });

  app.post('/interactions', async (request, reply) => {
    const receivedAt = performance.now();
    const read = readVerified(options.publicKey, request.headers, request.body);
    if ('refused' in read) {
      metrics.refused.inc({ reason: read.refused.reason });
      return reply.code(read.refused.status).send({ error: read.refused.message });
    }
    const { facts } = read;
    if (facts.kind === 'ping') return reply.send({ type: CallbackType.Pong });
    if (!options.inFlight.accepting) return reply.send(stoppingResponse(facts.kind === 'autocomplete'));
    const { response, responder } = await answer(facts, receivedAt);
    reply.raw.once('finish', () => responder.markSent());
    reply.raw.once('close', () => responder.markSent());
    metrics.responseSeconds.observe({ kind: facts.kind }, (performance.now() - receivedAt) / 1000);
    return reply.code(200).send(response);
  });

  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    const ready = await options.ready().catch(() => false);
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not ready' });
  });
  app.get('/metrics', async (_request, reply) => reply.type(metrics.contentType).send(await metrics.text()));
  return app;
}

type Verified = { facts: PayloadFacts } | { refused: { reason: string; status: number; message: string } };

/** The interaction in a request, or why the request is refused (checked before any handler). */
function readVerified(publicKey: KeyObject, headers: IncomingHttpHeaders, body: unknown): Verified {
  const raw = Buffer.isBuffer(body) ? body : Buffer.alloc(0);
  const check = checkSignature(publicKey, headerValue(headers['x-signature-ed25519']), headerValue(headers['x-signature-timestamp']), raw);
  if (check !== 'ok') return { refused: { reason: `signature-${check}`, status: 401, message: 'invalid request signature' } };
  let payload: unknown;
  try {
    payload = JSON.parse(raw.toString('utf8'));
  } catch {
    return { refused: { reason: 'bad-json', status: 400, message: 'body is not JSON' } };
  }
  const facts = readPayload(payload);
  if (!facts) return { refused: { reason: 'not-an-interaction', status: 400, message: 'not an interaction this endpoint handles' } };
  return { facts };
}

/**
 * Routes an interaction (through the admission queue, except autocomplete) and resolves with
 * the HTTP response's body: the answer when it comes within the inline window, else a deferral.
 */
function interactionAnswerer(options: InteractionServerOptions) {
  const { ctx, metrics, webhook } = options;
  const inlineWindowMs = options.inlineWindowMs ?? DEFAULT_INLINE_WINDOW_MS;
  const admission = new AdmissionQueue(options.admission ?? DEFAULT_ADMISSION);
  const route = createRouter(ctx, options.registry ?? createRegistry(), (interaction, outcome, ms) =>
    metrics.observeInteraction(interaction.kind, commandLabel(interaction), outcome, ms),
  );
  return async (facts: Exclude<PayloadFacts, { kind: 'ping' }>, receivedAt: number) => {
    const { interaction, responder } = toHttpInteraction(facts, { webhook, inlineWindowMs, receivedAt });
    const shed = () => {
      metrics.shed.inc();
      responder.respondWith(busyResponse(facts.kind === 'autocomplete'));
    };
    // Autocomplete is a cheap prefix lookup and must answer fast: it skips the queue.
    const finished =
      facts.kind === 'autocomplete'
        ? route(interaction)
        : admission.overloaded()
          ? (shed(), Promise.resolve())
          : admission.submit(() => route(interaction), shed);
    options.inFlight.track(finished);
    // Autocomplete cannot be deferred: past the safety point it answers with no choices.
    const safety = setTimeout(
      () => (facts.kind === 'autocomplete' ? responder.respondWith(busyResponse(true)) : responder.deferAsSafety()),
      Math.max(0, SAFETY_DEFER_MS - (performance.now() - receivedAt)),
    );
    const body = await Promise.race([responder.firstResponse, finished.then(() => undefined)]);
    clearTimeout(safety);
    if (body === undefined && !responder.responded) {
      // The handler finished without answering at all: tell the user rather than time out.
      responder.respondWith({
        type: CallbackType.Message,
        data: toApiMessage({ content: SOMETHING_WENT_WRONG, allowedMentions: NO_MENTIONS, flags: EPHEMERAL_FLAG }),
      });
    }
    return { response: body ?? (await responder.firstResponse), responder };
  };
}

function busyResponse(autocomplete: boolean): CallbackBody {
  if (autocomplete) return { type: CallbackType.Autocomplete, data: { choices: [] } };
  return {
    type: CallbackType.Message,
    data: toApiMessage({ content: BUSY_NOTE, allowedMentions: NO_MENTIONS, flags: EPHEMERAL_FLAG }),
  };
}

function stoppingResponse(autocomplete: boolean): CallbackBody {
  if (autocomplete) return { type: CallbackType.Autocomplete, data: { choices: [] } };
  return {
    type: CallbackType.Message,
    data: toApiMessage({ content: STOPPING_NOTE, allowedMentions: NO_MENTIONS, flags: EPHEMERAL_FLAG }),
  };
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
