// /api: the facts card of an API and the conceptual pages that discuss it.
import { apiCommand } from '../commands.ts';
import { chatInput } from './define.ts';
import { answerOptionsOf, answerWithView } from './respond.ts';

export const apiHandler = chatInput({
  command: apiCommand,
  cooldown: true,
  autocomplete: {
    name: (ctx, value) => ctx.engine.suggestApis(value),
  },
  async execute(ctx, interaction, args) {
    await answerWithView(ctx, interaction, { kind: 'api', query: args.name, offset: 0 }, answerOptionsOf(args));
  },
});
