// A local Discord for tests: the REST API under /api/v10 and the gateway WebSocket on
// 127.0.0.1, speaking the real protocol well enough for the real discord.js client. It
// records every REST request, keeps the messages interactions create, checks message payloads
// against Discord's limits (answering 400 like Discord would), and can be told to fail routes.
import { EventEmitter } from 'node:events';
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { discordLimitProblems } from './discord-limits.ts';

export interface RecordedRequest {
  method: string;
  /** Path as sent, after /api/v10, without the query (e.g. /webhooks/1/tok/messages/%40original). */
  path: string;
  query: URLSearchParams;
  /** Parsed JSON body (payload_json for multipart); undefined when empty. */
  body: any;
  /** Whether an Authorization header was sent (its value is not kept). */
  authorized: boolean;
  status: number;
  /** Why the stand-in rejected the payload, when it did. */
  rejected?: string[];
  at: number;
}

export interface FailureRule {
  method: string;
  /** Matched against the recorded path. */
  path: RegExp;
  status: number;
  body?: unknown;
  /** How many matching requests to fail (default 1). */
  times?: number;
}

export interface StoredMessage {
  id: string;
  channel_id: string;
  content: string;
  embeds: any[];
  components: any[];
  flags: number;
  deleted: boolean;
  [key: string]: unknown;
}

interface InteractionState {
  interaction: any;
  /** Whether the interaction callback was used (a second one is an error, as on Discord). */
  answered: boolean;
  original?: StoredMessage;
  followUps: StoredMessage[];
  /** Set while the interaction's HTTP POST awaits its response (the callback). */
  callbackPending?: Promise<void>;
}

const API_PREFIX = '/api/v10';
const DISCORD_EPOCH = 1420070400000n;
let sequence = 0n;

/** A fresh snowflake id, increasing. */
export function snowflake(): string {
  sequence += 1n;
  return (((BigInt(Date.now()) - DISCORD_EPOCH) << 22n) | (sequence & 0x3fffffn)).toString();
}

export class DiscordStandIn {
  readonly applicationId = snowflake();
  readonly botUser = {
    id: this.applicationId,
    username: 'driver-docs',
    global_name: 'Driver Docs',
    discriminator: '0000',
    avatar: null,
    bot: true,
    flags: 0,
    verified: true,
    mfa_enabled: false,
  };
  readonly requests: RecordedRequest[] = [];
  /** Identify payloads received on the gateway. */
  readonly identifies: any[] = [];
  private readonly events = new EventEmitter();
  private readonly failures: (FailureRule & { left: number })[] = [];
  private readonly interactions = new Map<string, InteractionState>();
  private readonly sockets = new Set<WebSocket>();
  private readonly messages = new Map<string, StoredMessage>();
  private readonly server = createServer((req, res) => void this.handleHttp(req, res));
  private readonly wss = new WebSocketServer({ server: this.server });
  private gatewaySeq = 0;
  private port = 0;
  /** When true, bot-authenticated requests get 401, as with a wrong token. */
  rejectBotAuth = false;
  /** Close code and time of every gateway connection the bot closed. */
  readonly gatewayCloses: { code: number; at: number }[] = [];
  /** When set, an identify is answered by closing the gateway with this code (4004: bad token). */
  closeOnIdentify: number | undefined;
  private readonly closedByStandIn = new WeakSet<WebSocket>();
  private readonly holds: { method: string; path: RegExp; released: Promise<void>; arrive: (path: string) => void; used: boolean }[] = [];

  static async start(): Promise<DiscordStandIn> {
    const standIn = new DiscordStandIn();
    await new Promise<void>((resolve) => standIn.server.listen(0, '127.0.0.1', resolve));
    standIn.port = (standIn.server.address() as AddressInfo).port;
    standIn.wss.on('connection', (socket) => standIn.onGatewayConnection(socket));
    return standIn;
  }

  /** REST base for discord.js's `rest.api` / DISCORD_API_URL. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) {
      this.closedByStandIn.add(socket);
      socket.terminate();
    }
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Makes the next `times` requests matching `method` and `path` fail with `status`. */
  failNext(rule: FailureRule): void {
    this.failures.push({ ...rule, left: rule.times ?? 1 });
  }

  /**
   * Calls `listener` with each request as it is answered, before the response is sent (tests
   * use it to act while an interaction is in flight). Returns a function that removes it.
   */
  onRequest(listener: (request: RecordedRequest) => void): () => void {
    this.events.on('request', listener);
    return () => this.events.off('request', listener);
  }

  /**
   * Holds the next request matching `method` and `path` (a slow Discord) until release() is
   * called; `arrived` resolves when the request is in, so the test knows it is in flight.
   */
  holdNext(rule: { method: string; path: RegExp }): { arrived: Promise<string>; release(): void } {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let arrive!: (path: string) => void;
    const arrived = new Promise<string>((resolve) => (arrive = resolve));
    this.holds.push({ ...rule, released, arrive, used: false });
    return { arrived, release };
  }

  /** Closes every gateway connection with `code`, as Discord does (e.g. 4004 after a token reset). */
  closeGateway(code: number, reason = ''): void {
    for (const socket of this.sockets) {
      this.closedByStandIn.add(socket);
      socket.close(code, reason);
    }
  }

  /** Resolves once the bot has closed a gateway connection; the close code. */
  waitForGatewayClose(timeoutMs = 5000): Promise<number> {
    const seen = this.gatewayCloses.length;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.events.off('gateway-close', listener);
        reject(new Error(`the bot did not close the gateway within ${timeoutMs} ms`));
      }, timeoutMs);
      const listener = () => {
        if (this.gatewayCloses.length <= seen) return;
        clearTimeout(timer);
        this.events.off('gateway-close', listener);
        resolve(this.gatewayCloses[seen]!.code);
      };
      this.events.on('gateway-close', listener);
    });
  }

  /** Forgets failures not yet used. */
  clearFailures(): void {
    this.failures.length = 0;
  }

  /** Sends INTERACTION_CREATE to every connected gateway session. */
  dispatchInteraction(interaction: any): void {
    this.interactions.set(interaction.token, { interaction, answered: false, followUps: [] });
    this.dispatch('INTERACTION_CREATE', interaction);
  }

  /**
   * Delivers an interaction as Discord does to an Interactions Endpoint URL: a signed POST
   * whose HTTP response is the interaction callback, recorded like a REST callback. Webhook
   * calls for the interaction wait until that response is in, as they would on Discord.
   */
  async postInteraction(
    endpoint: string,
    interaction: any,
    signatureHeaders: (body: string) => Record<string, string>,
  ): Promise<{ status: number; body: any }> {
    let release!: () => void;
    const state: InteractionState = {
      interaction,
      answered: false,
      followUps: [],
      callbackPending: new Promise<void>((resolve) => {
        release = resolve;
      }),
    };
    this.interactions.set(interaction.token, state);
    const text = JSON.stringify(interaction);
    try {
      const response = await fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...signatureHeaders(text) },
        body: text,
      });
      const raw = await response.text();
      const body = raw === '' ? undefined : JSON.parse(raw);
      if (response.status === 200 && body) this.recordHttpCallback(interaction, body);
      return { status: response.status, body };
    } finally {
      delete state.callbackPending;
      release();
    }
  }

  private recordHttpCallback(interaction: any, body: any): void {
    const record: RecordedRequest = {
      method: 'POST',
      path: `/interactions/${interaction.id}/${interaction.token}/callback`,
      query: new URLSearchParams(),
      body,
      authorized: false,
      status: 0,
      at: Date.now(),
    };
    record.status = this.callback(interaction.token, record)[0];
    this.requests.push(record);
    this.events.emit('request', record);
  }

  private dispatch(event: string, data: unknown): void {
    this.gatewaySeq += 1;
    const frame = JSON.stringify({ op: 0, t: event, s: this.gatewaySeq, d: data });
    for (const socket of this.sockets) socket.send(frame);
  }

  /** REST requests made for one interaction (its callback and its webhook calls). */
  requestsFor(interaction: { id: string; token: string }): RecordedRequest[] {
    return this.requests.filter((r) => r.path.startsWith(`/interactions/${interaction.id}/`) || r.path.includes(`/${interaction.token}`));
  }

  /** The message an interaction's response created (callback type 4/5, then edits). */
  originalMessage(token: string): StoredMessage | undefined {
    return this.interactions.get(token)?.original;
  }

  /** Any message the stand-in holds, by id. */
  message(id: string): StoredMessage | undefined {
    return this.messages.get(id);
  }

  followUps(token: string): StoredMessage[] {
    return this.interactions.get(token)?.followUps ?? [];
  }

  /** Resolves with the first recorded request matching `predicate` (including past ones). */
  waitForRequest(predicate: (request: RecordedRequest) => boolean, timeoutMs = 3000): Promise<RecordedRequest> {
    const found = this.requests.find(predicate);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.events.off('request', listener);
        reject(new Error(`no matching REST request within ${timeoutMs} ms`));
      }, timeoutMs);
      const listener = (request: RecordedRequest) => {
        if (!predicate(request)) return;
        clearTimeout(timer);
        this.events.off('request', listener);
        resolve(request);
      };
      this.events.on('request', listener);
    });
  }

  // --- gateway ----------------------------------------------------------------------------

  private onGatewayConnection(socket: WebSocket): void {
    this.sockets.add(socket);
    socket.on('close', (code) => {
      this.sockets.delete(socket);
      if (this.closedByStandIn.has(socket)) return;
      this.gatewayCloses.push({ code, at: Date.now() });
      this.events.emit('gateway-close', code);
    });
    socket.send(JSON.stringify({ op: 10, d: { heartbeat_interval: 41250 }, s: null, t: null }));
    socket.on('message', (raw) => {
      const frame = JSON.parse(raw.toString()) as { op: number; d: any };
      if (frame.op === 1) {
        socket.send(JSON.stringify({ op: 11, d: null, s: null, t: null }));
      } else if (frame.op === 2) {
        this.identifies.push(frame.d);
        if (this.closeOnIdentify !== undefined) {
          this.closedByStandIn.add(socket);
          socket.close(this.closeOnIdentify, 'Authentication failed.');
          return;
        }
        this.gatewaySeq += 1;
        socket.send(
          JSON.stringify({
            op: 0,
            t: 'READY',
            s: this.gatewaySeq,
            d: {
              v: 10,
              user: this.botUser,
              guilds: [],
              session_id: `session-${snowflake()}`,
              resume_gateway_url: this.gatewayUrl,
              shard: [0, 1],
              application: { id: this.applicationId, flags: 0 },
              user_settings: {},
              relationships: [],
              private_channels: [],
              presences: [],
              geo_ordered_rtc_regions: [],
              guild_join_requests: [],
            },
          }),
        );
      }
    });
  }

  // --- REST -------------------------------------------------------------------------------

  private async handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${this.port}`);
    const raw = await readBody(req);
    const method = req.method ?? 'GET';
    const rawPath = (req.url ?? '/').split('?')[0]!;
    const path = rawPath.startsWith(API_PREFIX) ? rawPath.slice(API_PREFIX.length) : rawPath;
    const webhookToken = /^\/webhooks\/\d+\/([^/]+)/.exec(path)?.[1];
    const pending = webhookToken ? this.interactions.get(webhookToken)?.callbackPending : undefined;
    if (pending) await pending;
    const record: RecordedRequest = {
      method,
      path,
      query: url.searchParams,
      body: parseBody(raw, req.headers['content-type']),
      authorized: typeof req.headers.authorization === 'string',
      status: 0,
      at: Date.now(),
    };
    const send = (status: number, body?: unknown) => {
      record.status = status;
      this.requests.push(record);
      this.events.emit('request', record);
      if (body === undefined) {
        res.writeHead(status).end();
      } else {
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      }
    };

    const hold = this.holds.find((rule) => !rule.used && rule.method === method && rule.path.test(path));
    if (hold) {
      hold.used = true;
      hold.arrive(path);
      await hold.released;
    }
    if (this.rejectBotAuth && record.authorized) {
      send(401, { message: '401: Unauthorized', code: 0 });
      return;
    }
    const failure = this.failures.find((rule) => rule.left > 0 && rule.method === method && rule.path.test(path));
    if (failure) {
      failure.left -= 1;
      send(failure.status, failure.body ?? errorBody(failure.status));
      return;
    }
    if (!rawPath.startsWith(API_PREFIX)) {
      send(404, { message: '404: Not Found', code: 0 });
      return;
    }
    try {
      const [status, body] = this.route(method, path, record);
      send(status, body);
    } catch (error) {
      send(500, { message: String(error), code: 0 });
    }
  }

  private route(method: string, path: string, record: RecordedRequest): [number, unknown?] {
    let m: RegExpMatchArray | null;
    if (method === 'GET' && path === '/gateway/bot') {
      return [
        200,
        {
          url: this.gatewayUrl,
          shards: 1,
          session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 },
        },
      ];
    }
    if (method === 'GET' && path === '/applications/@me') {
      return [200, { id: this.applicationId, name: 'Driver Docs', description: '', bot_public: true, flags: 0, bot: this.botUser }];
    }
    if (method === 'PUT' && (m = path.match(/^\/applications\/(\d+)\/(?:guilds\/(\d+)\/)?commands$/))) {
      if (!record.authorized) return [401, { message: '401: Unauthorized', code: 0 }];
      const commands = (record.body as any[]).map((command) => ({
        id: snowflake(),
        application_id: m![1],
        ...(m![2] ? { guild_id: m![2] } : {}),
        version: snowflake(),
        type: 1,
        default_member_permissions: null,
        ...command,
      }));
      return [200, commands];
    }
    if (method === 'POST' && (m = path.match(/^\/interactions\/(\d+)\/([^/]+)\/callback$/))) {
      return this.callback(m[2]!, record);
    }
    if ((m = path.match(/^\/webhooks\/(\d+)\/([^/]+)\/messages\/%40original$/))) {
      const target = this.interactions.get(m[2]!)?.original;
      if (!target || target.deleted) return [404, { message: 'Unknown Message', code: 10008 }];
      if (method === 'DELETE') {
        target.deleted = true;
        return [204];
      }
      if (method === 'PATCH') {
        const problems = discordLimitProblems(record.body);
        if (problems.length > 0) return this.reject(record, problems);
        Object.assign(target, messageFields(record.body), { edited_timestamp: new Date().toISOString() });
        return [200, target];
      }
    }
    if (method === 'POST' && (m = path.match(/^\/webhooks\/(\d+)\/([^/]+)$/))) {
      const state = this.interactions.get(m[2]!);
      if (!state) return [404, { message: 'Unknown Webhook', code: 10015 }];
      const problems = discordLimitProblems(record.body);
      if (problems.length > 0) return this.reject(record, problems);
      const message = this.newMessage(state, record.body);
      state.followUps.push(message);
      return record.query.get('wait') === 'true' ? [200, message] : [204];
    }
    return [404, { message: '404: Not Found', code: 0 }];
  }

  private callback(token: string, record: RecordedRequest): [number, unknown?] {
    const state = this.interactions.get(token);
    if (!state) return [404, { message: 'Unknown interaction', code: 10062 }];
    if (record.authorized) return [400, { message: 'interaction callbacks take no Authorization', code: 0 }];
    const { type, data } = record.body as { type: number; data?: any };
    if (state.answered) return [400, { message: 'Interaction has already been acknowledged.', code: 40060 }];
    if ([4, 7, 8].includes(type)) {
      const problems = discordLimitProblems(data);
      if (problems.length > 0) return this.reject(record, problems);
    }
    state.answered = true;
    if (type === 4 || type === 5) {
      state.original = this.newMessage(state, type === 4 ? data : { flags: data?.flags ?? 0 });
    } else if (type === 6 || type === 7) {
      // For a component interaction, @original is the message the component is attached to.
      const source = state.interaction.message;
      if (source) {
        state.original = this.messages.get(source.id) ?? this.remember({ ...source, deleted: false } as StoredMessage);
        if (type === 7) Object.assign(state.original, messageFields(data));
      }
    }
    return [204];
  }

  private reject(record: RecordedRequest, problems: string[]): [number, unknown] {
    record.rejected = problems;
    return [
      400,
      {
        message: 'Invalid Form Body',
        code: 50035,
        errors: { _errors: problems.map((message) => ({ code: 'BASE_TYPE_INVALID', message })) },
      },
    ];
  }

  private remember(message: StoredMessage): StoredMessage {
    this.messages.set(message.id, message);
    return message;
  }

  private newMessage(state: InteractionState, body: any): StoredMessage {
    const interaction = state.interaction;
    return this.remember({
      id: snowflake(),
      type: interaction.type === 2 ? 20 : 19,
      channel_id: interaction.channel_id,
      author: this.botUser,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      pinned: false,
      webhook_id: this.applicationId,
      application_id: this.applicationId,
      interaction_metadata: {
        id: interaction.id,
        type: interaction.type,
        user: interaction.member?.user ?? interaction.user,
        authorizing_integration_owners: interaction.authorizing_integration_owners,
      },
      content: '',
      embeds: [],
      components: [],
      flags: 0,
      deleted: false,
      ...messageFields(body),
    });
  }
}

function messageFields(body: any): Partial<StoredMessage> {
  const out: Partial<StoredMessage> = {};
  if (!body || typeof body !== 'object') return out;
  for (const key of ['content', 'embeds', 'components', 'flags', 'allowed_mentions'] as const) {
    if (body[key] !== undefined) (out as any)[key] = body[key];
  }
  return out;
}

function errorBody(status: number): unknown {
  if (status === 400) return { message: 'Invalid Form Body', code: 50035, errors: {} };
  if (status === 404) return { message: 'Unknown Message', code: 10008 };
  return { message: `${status}: Server Error`, code: 0 };
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** JSON bodies, or the payload_json part of a multipart/form-data body. */
function parseBody(raw: Buffer, contentType: string | undefined): unknown {
  if (raw.length === 0) return undefined;
  if (contentType?.startsWith('multipart/form-data')) {
    const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType);
    const marker = `--${boundary?.[1] ?? boundary?.[2]}`;
    for (const part of raw.toString('utf8').split(marker)) {
      const [head, ...rest] = part.split('\r\n\r\n');
      if (head && /name="payload_json"/.test(head)) return JSON.parse(rest.join('\r\n\r\n').replace(/\r\n$/, ''));
    }
    return undefined;
  }
  const text = raw.toString('utf8');
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
