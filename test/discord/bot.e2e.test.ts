// End to end: the bot's real discord.js client against the local Discord stand-in. Each test
// dispatches real INTERACTION_CREATE payloads over the gateway and asserts what reached the
// REST API. Assertions hold for any engine implementing the contract over the real docs; over
// HTTP the engine answers from worker threads, as `npm run serve` runs it.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DOCS_CREDIT } from '../../bot/answer/credit.ts';
import type { FrontEndEngine } from '../../bot/answer/engine-contract.ts';
import type { EnginePool } from '../../bot/answer/engine-threads/engine-pool.ts';
import { allCommands } from '../../bot/discord/commands.ts';
import { E2E_TRANSPORT, TEST_TOKEN, type Harness, startHarness } from '../support/discord-harness.ts';
import { type FakeUser, makeUser } from '../support/discord-interactions.ts';
import { assertWithinDiscordLimits, discordLimitProblems } from '../support/discord-limits.ts';
import type { RecordedRequest, StoredMessage } from '../support/discord-stand-in.ts';
import { createTestEngine, startTestEngineThreads, withEngineOverrides } from '../support/test-engine.ts';

const STRING = 3;
const INTEGER = 4;
const BOOLEAN = 5;
const USER = 6;
const EPHEMERAL = 64;

const STACK_QUESTION = 'How do I keep my driver from running out of kernel-mode stack?';
/** The wrapped engine throws for this question: a handler that fails. */
const EXPLODING_QUESTION = 'please explode while answering this';

let h: Harness;

let threads: EnginePool | undefined;

beforeAll(async () => {
  // Over HTTP the engine answers from worker threads, as in `npm run serve`.
  if (E2E_TRANSPORT === 'http') threads = await startTestEngineThreads();
  const real: FrontEndEngine = threads ?? (await createTestEngine());
  // The test engine, except that one question makes it throw.
  const engine = withEngineOverrides<FrontEndEngine>(real, {
    ask: (question, options) => {
      if (question.includes(EXPLODING_QUESTION)) throw new Error('engine exploded (test)');
      return real.ask(question, options);
    },
  });
  h = await startHarness({ engine, transport: E2E_TRANSPORT });
});

afterAll(async () => {
  await h?.close();
  await threads?.close();
});

// --- helpers ------------------------------------------------------------------------------

/** A page of the slice whose repository path is longer than a Discord choice value may be. */
const LONG_PAGE = {
  path: 'windows-driver-docs-pr/kernel/synchronizing-cancellation-in-higher-level-drivers-without-cancel-rout.md',
  title: 'Synchronizing Cancellation in Higher-Level Drivers Without Cancel Routines',
  url: 'https://learn.microsoft.com/windows-hardware/drivers/kernel/synchronizing-cancellation-in-higher-level-drivers-without-cancel-rout',
};

/** The value Discord would send back for the choice named `title` (the bot's own autocomplete). */
async function chosenValue(command: string, option: string, title: string): Promise<string> {
  const interaction = h.factory.autocomplete(command, [{ name: option, type: STRING, value: title, focused: true }], makeUser());
  const choices: { name: string; value: string }[] = callback(await h.run(interaction)).body.data.choices;
  const choice = choices.find((c) => c.name === title);
  expect(choice, `a choice named ${title}`).toBeDefined();
  return choice!.value;
}

function callback(requests: RecordedRequest[]): RecordedRequest {
  const found = requests.filter((r) => r.method === 'POST' && r.path.endsWith('/callback'));
  expect(found, 'exactly one interaction callback').toHaveLength(1);
  return found[0]!;
}

function edits(requests: RecordedRequest[]): RecordedRequest[] {
  return requests.filter((r) => r.method === 'PATCH' && r.path.endsWith('/messages/%40original'));
}

function followUps(requests: RecordedRequest[]): RecordedRequest[] {
  return requests.filter((r) => r.method === 'POST' && r.path.startsWith('/webhooks/'));
}

function deletes(requests: RecordedRequest[]): RecordedRequest[] {
  return requests.filter((r) => r.method === 'DELETE');
}

/** The one message body that carries the answer (edit of the deferred reply, or follow-up). */
function answerBody(requests: RecordedRequest[]): any {
  const bodies = [...edits(requests), ...followUps(requests)].map((r) => r.body);
  expect(bodies.length, 'one message with the answer').toBe(1);
  return bodies[0];
}

/** Every piece of text a message shows. */
function messageText(body: any): string {
  const parts: string[] = [body.content ?? ''];
  for (const embed of body.embeds ?? []) {
    parts.push(embed.title ?? '', embed.description ?? '', embed.footer?.text ?? '', embed.author?.name ?? '');
    for (const field of embed.fields ?? []) parts.push(field.name, field.value);
  }
  return parts.join('\n');
}

/** Targets of markdown links in the message: [label](url) with an unescaped opening bracket. */
function linkUrls(body: any): string[] {
  return [...messageText(body).matchAll(/(?<!\\)\[(?:\\.|[^\]\\])*\]\((https?:[^)\s]+)\)/g)].map((m) => m[1]!);
}

/** Targets of the numbered citation links: [\[n\]](url). */
function citationUrls(body: any): string[] {
  return [...messageText(body).matchAll(/\[\\\[\d+\\\]\]\((https?:[^)\s]+)\)/g)].map((m) => m[1]!);
}

function buttons(body: any): any[] {
  return (body.components ?? []).flatMap((row: any) => row.components);
}

function button(body: any, label: string): any {
  const found = buttons(body).find((b) => b.label === label);
  expect(found, `button "${label}"`).toBeDefined();
  return found;
}

/** The bot's message as Discord holds it, for pressing its buttons. */
function messageOf(interaction: any): StoredMessage {
  const original = h.standIn.originalMessage(interaction.token);
  const follow = h.standIn.followUps(interaction.token).at(-1);
  const message = follow ?? original;
  expect(message, 'a message the interaction created').toBeDefined();
  return message!;
}

async function ask(question: string, user: FakeUser, extra: { hide?: boolean; mention?: FakeUser } = {}) {
  const options: { name: string; type: number; value: string | boolean }[] = [{ name: 'question', type: STRING, value: question }];
  if (extra.hide !== undefined) options.push({ name: 'hide', type: BOOLEAN, value: extra.hide });
  if (extra.mention) options.push({ name: 'mention', type: USER, value: extra.mention.id });
  const interaction = h.factory.slash('ask', options, user, extra.mention ? [extra.mention] : []);
  const requests = await h.run(interaction);
  return { interaction, requests };
}

// --- connection ---------------------------------------------------------------------------

describe.skipIf(E2E_TRANSPORT !== 'gateway')('connection', () => {
  test('identifies with the Guilds intent only and found the gateway through GET /gateway/bot', () => {
    expect(h.standIn.identifies).toHaveLength(1);
    expect(h.standIn.identifies[0].intents).toBe(1);
    const gateway = h.standIn.requests.find((r) => r.method === 'GET' && r.path === '/gateway/bot');
    expect(gateway?.authorized).toBe(true);
  });

  test('the client pings nobody by default', () => {
    expect(h.bot!.client.options.allowedMentions).toEqual({ parse: [] });
  });
});

// --- /ask ---------------------------------------------------------------------------------

describe('/ask', () => {
  test('public: defers visibly, then edits in a cited answer within the limits', async () => {
    const user = makeUser();
    const { requests } = await ask(STACK_QUESTION, user);
    const cb = callback(requests);
    expect(cb.body.type).toBe(5);
    expect(cb.body.data.flags & EPHEMERAL).toBe(0);
    expect(cb.authorized).toBe(false);

    const body = answerBody(requests);
    assertWithinDiscordLimits(body);
    expect(body.allowed_mentions).toEqual({ parse: [] });
    const cited = citationUrls(body);
    expect(cited.length).toBeGreaterThanOrEqual(1);
    for (const url of cited) expect(url).toMatch(/^https:\/\/learn\.microsoft\.com\//);
    expect(body.embeds[0].url).toMatch(/^https:\/\/learn\.microsoft\.com\//);
    expect(body.embeds[0].footer.text).toMatch(/CC BY 4\.0/);
    // Query terms are emphasised in the excerpts.
    expect(body.embeds[0].description).toMatch(/\*\*[^*]+\*\*/);

    expect(button(body, 'Delete').custom_id).toContain(user.id);
    expect(buttons(body).some((b) => b.label === 'Share in channel')).toBe(false);
    expect(button(body, 'Open page').url).toMatch(/^https:\/\/learn\.microsoft\.com\//);
    expect(button(body, 'Helpful').custom_id).toMatch(/^up:/);
    expect(button(body, 'Not helpful').custom_id).toMatch(/^down:/);
  });

  test('hide: defers ephemerally and offers "Share in channel" instead of "Delete"', async () => {
    const { requests } = await ask(STACK_QUESTION, makeUser(), { hide: true });
    const cb = callback(requests);
    expect(cb.body.type).toBe(5);
    expect(cb.body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    const body = answerBody(requests);
    assertWithinDiscordLimits(body);
    expect(button(body, 'Share in channel').custom_id).toMatch(/^share:/);
    expect(buttons(body).some((b) => b.label === 'Delete')).toBe(false);
  });

  test('mention: the answer is a new message that may ping that one user and nobody else', async () => {
    const asker = makeUser();
    const target = makeUser('colleague');
    const { requests } = await ask(STACK_QUESTION, asker, { mention: target });
    expect(callback(requests).body.type).toBe(5);
    // Discord does not notify for mentions added by an edit: placeholder removed, answer sent new.
    expect(deletes(requests)).toHaveLength(1);
    expect(edits(requests)).toHaveLength(0);
    const body = answerBody(requests);
    assertWithinDiscordLimits(body);
    expect(body.content).toContain(`<@${target.id}>`);
    expect(body.allowed_mentions).toEqual({ parse: [], users: [target.id] });
    expect(citationUrls(body).length).toBeGreaterThanOrEqual(1);
  });

  test('hide with mention: hidden wins, nobody can be pinged', async () => {
    const target = makeUser();
    const { requests } = await ask(STACK_QUESTION, makeUser(), { hide: true, mention: target });
    const body = answerBody(requests);
    expect(body.allowed_mentions).toEqual({ parse: [] });
    expect(body.content ?? '').not.toContain(target.id);
  });

  test('@everyone, mentions and markdown in the question ping nobody and are shown escaped', async () => {
    const question =
      '@everyone @here <@&123456789012345678> <@123456789012345678> **kernel** stack `overflow` || [x](https://evil.example) #';
    const { requests } = await ask(question, makeUser());
    const body = answerBody(requests);
    assertWithinDiscordLimits(body);
    expect(body.allowed_mentions).toEqual({ parse: [] });
    const text = messageText(body);
    expect(text).not.toMatch(/@everyone|@here/);
    expect(text).not.toMatch(/<@&?\d/);
    expect(text).toContain('@\u200beveryone');
    const title: string = body.embeds[0].title;
    expect(title).toContain('\\*\\*kernel\\*\\*');
    expect(title).toContain('\\`overflow\\`');
    expect(linkUrls(body)).not.toContain('https://evil.example');
  });

  test('a question the docs cannot answer is recorded as unanswered', async () => {
    const question = 'zqxwv plorkt frimble';
    const { requests } = await ask(question, makeUser());
    const body = answerBody(requests);
    assertWithinDiscordLimits(body);
    expect(citationUrls(body)).toHaveLength(0);
    const summary = await h.store.summary();
    expect(summary.topUnanswered.map((row) => row.question)).toContain(question);
  });

  test('cooldown: a second question within 3 s gets a polite private note', async () => {
    const user = makeUser();
    await ask(STACK_QUESTION, user);
    const { requests } = await ask(STACK_QUESTION, user);
    const cb = callback(requests);
    expect(cb.body.type).toBe(4);
    expect(cb.body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(cb.body.data.content).toMatch(/wait \d+ seconds?/);
    expect(requests).toHaveLength(1);
  });
});

// --- autocomplete -------------------------------------------------------------------------

describe('autocomplete', () => {
  async function complete(command: string, option: string, value: string) {
    const interaction = h.factory.autocomplete(command, [{ name: option, type: STRING, value, focused: true }], makeUser());
    const requests = await h.run(interaction);
    // Answered at once with type 8, never deferred.
    expect(requests).toHaveLength(1);
    const cb = callback(requests);
    expect(cb.body.type).toBe(8);
    const choices: { name: string; value: string }[] = cb.body.data.choices;
    expect(choices.length).toBeLessThanOrEqual(25);
    for (const choice of choices) {
      expect(choice.name.length).toBeGreaterThanOrEqual(1);
      expect(choice.name.length).toBeLessThanOrEqual(100);
      expect(choice.value.length).toBeLessThanOrEqual(100);
    }
    assertWithinDiscordLimits(cb.body.data);
    return choices;
  }

  test('/search suggests page titles (values are page paths)', async () => {
    const choices = await complete('search', 'query', 'kernel');
    expect(choices.length).toBeGreaterThan(0);
    const expected = h.engine.suggestTitles('kernel').slice(0, 25);
    expect(choices.map((c) => c.name)).toEqual(expected.map((s) => s.name));
    for (const choice of choices) {
      const page = choice.value.startsWith('page:') ? h.engine.pageById(choice.value.slice(5)) : h.engine.pageByPath(choice.value);
      expect(page?.title, choice.value).toBe(choice.name);
    }
  });

  test('a page whose path is over 100 characters is still offered, by a value within the limit', async () => {
    expect(LONG_PAGE.path.length).toBeGreaterThan(100);
    for (const [command, option] of [
      ['search', 'query'],
      ['tip', 'topic'],
    ] as const) {
      const choice = (await complete(command, option, LONG_PAGE.title)).find((c) => c.name === LONG_PAGE.title);
      expect(choice, `${command} offers the page`).toBeDefined();
      expect(choice!.value).toMatch(/^page:[0-9a-f]+$/);
    }
  });

  test('/tip suggests key tips first, then page titles', async () => {
    const choices = await complete('tip', 'topic', '');
    expect(choices.length).toBeGreaterThan(0);
    expect(choices[0]!.value).toMatch(/^tip:/);
    const withPages = await complete('tip', 'topic', 'stack');
    const firstPage = withPages.findIndex((c) => !c.value.startsWith('tip:'));
    const lastTip = withPages.map((c) => c.value.startsWith('tip:')).lastIndexOf(true);
    if (firstPage !== -1 && lastTip !== -1) expect(lastTip).toBeLessThan(firstPage);
  });

  test('/api suggests API names', async () => {
    const choices = await complete('api', 'name', 'IoCreate');
    expect(choices.map((c) => c.value)).toContain('IoCreateDevice');
  });

  test('an empty or unknown prefix still answers, with at most 25 choices', async () => {
    await complete('search', 'query', '');
    expect(await complete('api', 'name', 'zzzzzzzz')).toEqual([]);
    expect(await complete('no-such-command', 'query', 'x')).toEqual([]);
  });
});

// --- /search, /tip, /api, /help, /feedback-summary ---------------------------------------

describe('other commands', () => {
  test('/search with free text lists linked pages', async () => {
    const interaction = h.factory.slash('search', [{ name: 'query', type: STRING, value: 'kernel stack' }], makeUser());
    const requests = await h.run(interaction);
    expect(callback(requests).body.type).toBe(5);
    const body = answerBody(requests);
    assertWithinDiscordLimits(body);
    const urls = linkUrls(body);
    expect(urls.length).toBeGreaterThanOrEqual(1);
    for (const url of urls) expect(url).toMatch(/^https:\/\/learn\.microsoft\.com\//);
    expect(body.embeds[0].footer.text).toMatch(/CC BY 4\.0/);
    // Each page says where it sits in the docs.
    const best = h.engine.search('kernel stack', { limit: 1 })[0]!;
    expect(best.breadcrumb.length).toBeGreaterThan(0);
    expect(body.embeds[0].description).toContain(`*${best.breadcrumb.join(' › ')}*`);
  });

  test('/search with a chosen title opens that page', async () => {
    const choice = h.engine.suggestTitles('kernel')[0]!;
    const page = h.engine.pageByPath(choice.value)!;
    const interaction = h.factory.slash('search', [{ name: 'query', type: STRING, value: choice.value }], makeUser());
    const body = answerBody(await h.run(interaction));
    assertWithinDiscordLimits(body);
    expect(body.embeds[0].url).toBe(page.url);
    expect(body.embeds[0].fields).toContainEqual({ name: 'In', value: page.breadcrumb.join(' › '), inline: true });
  });

  test('/search and /tip with the chosen title of a page whose path is over 100 characters open that page', async () => {
    for (const [command, option] of [
      ['search', 'query'],
      ['tip', 'topic'],
    ] as const) {
      const value = await chosenValue(command, option, LONG_PAGE.title);
      const interaction = h.factory.slash(command, [{ name: option, type: STRING, value }], makeUser());
      const body = answerBody(await h.run(interaction));
      assertWithinDiscordLimits(body);
      expect(body.embeds[0].url, command).toBe(LONG_PAGE.url);
    }
  });

  test('/tip with a key tip quotes its pages with citations, then links to them', async () => {
    const tipChoice = h.engine.suggestTips('')[0]!;
    const tip = h.engine.keyTips().find((t) => `tip:${t.id}` === tipChoice.value)!;
    const interaction = h.factory.slash('tip', [{ name: 'topic', type: STRING, value: tipChoice.value }], makeUser());
    const body = answerBody(await h.run(interaction));
    assertWithinDiscordLimits(body);
    expect(body.embeds[0].title).toBeTruthy();
    // The first tip's pages are in the slice: its message quotes them, lead-in first and italic.
    const description: string = body.embeds[0].description;
    expect(description.split('\n')[0]).toMatch(/^\*In short: .+\*$/);
    const quoteLinks = [...description.matchAll(/^> .*\[\\\[1\\\]\]\((https:[^)]+)\)$/gm)].map((m) => m[1]!.split('#')[0]);
    expect(quoteLinks.length).toBeGreaterThanOrEqual(1);
    expect(tip.pages.map((page) => page.url)).toContain(quoteLinks[0]);
    expect(messageText(body)).toContain(tip.pages[0]!.url.replace(/[()]/g, (c) => (c === '(' ? '%28' : '%29')));
    for (const url of linkUrls(body)) expect(url).toMatch(/^https:\/\/learn\.microsoft\.com\//);
  });

  test('/api shows the facts card', async () => {
    const card = h.engine.apiCard('IoCreateDevice')!;
    const interaction = h.factory.slash('api', [{ name: 'name', type: STRING, value: 'IoCreateDevice' }], makeUser());
    const body = answerBody(await h.run(interaction));
    assertWithinDiscordLimits(body);
    const embed = body.embeds[0];
    expect(embed.title).toContain('IoCreateDevice');
    expect(embed.url).toBe(card.url);
    expect(embed.url).toMatch(/^https:\/\/learn\.microsoft\.com\//);
    if (card.facts.header) expect(embed.fields.map((f: any) => f.name)).toContain('Header');
  });

  test('/api with an unknown name says so and records it', async () => {
    const interaction = h.factory.slash('api', [{ name: 'name', type: STRING, value: 'NoSuchRoutineXyz' }], makeUser());
    const body = answerBody(await h.run(interaction));
    assertWithinDiscordLimits(body);
    expect(body.embeds[0].title).toContain('NoSuchRoutineXyz');
    expect((await h.store.summary()).topUnanswered.map((r) => r.question)).toContain('NoSuchRoutineXyz');
  });

  test('/help answers privately at once and lists every command', async () => {
    const interaction = h.factory.slash('help', [], makeUser());
    const requests = await h.run(interaction);
    const cb = callback(requests);
    expect(cb.body.type).toBe(4);
    expect(cb.body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    assertWithinDiscordLimits(cb.body.data);
    const text = messageText(cb.body.data);
    for (const command of allCommands) expect(text).toContain(command.name);
  });

  test('every view that shows the docs carries the same attribution line', async () => {
    const views: [string, { name: string; type: number; value: string }[]][] = [
      ['ask', [{ name: 'question', type: STRING, value: STACK_QUESTION }]],
      ['search', [{ name: 'query', type: STRING, value: 'kernel stack' }]],
      ['api', [{ name: 'name', type: STRING, value: 'IoCreateDevice' }]],
      ['tip', [{ name: 'topic', type: STRING, value: h.engine.suggestTips('')[0]!.value }]],
      ['help', []],
    ];
    for (const [command, options] of views) {
      const requests = await h.run(h.factory.slash(command, options, makeUser()));
      const body = command === 'help' ? callback(requests).body.data : answerBody(requests);
      expect(body.embeds.at(-1).footer.text, command).toContain(DOCS_CREDIT);
    }
  });

  test('/feedback-summary answers privately with the counts', async () => {
    const interaction = h.factory.slash('feedback-summary', [{ name: 'days', type: INTEGER, value: 7 }], makeUser());
    const cb = callback(await h.run(interaction));
    expect(cb.body.type).toBe(4);
    expect(cb.body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    assertWithinDiscordLimits(cb.body.data);
    expect(messageText(cb.body.data)).toMatch(/unanswered/i);
  });

  test('an unknown command gets a private note', async () => {
    const interaction = h.factory.slash('no-such-command', [], makeUser());
    const cb = callback(await h.run(interaction));
    expect(cb.body.type).toBe(4);
    expect(cb.body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(cb.body.data.content).toMatch(/\/help/);
    expect(cb.body.data.allowed_mentions).toEqual({ parse: [] });
  });
});

// --- buttons ------------------------------------------------------------------------------

describe('buttons', () => {
  test('"More sources" shows the next results privately', async () => {
    const user = makeUser();
    const first = await ask(STACK_QUESTION, user);
    const firstBody = answerBody(first.requests);
    const more = button(firstBody, 'More sources');
    const press = h.factory.button(more.custom_id, messageOf(first.interaction), makeUser());
    const requests = await h.run(press);
    const cb = callback(requests);
    expect(cb.body.type).toBe(5);
    expect(cb.body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    const body = answerBody(requests);
    assertWithinDiscordLimits(body);
    // The next results do not repeat the pages already cited.
    const before = new Set(citationUrls(firstBody).map((u) => u.split('#')[0]));
    for (const url of citationUrls(body)) expect(before.has(url.split('#')[0])).toBe(false);
  });

  test('"Share in channel" posts a hidden answer publicly, pinging nobody', async () => {
    const sharer = makeUser();
    const hidden = await ask(STACK_QUESTION, sharer, { hide: true });
    const hiddenBody = answerBody(hidden.requests);
    const share = button(hiddenBody, 'Share in channel');
    const press = h.factory.button(share.custom_id, messageOf(hidden.interaction), sharer);
    const requests = await h.run(press);
    const cb = callback(requests);
    expect(cb.body.type).toBe(5);
    expect(cb.body.data.flags & EPHEMERAL).toBe(0);
    const body = answerBody(requests);
    assertWithinDiscordLimits(body);
    expect(body.allowed_mentions).toEqual({ parse: [] });
    expect(body.content).toContain(`<@${sharer.id}>`);
    expect(citationUrls(body)).toEqual(citationUrls(hiddenBody));
    expect(button(body, 'Delete').custom_id).toContain(sharer.id);
  });

  test('"Share in channel" of a page chosen by a page-id value shows that page again', async () => {
    const sharer = makeUser();
    const value = await chosenValue('search', 'query', LONG_PAGE.title);
    const options = [
      { name: 'query', type: STRING, value },
      { name: 'hide', type: BOOLEAN, value: true },
    ];
    const hidden = h.factory.slash('search', options, sharer);
    const hiddenBody = answerBody(await h.run(hidden));
    const press = h.factory.button(button(hiddenBody, 'Share in channel').custom_id, messageOf(hidden), sharer);
    const body = answerBody(await h.run(press));
    assertWithinDiscordLimits(body);
    expect(body.embeds[0].url).toBe(LONG_PAGE.url);
  });

  test('"Delete" by someone else is refused privately and deletes nothing', async () => {
    const asker = makeUser();
    const answer = await ask(STACK_QUESTION, asker);
    const del = button(answerBody(answer.requests), 'Delete');
    const message = messageOf(answer.interaction);
    const requests = await h.run(h.factory.button(del.custom_id, message, makeUser()));
    const cb = callback(requests);
    expect(cb.body.type).toBe(4);
    expect(cb.body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(cb.body.data.content).toMatch(/only the person who asked/i);
    expect(deletes(requests)).toHaveLength(0);
    expect(h.standIn.message(message.id)?.deleted).toBe(false);
  });

  test('"Delete" by the asker removes the answer', async () => {
    const asker = makeUser();
    const answer = await ask(STACK_QUESTION, asker);
    const del = button(answerBody(answer.requests), 'Delete');
    const message = messageOf(answer.interaction);
    const requests = await h.run(h.factory.button(del.custom_id, message, asker));
    expect(callback(requests).body.type).toBe(6);
    expect(deletes(requests)).toHaveLength(1);
    expect(deletes(requests)[0]!.path).toMatch(/\/messages\/%40original$/);
    expect(h.standIn.message(message.id)?.deleted).toBe(true);
  });

  test('👍 and 👎 are recorded in the feedback database, one vote per person', async () => {
    const before = (await h.store.summary()).votes;
    const answer = await ask(STACK_QUESTION, makeUser());
    const body = answerBody(answer.requests);
    const message = messageOf(answer.interaction);
    const voter = makeUser();

    const up = await h.run(h.factory.button(button(body, 'Helpful').custom_id, message, voter));
    expect(callback(up).body.type).toBe(4);
    expect(callback(up).body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect((await h.store.summary()).votes).toEqual({ up: before.up + 1, down: before.down });

    // The same person changing their mind changes their vote.
    await h.run(h.factory.button(button(body, 'Not helpful').custom_id, message, voter));
    expect((await h.store.summary()).votes).toEqual({ up: before.up, down: before.down + 1 });

    await h.run(h.factory.button(button(body, 'Not helpful').custom_id, message, makeUser()));
    const summary = await h.store.summary();
    expect(summary.votes).toEqual({ up: before.up, down: before.down + 2 });
    const downvoted = summary.mostDownvoted.find((row) => row.question === STACK_QUESTION);
    expect(downvoted?.citedUrls.length).toBeGreaterThan(0);
    for (const url of downvoted!.citedUrls) expect(url).toMatch(/^https:\/\/learn\.microsoft\.com\//);
  });

  test('a button this bot does not know gets a private note', async () => {
    const answer = await ask(STACK_QUESTION, makeUser());
    const message = messageOf(answer.interaction);
    const cb = callback(await h.run(h.factory.button('something:else', message, makeUser())));
    expect(cb.body.type).toBe(4);
    expect(cb.body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
  });
});

// --- context menu -------------------------------------------------------------------------

describe('"Ask the driver docs" message command', () => {
  test("answers the message's text publicly in the channel, pointing at it, pinging nobody", async () => {
    const author = makeUser('asker');
    const interaction = h.factory.messageCommand('Ask the driver docs', { content: STACK_QUESTION, author }, makeUser());
    const requests = await h.run(interaction);
    const cb = callback(requests);
    expect(cb.body.type).toBe(5);
    expect(cb.body.data.flags & EPHEMERAL).toBe(0);
    const body = answerBody(requests);
    assertWithinDiscordLimits(body);
    expect(body.allowed_mentions).toEqual({ parse: [] });
    const target = interaction.data.target_id as string;
    expect(body.content).toContain(`https://discord.com/channels/${h.factory.guildId}/${h.factory.channelId}/${target}`);
    expect(citationUrls(body).length).toBeGreaterThanOrEqual(1);
  });

  test('a message without text gets a clear private note', async () => {
    const interaction = h.factory.messageCommand('Ask the driver docs', { content: '   ', author: makeUser() }, makeUser());
    const requests = await h.run(interaction);
    const cb = callback(requests);
    expect(cb.body.type).toBe(4);
    expect(cb.body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(cb.body.data.content).toMatch(/no text/i);
    expect(requests).toHaveLength(1);
  });
});

// --- failures -----------------------------------------------------------------------------

describe('failures', () => {
  test('a handler that throws: private "something went wrong", a log line, and the bot goes on', async () => {
    const { interaction, requests } = await ask(EXPLODING_QUESTION, makeUser());
    expect(callback(requests).body.type).toBe(5);
    // The public "thinking…" placeholder is removed and the note is private.
    expect(deletes(requests)).toHaveLength(1);
    const notes = followUps(requests);
    expect(notes).toHaveLength(1);
    expect(notes[0]!.body.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(notes[0]!.body.content).toMatch(/something went wrong/i);
    const line = h.logs.find((l) => l.msg === 'interaction handler failed' && l.interaction?.id === interaction.id);
    expect(line?.level).toBe(50);
    expect(line?.err?.message).toContain('engine exploded');

    const next = await ask(STACK_QUESTION, makeUser());
    expect(citationUrls(answerBody(next.requests)).length).toBeGreaterThanOrEqual(1);
  });

  test('a REST error on the edit is caught and logged; the user is told privately', async () => {
    h.standIn.failNext({ method: 'PATCH', path: /\/messages\/%40original$/, status: 400 });
    const { interaction, requests } = await ask(STACK_QUESTION, makeUser());
    expect(edits(requests)).toHaveLength(1);
    expect(edits(requests)[0]!.status).toBe(400);
    const line = h.logs.find((l) => l.msg === 'interaction handler failed' && l.interaction?.id === interaction.id);
    expect(line?.err?.status).toBe(400);
    expect(line?.err?.url ?? '').not.toContain(interaction.token);
    const notes = followUps(requests);
    expect(notes).toHaveLength(1);
    expect(notes[0]!.body.flags & EPHEMERAL).toBe(EPHEMERAL);

    const next = await ask(STACK_QUESTION, makeUser());
    expect(citationUrls(answerBody(next.requests)).length).toBeGreaterThanOrEqual(1);
  });

  test('a server error on every retry of the edit is logged too', async () => {
    h.standIn.failNext({ method: 'PATCH', path: /\/messages\/%40original$/, status: 500, times: 10 });
    const { interaction, requests } = await ask(STACK_QUESTION, makeUser());
    h.standIn.clearFailures();
    // The REST client retried the server error before giving up.
    expect(edits(requests).length).toBeGreaterThan(1);
    expect(edits(requests).every((r) => r.status === 500)).toBe(true);
    const line = h.logs.find((l) => l.msg === 'interaction handler failed' && l.interaction?.id === interaction.id);
    expect(line?.err?.status).toBe(500);
    expect(followUps(requests)).toHaveLength(1);
  });
});

// --- across the whole suite ---------------------------------------------------------------

describe('everything that reached Discord', () => {
  test('was within limits, and nothing pinged anybody but an explicit mention', () => {
    const messages = h.standIn.requests.filter(
      (r) =>
        (r.method === 'POST' && r.path.endsWith('/callback') && [4, 7].includes(r.body?.type)) ||
        (r.method === 'PATCH' && r.path.startsWith('/webhooks/')) ||
        (r.method === 'POST' && r.path.startsWith('/webhooks/')),
    );
    expect(messages.length).toBeGreaterThan(20);
    expect(h.standIn.requests.filter((r) => r.rejected)).toEqual([]);
    for (const request of messages) {
      const body = request.path.endsWith('/callback') ? request.body.data : request.body;
      expect(discordLimitProblems(body)).toEqual([]);
      const mentions = body.allowed_mentions;
      expect(mentions?.parse ?? []).toEqual([]);
      expect(mentions?.roles ?? []).toEqual([]);
      expect((mentions?.users ?? []).length).toBeLessThanOrEqual(1);
      if ((mentions?.users ?? []).length === 1) expect(body.content).toContain(`<@${mentions.users[0]}>`);
    }
  });

  test('never logged the token or an interaction token', () => {
    const all = h.rawLog.join('\n');
    expect(all.length).toBeGreaterThan(0);
    expect(all).not.toContain(TEST_TOKEN);
    expect(all).not.toMatch(/itk\.[A-Za-z0-9_-]{20,}/);
  });
});
