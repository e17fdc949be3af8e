// `npm run serve` through its life: it answers with the engine holder's current engine (a
// reload swaps it for the next interactions), and on a stop answers in flight (deferred ones,
// finished through the webhook) are delivered, interactions arriving meanwhile are told to
// come back, then the socket and the store close; the real process exits 0 on SIGTERM.
import { expect, test } from 'vitest';
import type { AskOptions } from '../../bot/answer/engine-contract.ts';
import { EngineHolder } from '../../bot/answer/engine-holder.ts';
import { startBotProcess } from '../support/bot-process.ts';
import { makeSigningKeys, startHarness } from '../support/discord-harness.ts';
import { InteractionFactory, makeUser } from '../support/discord-interactions.ts';
import { DiscordStandIn } from '../support/discord-stand-in.ts';
import { createTestEngine, withEngineOverrides } from '../support/test-engine.ts';

const STRING = 3;
const QUESTION = 'How do I keep my driver from running out of kernel-mode stack?';

test('each interaction is answered by the holder’s current engine: after a swap, the new one answers', async () => {
  const first = await createTestEngine();
  const holder = new EngineHolder(first);
  const h = await startHarness({ transport: 'http', engine: holder, inlineWindowMs: 1500, cooldownSeconds: 0 });
  try {
    const askedOfSecond: string[] = [];
    const second = withEngineOverrides(first, {
      ask: (question: string, options?: AskOptions) => {
        askedOfSecond.push(question);
        return first.ask(question, options);
      },
    });
    await h.run(h.factory.slash('ask', [{ name: 'question', type: STRING, value: QUESTION }], makeUser()));
    expect(askedOfSecond).toEqual([]);
    holder.swap({ engine: second, meta: undefined });
    const requests = await h.run(h.factory.slash('ask', [{ name: 'question', type: STRING, value: QUESTION }], makeUser()));
    expect(askedOfSecond).toEqual([QUESTION]);
    const callback = requests.find((r) => r.path.endsWith('/callback'));
    expect(callback?.body.data.embeds.length).toBeGreaterThan(0);
  } finally {
    await h.close();
  }
});

test('a stop lets a deferred answer finish, turns new interactions away, then closes the socket and the store', async () => {
  // Inline window 0: every answer is deferred and finished through the webhook.
  const h = await startHarness({ transport: 'http', inlineWindowMs: 0, cooldownSeconds: 0 });
  try {
    const server = h.server!;
    const ask = () => h.factory.slash('ask', [{ name: 'question', type: STRING, value: QUESTION }], makeUser());
    // Discord is slow to take the answer: it is in flight when the stop comes.
    const edit = h.standIn.holdNext({ method: 'PATCH', path: /\/messages\/%40original$/ });
    const inFlight = ask();
    const deferral = await h.standIn.postInteraction(`${server.url}/interactions`, inFlight, (body) => h.signatureHeaders(body));
    expect(deferral.body.type).toBe(5);
    await edit.arrived;

    let stopped = false;
    const stopping = server.stop().then(() => {
      stopped = true;
    });
    const late = await h.standIn.postInteraction(`${server.url}/interactions`, ask(), (body) => h.signatureHeaders(body));
    expect(late.status).toBe(200);
    expect(late.body.data.content, 'a new interaction is told to come back').toMatch(/restarting/);
    expect(late.body.data.flags & 64).toBe(64);
    expect(stopped, 'still waiting for the answer in flight').toBe(false);

    edit.release();
    await stopping;
    const answer = h.standIn.requestsFor(inFlight).find((r) => r.method === 'PATCH');
    expect(answer?.body.embeds.length).toBeGreaterThan(0);
    await expect(fetch(`${server.url}/healthz`), 'the socket is closed').rejects.toThrow();
    await expect(h.store.ping(), 'the store is closed').rejects.toThrow();
    expect(h.logs.some((line) => line.msg === 'interaction handler failed')).toBe(false);
    expect(h.logs.some((line) => line.msg === 'interactions endpoint stopped')).toBe(true);
  } finally {
    await h.close();
  }
});

test('npm run serve: SIGTERM after start exits 0 with the endpoint stopped', async () => {
  const standIn = await DiscordStandIn.start();
  const keys = makeSigningKeys();
  const serve = startBotProcess({
    standIn,
    entry: 'bot/discord/http/serve.ts',
    env: { DISCORD_PUBLIC_KEY: keys.publicKeyHex, PORT: '0', HOST: '127.0.0.1' },
  });
  try {
    const listening = await serve.waitForLog((line) => line.msg === 'interactions endpoint listening', 30_000);
    const ping = JSON.stringify({ id: '1', type: 1, application_id: standIn.applicationId, token: 'x', version: 1 });
    const pong = await fetch(`${listening.url}/interactions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...keys.headers(ping) },
      body: ping,
    });
    expect(await pong.json()).toEqual({ type: 1 });
    serve.child.kill('SIGTERM');
    expect(await serve.exited).toBe(0);
    expect(serve.logs.some((line) => line.msg === 'interactions endpoint stopped')).toBe(true);
  } finally {
    await serve.cleanUp();
    await standIn.close();
  }
});

test('npm run serve answers from engine threads; SIGHUP starts new ones and stops the old', async () => {
  const standIn = await DiscordStandIn.start();
  const keys = makeSigningKeys();
  const serve = startBotProcess({
    standIn,
    entry: 'bot/discord/http/serve.ts',
    env: { DISCORD_PUBLIC_KEY: keys.publicKeyHex, PORT: '0', HOST: '127.0.0.1', SERVE_ENGINE_THREADS: '1', BOT_COOLDOWN_SECONDS: '0' },
  });
  const factory = new InteractionFactory(standIn.applicationId);
  const post = async (interaction: unknown) => {
    const body = JSON.stringify(interaction);
    const response = await fetch(`${listening.url}/interactions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...keys.headers(body) },
      body,
    });
    expect(response.status).toBe(200);
    return (await response.json()) as any;
  };
  const ask = () => post(factory.slash('ask', [{ name: 'question', type: STRING, value: QUESTION }], makeUser()));
  let listening: { url?: string; [key: string]: unknown } = {};
  try {
    const threads = await serve.waitForLog((line) => line.msg === 'answering from engine threads', 30_000);
    expect(threads.engineThreads).toBe(1);
    listening = await serve.waitForLog((line) => line.msg === 'interactions endpoint listening', 30_000);
    const first = await ask();
    expect(first.type).toBe(4);
    expect(first.data.embeds[0].description).toMatch(/\]\(https:\/\/learn\.microsoft\.com\//);
    const titles = await post(
      factory.autocomplete('search', [{ name: 'query', type: STRING, value: 'kernel', focused: true }], makeUser()),
    );
    expect(titles.type).toBe(8);
    expect(titles.data.choices.length).toBeGreaterThan(0);

    serve.child.kill('SIGHUP');
    await serve.waitForLog((line) => line.msg.startsWith('index reloaded'), 30_000);
    await serve.waitForLog((line) => line.msg.startsWith('previous index released'), 30_000);
    const again = await ask();
    expect(again.data.embeds).toEqual(first.data.embeds);
    expect(serve.logs.some((line) => line.msg.startsWith('an engine thread failed'))).toBe(false);
    serve.child.kill('SIGTERM');
    expect(await serve.exited).toBe(0);
  } finally {
    await serve.cleanUp();
    await standIn.close();
  }
});
