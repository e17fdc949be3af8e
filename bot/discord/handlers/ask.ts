// /ask: the cited answer to a question.
import { askCommand } from '../commands.ts';
import { chatInput } from './define.ts';
import { answerOptionsOf, answerWithView } from './respond.ts';

export const askHandler = chatInput({
  command: askCommand,
  cooldown: true,
  autocomplete: {},
  async execute(ctx, interaction, args) {
    await answerWithView(ctx, interaction, { kind: 'ask', query: args.question, offset: 0 }, answerOptionsOf(args));
  },
});
