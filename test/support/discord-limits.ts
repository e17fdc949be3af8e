// Discord's limits as a checker over raw REST payloads: what Discord would reject with a 400.
// Written from discord-api-docs independently of bot/discord/limits.ts, so a wrong constant
// there cannot hide a wrong payload here.

const L = {
  content: 2000,
  embeds: 10,
  total: 6000,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  author: 256,
  rows: 5,
  perRow: 5,
  label: 80,
  customId: 100,
  url: 512,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
};

/** Problems with a message payload (or autocomplete `choices`); empty when Discord would accept it. */
export function discordLimitProblems(payload: any): string[] {
  const problems: string[] = [];
  if (!payload || typeof payload !== 'object') return problems;
  const check = (ok: boolean, problem: string) => {
    if (!ok) problems.push(problem);
  };
  if (typeof payload.content === 'string')
    check(payload.content.length <= L.content, `content is ${payload.content.length} > ${L.content}`);
  const embeds: any[] = payload.embeds ?? [];
  check(embeds.length <= L.embeds, `${embeds.length} embeds > ${L.embeds}`);
  let total = 0;
  embeds.forEach((embed, i) => {
    const len = (s: unknown) => (typeof s === 'string' ? s.length : 0);
    check(len(embed.title) <= L.title, `embed ${i} title ${len(embed.title)} > ${L.title}`);
    check(len(embed.description) <= L.description, `embed ${i} description ${len(embed.description)} > ${L.description}`);
    check(len(embed.footer?.text) <= L.footer, `embed ${i} footer too long`);
    check(len(embed.author?.name) <= L.author, `embed ${i} author too long`);
    const fields: any[] = embed.fields ?? [];
    check(fields.length <= L.fields, `embed ${i} has ${fields.length} fields > ${L.fields}`);
    fields.forEach((field, j) => {
      check(len(field.name) >= 1 && len(field.name) <= L.fieldName, `embed ${i} field ${j} name length ${len(field.name)}`);
      check(len(field.value) >= 1 && len(field.value) <= L.fieldValue, `embed ${i} field ${j} value length ${len(field.value)}`);
      total += len(field.name) + len(field.value);
    });
    if (embed.url !== undefined) check(/^https?:\/\//.test(embed.url), `embed ${i} url is not http(s)`);
    total += len(embed.title) + len(embed.description) + len(embed.footer?.text) + len(embed.author?.name);
  });
  check(total <= L.total, `embeds total ${total} > ${L.total}`);
  const rows: any[] = payload.components ?? [];
  check(rows.length <= L.rows, `${rows.length} action rows > ${L.rows}`);
  const ids = new Set<string>();
  rows.forEach((row, i) => {
    check(row.type === 1, `component ${i} is not an action row`);
    const buttons: any[] = row.components ?? [];
    check(buttons.length >= 1 && buttons.length <= L.perRow, `row ${i} has ${buttons.length} components`);
    buttons.forEach((button, j) => {
      const where = `row ${i} button ${j}`;
      if (button.label !== undefined) check(button.label.length <= L.label, `${where} label too long`);
      if (button.style === 5) {
        check(typeof button.url === 'string' && button.url.length <= L.url, `${where} link url missing or > ${L.url}`);
        check(button.custom_id === undefined, `${where} link button with custom_id`);
      } else {
        const id = button.custom_id;
        check(typeof id === 'string' && id.length >= 1 && id.length <= L.customId, `${where} custom_id length`);
        check(!ids.has(id), `${where} duplicate custom_id ${id}`);
        ids.add(id);
      }
    });
  });
  if (payload.choices !== undefined) {
    const choices: any[] = payload.choices;
    check(choices.length <= L.choices, `${choices.length} choices > ${L.choices}`);
    choices.forEach((choice, i) => {
      check(typeof choice.name === 'string' && choice.name.length >= 1 && choice.name.length <= L.choiceName, `choice ${i} name length`);
      check(String(choice.value).length <= L.choiceValue, `choice ${i} value too long`);
    });
  }
  return problems;
}

/** Throws, listing every problem, unless Discord would accept `payload`. */
export function assertWithinDiscordLimits(payload: unknown): void {
  const problems = discordLimitProblems(payload);
  if (problems.length > 0) throw new Error(`payload breaks Discord's limits:\n  ${problems.join('\n  ')}`);
}
