// The HTTP interactions endpoint itself: signature checks, refusals of bad requests before any
// handler, answers inside the HTTP response, health, readiness, metrics and load shedding.
// The end-to-end command suite runs over HTTP too (vitest project "e2e-http").
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { AskOptions, FrontEndEngine } from '../../bot/answer/engine-contract.ts';
import { serveAdmission } from '../../bot/discord/http/serve-engine.ts';
import { BUSY_NOTE } from '../../bot/discord/http/server.ts';
import type { BotStore } from '../../bot/discord/store/bot-store.ts';
import { SqliteBotStore } from '../../bot/discord/store/sqlite-store.ts';
import { type Harness, makeSigningKeys, startHarness } from '../support/discord-harness.ts';
import { makeUser } from '../support/discord-interactions.ts';
import { assertWithinDiscordLimits } from '../support/discord-limits.ts';
import { createTestEngine, startTestEngineThreads, withEngineOverrides } from '../support/test-engine.ts';

const STRING = 3;
const BOOLEAN = 5;
const USER = 6;
const EPHEMERAL = 64;
const STACK_QUESTION = 'How do I keep my driver from running out of kernel-mode stack?';

let h: Harness;

beforeAll(async () => {
  // The default inline window: answers that are ready in time travel in the HTTP response.
  h = await startHarness({ transport: 'http', inlineWindowMs: 1500 });
});

afterAll(async () => {
  await h?.close();
});

function endpoint(): string {
  return `${h.server!.url}/interactions`;
}

async function post(body: string, headers: Record<string, string>): Promise<{ status: number; json: any }> {
  const response = await fetch(endpoint(), { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const text = await response.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: response.status, json };
}

function handledCount(): number {
  return h.logs.filter((line) => line.msg === 'interaction done').length;
}

describe('signatures', () => {
  test('a correctly signed PING gets PONG', async () => {
    const body = JSON.stringify({ id: '1', type: 1, application_id: h.standIn.applicationId, token: 'x', version: 1 });
    const response = await post(body, h.signatureHeaders(body));
    expect(response.status).toBe(200);
    expect(response.json).toEqual({ type: 1 });
  });

  test('unsigned, wrongly signed, tampered, stale and future-dated requests get 401 and reach no handler', async () => {
    const before = handledCount();
    const interaction = h.factory.slash('ask', [{ name: 'question', type: STRING, value: STACK_QUESTION }], makeUser());
    const body = JSON.stringify(interaction);
    const now = Math.floor(Date.now() / 1000);
    const otherKey = makeSigningKeys();
    const cases: Record<string, string>[] = [
      {},
      { 'x-signature-timestamp': String(now) },
      otherKey.headers(body),
      { ...h.signatureHeaders(body), 'x-signature-ed25519': 'zz' },
      h.signatureHeaders(body, String(now - 6 * 60)),
      h.signatureHeaders(body, String(now + 6 * 60)),
    ];
    for (const headers of cases) {
      const response = await post(body, headers);
      expect(response.status).toBe(401);
    }
    // Signed for one body, sent with another.
    const tampered = await post(body.replace('kernel-mode', 'user-mode'), h.signatureHeaders(body));
    expect(tampered.status).toBe(401);
    expect(handledCount()).toBe(before);
    expect(h.standIn.requestsFor(interaction)).toEqual([]);
  });
});

describe('bad requests', () => {
  test('oversized (413), truncated JSON, non-interactions and unknown types (400) reach no handler; the server goes on', async () => {
    const before = handledCount();
    const huge = JSON.stringify({ type: 2, padding: 'x'.repeat(200 * 1024) });
    expect((await post(huge, h.signatureHeaders(huge))).status).toBe(413);

    const interaction = h.factory.slash('ask', [{ name: 'question', type: STRING, value: STACK_QUESTION }], makeUser());
    const truncated = JSON.stringify(interaction).slice(0, 200);
    expect((await post(truncated, h.signatureHeaders(truncated))).status).toBe(400);

    for (const body of [
      '[]',
      'null',
      '"ask"',
      '{"type":"2"}',
      JSON.stringify({ ...interaction, type: 99 }),
      JSON.stringify({ ...interaction, token: 5 }),
    ]) {
      expect((await post(body, h.signatureHeaders(body))).status, body.slice(0, 40)).toBe(400);
    }
    const noUser = { ...interaction, member: undefined, user: undefined };
    const noUserBody = JSON.stringify(noUser);
    expect((await post(noUserBody, h.signatureHeaders(noUserBody))).status).toBe(400);
    expect(handledCount()).toBe(before);

    // Still answering.
    const requests = await h.run(h.factory.slash('help', [], makeUser()));
    expect(requests[0]!.body.type).toBe(4);
  });
});

describe('answers in the HTTP response', () => {
  test('/ask that is ready in time is the response itself: one message, no webhook calls', async () => {
    const interaction = h.factory.slash('ask', [{ name: 'question', type: STRING, value: STACK_QUESTION }], makeUser());
    const requests = await h.run(interaction);
    expect(requests).toHaveLength(1);
    const callback = requests[0]!;
    expect(callback.path).toMatch(/\/callback$/);
    expect(callback.body.type).toBe(4);
    const data = callback.body.data;
    expect(data.flags ?? 0).toBe(0);
    assertWithinDiscordLimits(data);
    expect(data.allowed_mentions).toEqual({ parse: [] });
    expect(data.embeds[0].url).toMatch(/^https:\/\/learn\.microsoft\.com\//);
    expect(data.components.flatMap((row: any) => row.components).map((b: any) => b.label)).toContain('Delete');
  });

  test('hidden /ask: an ephemeral response', async () => {
    const interaction = h.factory.slash(
      'ask',
      [
        { name: 'question', type: STRING, value: STACK_QUESTION },
        { name: 'hide', type: BOOLEAN, value: true },
      ],
      makeUser(),
    );
    const requests = await h.run(interaction);
    expect(requests).toHaveLength(1);
    expect(requests[0]!.body.type).toBe(4);
    expect(requests[0]!.body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
  });

  test('mention: the response is the new message that pings that one user; nothing to delete', async () => {
    const target = makeUser();
    const interaction = h.factory.slash(
      'ask',
      [
        { name: 'question', type: STRING, value: STACK_QUESTION },
        { name: 'mention', type: USER, value: target.id },
      ],
      makeUser(),
      [target],
    );
    const requests = await h.run(interaction);
    expect(requests).toHaveLength(1);
    const data = requests[0]!.body.data;
    expect(requests[0]!.body.type).toBe(4);
    expect(data.content).toContain(`<@${target.id}>`);
    expect(data.allowed_mentions).toEqual({ parse: [], users: [target.id] });
  });

  test('a button on an answer works over HTTP (the view is in the store)', async () => {
    const asker = makeUser();
    const interaction = h.factory.slash('ask', [{ name: 'question', type: STRING, value: STACK_QUESTION }], asker);
    await h.run(interaction);
    const message = h.standIn.originalMessage(interaction.token)!;
    const up = message.components.flatMap((row: any) => row.components).find((b: any) => b.label === 'Helpful');
    const before = (await h.store.summary()).votes.up;
    const requests = await h.run(h.factory.button(up.custom_id, message, makeUser()));
    expect(requests[0]!.body.type).toBe(4);
    expect((await h.store.summary()).votes.up).toBe(before + 1);
  });
});

describe('health, readiness, metrics', () => {
  test('/healthz and /readyz answer 200 while the store is reachable', async () => {
    expect((await fetch(`${h.server!.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${h.server!.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
  });

  test('/metrics counts interactions by command and outcome, refusals, and the process', async () => {
    const response = await fetch(`${h.server!.url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/plain/);
    const text = await response.text();
    expect(text).toMatch(/driver_docs_interactions_total\{kind="chat-input",command="ask",outcome="ok"\} [1-9]/);
    expect(text).toMatch(/driver_docs_http_refused_total\{reason="signature-missing"\} [1-9]/);
    expect(text).toMatch(/driver_docs_answer_seconds_bucket\{le="0.1",kind="chat-input"\} \d+/);
    expect(text).toMatch(/driver_docs_index_pages [1-9]\d*/);
    expect(text).toMatch(/process_resident_memory_bytes \d+/);
  });
});

describe('slow answers', () => {
  /** The SQLite store, with some operations made slow (as a distant database can be). */
  function slowStore(delays: { getView?: number; saveView?: number }): BotStore {
    const store = SqliteBotStore.open(':memory:');
    const wait = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));
    return Object.assign(Object.create(store) as BotStore, {
      getView: async (id: string) => (await wait(delays.getView), store.getView(id)),
      saveView: async (view: Parameters<BotStore['saveView']>[0]) => (await wait(delays.saveView), store.saveView(view)),
    });
  }

  async function timedRun(harness: Harness, interaction: any) {
    const requests = await harness.run(interaction, 8000);
    const callback = requests.find((r) => r.path.endsWith('/callback'))!;
    return { requests, callback };
  }

  test('an answer not ready within the inline window is deferred in the response and finished by an edit', async () => {
    const store = slowStore({ saveView: 2000 });
    const slow = await startHarness({ transport: 'http', inlineWindowMs: 300, store });
    try {
      const started = Date.now();
      const interaction = slow.factory.slash('ask', [{ name: 'question', type: STRING, value: STACK_QUESTION }], makeUser());
      const { requests, callback } = await timedRun(slow, interaction);
      expect(callback.body.type).toBe(5);
      expect(callback.body.data.flags & EPHEMERAL).toBe(0);
      expect(callback.at - started).toBeLessThan(1500);
      const edit = requests.find((r) => r.method === 'PATCH' && r.path.endsWith('/messages/%40original'));
      expect(edit?.status).toBe(200);
      expect(edit!.body.embeds[0].url).toMatch(/^https:\/\/learn\.microsoft\.com\//);
    } finally {
      await slow.close();
      await store.close();
    }
  });

  test('a handler that has not answered at all by 2.5 s is deferred by the server, then finished', async () => {
    const store = slowStore({ getView: 2900 });
    const slow = await startHarness({ transport: 'http', inlineWindowMs: 1500, store });
    try {
      const first = slow.factory.slash('ask', [{ name: 'question', type: STRING, value: STACK_QUESTION }], makeUser());
      await slow.run(first);
      const message = slow.standIn.originalMessage(first.token)!;
      const more = message.components.flatMap((row: any) => row.components).find((b: any) => b.label === 'More sources');
      const started = Date.now();
      const press = slow.factory.button(more.custom_id, message, makeUser());
      const { requests, callback } = await timedRun(slow, press);
      expect(callback.body.type).toBe(5);
      expect(callback.body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
      expect(callback.at - started).toBeLessThan(3000);
      expect(callback.at - started).toBeGreaterThanOrEqual(2400);
      const edit = requests.find((r) => r.method === 'PATCH' && r.path.endsWith('/messages/%40original'));
      expect(edit?.body.embeds.length).toBeGreaterThan(0);
    } finally {
      await slow.close();
      await store.close();
    }
  });
});

describe('overload', () => {
  // The client runs in a worker thread: requests keep arriving while the server's loop is busy,
  // as they do from Discord.
  const CLIENT = `
    const { parentPort, workerData } = require('node:worker_threads');
    Promise.all(workerData.requests.map(async ({ body, headers }) => {
      const sent = performance.now();
      const response = await fetch(workerData.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
      return { status: response.status, json: await response.json(), ms: performance.now() - sent };
    })).then((results) => parentPort.postMessage(results));
  `;

  /** `count` different /ask questions sent at once from another thread, with each one's time to its response. */
  async function askAllAtOnce(busy: Harness, count: number): Promise<{ status: number; json: any; ms: number }[]> {
    const requests = Array.from({ length: count }, (_, i) => {
      const body = JSON.stringify(
        busy.factory.slash('ask', [{ name: 'question', type: STRING, value: `${STACK_QUESTION} ${i}` }], makeUser()),
      );
      return { body, headers: busy.signatureHeaders(body) };
    });
    const worker = new Worker(CLIENT, { eval: true, workerData: { url: `${busy.server!.url}/interactions`, requests } });
    try {
      return await new Promise((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
      });
    } finally {
      await worker.terminate();
    }
  }

  test('past the queue budget, interactions get a quick private "busy" note, and none waits past 3 s', async () => {
    const real = await createTestEngine();
    // Each answer costs 40 ms of CPU: 60 at once are 2.4 s of work for one process.
    const slow = withEngineOverrides(real, {
      ask: (question: string, options?: AskOptions) => {
        const until = performance.now() + 40;
        while (performance.now() < until);
        return real.ask(question, options);
      },
    });
    const busy = await startHarness({
      engine: slow,
      transport: 'http',
      cooldownSeconds: 0,
      inlineWindowMs: 1500,
      admission: { concurrency: 1, maxExpectedWaitMs: 300, maxQueuedMs: 600 },
    });
    try {
      const responses = await askAllAtOnce(busy, 60);
      for (const response of responses) {
        expect(response.status).toBe(200);
        expect(response.ms).toBeLessThan(3000);
      }
      const shed = responses.filter((r) => r.json.data?.content === BUSY_NOTE);
      const answered = responses.filter((r) => r.json.type === 4 && r.json.data?.embeds?.length > 0);
      expect(shed.length).toBeGreaterThan(0);
      expect(answered.length).toBeGreaterThan(0);
      expect(shed.length + answered.length).toBe(60);
      for (const r of shed) {
        expect(r.json.type).toBe(4);
        expect(r.json.data.flags & EPHEMERAL).toBe(EPHEMERAL);
        expect(r.json.data.allowed_mentions).toEqual({ parse: [] });
      }
      const metrics = await (await fetch(`${busy.server!.url}/metrics`)).text();
      expect(metrics).toContain(`driver_docs_shed_total ${shed.length}`);
    } finally {
      await busy.close();
    }
  });

  test('with the engine in threads, the event loop stays free: past the budget the rest get "busy" before the queue drains', async () => {
    const threads = await startTestEngineThreads();
    // One answer thread whose answers each take 40 ms more: 60 at once are 2.4 s of work,
    // while the main thread's loop stays free to read requests and shed.
    let lane: Promise<unknown> = Promise.resolve();
    const slowThread = withEngineOverrides<FrontEndEngine>(threads, {
      ask: (question, options) => {
        const answer = lane.then(() => new Promise((resolve) => setTimeout(resolve, 40))).then(() => threads.ask(question, options));
        lane = answer.catch(() => undefined);
        return answer;
      },
    });
    const busy = await startHarness({
      engine: slowThread,
      transport: 'http',
      cooldownSeconds: 0,
      inlineWindowMs: 1500,
      admission: serveAdmission(1),
    });
    try {
      const responses = await askAllAtOnce(busy, 60);
      for (const response of responses) expect(response.status).toBe(200);
      const shed = responses.filter((r) => r.json.data?.content === BUSY_NOTE);
      const answered = responses.filter((r) => r.json.type === 4 && r.json.data?.embeds?.length > 0);
      expect(shed.length).toBeGreaterThan(0);
      expect(answered.length).toBeGreaterThan(0);
      expect(shed.length + answered.length).toBe(60);
      for (const r of shed) expect(r.json.data.flags & EPHEMERAL).toBe(EPHEMERAL);
      // Shedding did not wait for the queue: every "busy" came before the last answer.
      expect(Math.max(...shed.map((r) => r.ms))).toBeLessThan(Math.max(...answered.map((r) => r.ms)));
    } finally {
      await busy.close();
      await threads.close();
    }
  });
});
