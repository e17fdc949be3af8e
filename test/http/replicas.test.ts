// Two `serve` processes sharing one PostgreSQL: an answer made by one replica has working
// buttons on the other, and a user's cooldown holds whichever replica gets the request.
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { PostgresBotStore } from '../../bot/discord/store/postgres-store.ts';
import { makeSigningKeys } from '../support/discord-harness.ts';
import { InteractionFactory, makeUser } from '../support/discord-interactions.ts';
import { DiscordStandIn } from '../support/discord-stand-in.ts';
import { type TestPostgres, startTestPostgres } from '../support/postgres.ts';

const STRING = 3;
const EPHEMERAL = 64;
const STACK_QUESTION = 'How do I keep my driver from running out of kernel-mode stack?';
const childEntry = fileURLToPath(new URL('../support/serve-child.ts', import.meta.url));

let postgres: TestPostgres;
let databaseUrl: string;
let standIn: DiscordStandIn;
const keys = makeSigningKeys();
const replicas: { url: string; child: ChildProcess }[] = [];

async function startReplica(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', childEntry], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      DISCORD_PUBLIC_KEY: keys.publicKeyHex,
      DISCORD_API_URL: standIn.apiUrl,
      BOT_COOLDOWN_SECONDS: '3',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`replica exited with ${code}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const parsed = JSON.parse(line) as { url: string; store: string };
      expect(parsed.store).toBe('postgres');
      resolve(parsed.url);
    });
  });
  return { url, child };
}

beforeAll(async () => {
  postgres = await startTestPostgres();
  databaseUrl = await postgres.database();
  standIn = await DiscordStandIn.start();
  replicas.push(...(await Promise.all([startReplica(), startReplica()])));
});

afterAll(async () => {
  await Promise.all(
    replicas.map(
      ({ child }) =>
        new Promise((resolve) => {
          child.once('exit', resolve);
          child.kill('SIGTERM');
        }),
    ),
  );
  await standIn?.close();
  await postgres?.stop();
});

async function send(replica: number, interaction: any) {
  const response = await standIn.postInteraction(`${replicas[replica]!.url}/interactions`, interaction, (body) => keys.headers(body));
  expect(response.status).toBe(200);
  return response.body;
}

function buttonId(message: { components: any[] }, label: string): string {
  const found = message.components.flatMap((row: any) => row.components).find((b: any) => b.label === label);
  expect(found, label).toBeDefined();
  return found.custom_id;
}

test('a button on an answer made by replica A works when the click reaches replica B', async () => {
  const factory = new InteractionFactory(standIn.applicationId);
  const asker = makeUser();
  const ask = factory.slash('ask', [{ name: 'question', type: STRING, value: STACK_QUESTION }], asker);
  const answer = await send(0, ask);
  expect(answer.type).toBe(4);
  const message = standIn.originalMessage(ask.token)!;

  const more = await send(1, factory.button(buttonId(message, 'More sources'), message, makeUser()));
  expect(more.type).toBe(4);
  expect(more.data.flags & EPHEMERAL).toBe(EPHEMERAL);
  expect(more.data.embeds?.length).toBeGreaterThan(0);
  expect(more.data.content ?? '').not.toMatch(/no longer have this answer/);

  const vote = await send(1, factory.button(buttonId(message, 'Helpful'), message, makeUser()));
  expect(vote.data.content).toMatch(/Thanks/);
  const reader = await PostgresBotStore.connect(databaseUrl);
  try {
    expect((await reader.summary()).votes.up).toBe(1);
  } finally {
    await reader.close();
  }
});

test("a user's cooldown holds across replicas", async () => {
  const factory = new InteractionFactory(standIn.applicationId);
  const user = makeUser();
  const first = await send(0, factory.slash('ask', [{ name: 'question', type: STRING, value: STACK_QUESTION }], user));
  expect(first.data.embeds?.length).toBeGreaterThan(0);
  const second = await send(1, factory.slash('ask', [{ name: 'question', type: STRING, value: STACK_QUESTION }], user));
  expect(second.type).toBe(4);
  expect(second.data.flags & EPHEMERAL).toBe(EPHEMERAL);
  expect(second.data.content).toMatch(/wait \d+ seconds?/);
});
