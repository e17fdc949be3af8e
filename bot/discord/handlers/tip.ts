// /tip: a key driver tip (its advice quoted from the docs, cited), or any page by title.
import { tipCommand } from '../commands.ts';
import { chatInput } from './define.ts';
import { answerOptionsOf, answerWithView } from './respond.ts';

export const tipHandler = chatInput({
  command: tipCommand,
  cooldown: true,
  autocomplete: {
    topic: (ctx, value) => ctx.engine.suggestTips(value),
  },
  async execute(ctx, interaction, args) {
    await answerWithView(ctx, interaction, { kind: 'tip', query: args.topic, offset: 0 }, answerOptionsOf(args));
  },
});
