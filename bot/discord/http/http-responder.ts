// Answering an interaction that arrived over HTTP. The first answer travels back in the HTTP
// response itself; later ones (edits, follow-ups, deletions) go through the interaction
// webhook. A deferral is held back for up to `inlineWindowMs`: if the handler finishes in that
// time, the finished message is the HTTP response (one round trip, no "thinking…" flash);
// otherwise the deferral is sent and the message follows as an edit, as on the gateway.
import { EPHEMERAL_FLAG, type OutgoingMessage, type Responder } from '../transport/interaction.ts';
import type { WebhookClient } from './webhook-client.ts';

/** Interaction callback types (the body of the HTTP response). */
export const CallbackType = {
  Pong: 1,
  Message: 4,
  DeferredMessage: 5,
  DeferredUpdate: 6,
  Autocomplete: 8,
} as const;

export interface CallbackBody {
  type: number;
  data?: Record<string, unknown>;
}

export interface HttpResponderOptions {
  applicationId: string;
  token: string;
  webhook: WebhookClient;
  /** How long a deferral may be held back, counted from `receivedAt`. 0 sends it at once. */
  inlineWindowMs: number;
  receivedAt: number;
}

/** Discord's JSON for a message, from the transport-agnostic one. */
export function toApiMessage(message: OutgoingMessage): Record<string, unknown> {
  const mentions = message.allowedMentions;
  return {
    ...(message.content !== undefined ? { content: message.content } : {}),
    ...(message.embeds !== undefined ? { embeds: message.embeds } : {}),
    ...(message.components !== undefined ? { components: message.components } : {}),
    ...(mentions !== undefined
      ? {
          allowed_mentions: {
            ...(mentions.parse !== undefined ? { parse: mentions.parse } : {}),
            ...(mentions.users !== undefined ? { users: mentions.users } : {}),
            ...(mentions.roles !== undefined ? { roles: mentions.roles } : {}),
            ...(mentions.repliedUser !== undefined ? { replied_user: mentions.repliedUser } : {}),
          },
        }
      : {}),
    ...(message.flags ? { flags: message.flags & EPHEMERAL_FLAG } : {}),
  };
}

type Phase =
  | 'fresh'
  /** deferReply called, deferral not sent yet. */
  | 'holding'
  /** Held deferral whose placeholder was deleted before anyone saw it. */
  | 'holding-discarded'
  /** The HTTP response has been given. */
  | 'responded';

export class HttpResponder implements Responder {
  deferred = false;
  replied = false;
  ephemeral: boolean | undefined = undefined;
  /** Resolves with the body of the HTTP response: the first answer. */
  readonly firstResponse: Promise<CallbackBody>;
  private phase: Phase = 'fresh';
  private resolveFirst!: (body: CallbackBody) => void;
  private sentResolve!: () => void;
  /** Resolves once the HTTP response has been written, so webhook calls come after it. */
  private readonly sent = new Promise<void>((resolve) => {
    this.sentResolve = resolve;
  });
  private holdTimer: NodeJS.Timeout | undefined;
  private deleteAfterSend = false;
  /** Deferred by the server because the handler had not answered in time. */
  private safetyDeferred = false;

  constructor(private readonly config: HttpResponderOptions) {
    this.firstResponse = new Promise((resolve) => {
      this.resolveFirst = resolve;
    });
  }

  get responded(): boolean {
    return this.phase === 'responded';
  }

  /** Called by the server once the HTTP response has gone out. */
  markSent(): void {
    this.sentResolve();
  }

  /** The first answer, from outside a handler (load shedding, failures). */
  respondWith(body: CallbackBody): void {
    if (this.phase !== 'responded') this.respond(body);
  }

  /** Sends a private deferral if nothing has answered yet; the handler's answer then edits it. */
  deferAsSafety(): void {
    if (this.phase !== 'fresh') return;
    this.safetyDeferred = true;
    this.deferred = true;
    this.ephemeral = true;
    this.respond({ type: CallbackType.DeferredMessage, data: this.ephemeralFlags() });
  }

  async reply(message: OutgoingMessage): Promise<void> {
    if (this.safetyDeferred && !this.replied) return this.editReply(message);
    this.expectFresh('reply');
    this.ephemeral = ((message.flags ?? 0) & EPHEMERAL_FLAG) !== 0;
    this.replied = true;
    this.respond({ type: CallbackType.Message, data: toApiMessage(message) });
  }

  async deferReply(options: { flags?: number } = {}): Promise<void> {
    if (this.safetyDeferred) return;
    this.expectFresh('deferReply');
    this.deferred = true;
    this.ephemeral = ((options.flags ?? 0) & EPHEMERAL_FLAG) !== 0;
    this.phase = 'holding';
    const left = this.config.inlineWindowMs - (performance.now() - this.config.receivedAt);
    if (left <= 0) this.flushDeferral();
    else this.holdTimer = setTimeout(() => this.flushDeferral(), left);
  }

  async deferUpdate(): Promise<void> {
    if (this.safetyDeferred) return;
    this.expectFresh('deferUpdate');
    this.deferred = true;
    this.respond({ type: CallbackType.DeferredUpdate });
  }

  async editReply(message: OutgoingMessage): Promise<void> {
    if (this.phase === 'fresh') throw new Error('editReply before the interaction was answered');
    if (this.phase === 'holding') {
      this.replied = true;
      this.respond({ type: CallbackType.Message, data: { ...toApiMessage(message), ...this.ephemeralFlags() } });
      return;
    }
    if (this.phase === 'holding-discarded') this.flushDeferral();
    await this.sent;
    await this.config.webhook.editOriginal(this.config.applicationId, this.config.token, toApiMessage(message));
    this.replied = true;
  }

  async followUp(message: OutgoingMessage): Promise<void> {
    if (this.phase === 'fresh') throw new Error('followUp before the interaction was answered');
    if (this.phase === 'holding-discarded') {
      // Nothing was shown yet: the follow-up becomes the response itself.
      this.deleteAfterSend = false;
      this.respond({ type: CallbackType.Message, data: toApiMessage(message) });
      return;
    }
    if (this.phase === 'holding') this.flushDeferral();
    await this.sent;
    await this.config.webhook.followUp(this.config.applicationId, this.config.token, toApiMessage(message));
  }

  async deleteReply(): Promise<void> {
    if (this.phase === 'fresh') throw new Error('deleteReply before the interaction was answered');
    if (this.phase === 'holding') {
      this.phase = 'holding-discarded';
      // If no follow-up replaces it in time, the deferral goes out and is then removed.
      this.deleteAfterSend = true;
      return;
    }
    if (this.phase === 'holding-discarded') return;
    await this.sent;
    await this.config.webhook.deleteOriginal(this.config.applicationId, this.config.token);
  }

  private flushDeferral(): void {
    if (this.phase !== 'holding' && this.phase !== 'holding-discarded') return;
    const discard = this.phase === 'holding-discarded' && this.deleteAfterSend;
    this.respond({ type: CallbackType.DeferredMessage, data: this.ephemeralFlags() });
    if (discard) {
      this.sent.then(() => this.config.webhook.deleteOriginal(this.config.applicationId, this.config.token)).catch(() => undefined);
    }
  }

  private ephemeralFlags(): { flags: number } {
    return { flags: this.ephemeral ? EPHEMERAL_FLAG : 0 };
  }

  private respond(body: CallbackBody): void {
    clearTimeout(this.holdTimer);
    this.phase = 'responded';
    this.resolveFirst(body);
  }

  private expectFresh(what: string): void {
    if (this.phase !== 'fresh') throw new Error(`${what}: the interaction has already been acknowledged`);
  }
}
