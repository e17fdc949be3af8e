// /tip: a key driver tip (our summary and the pages that cover it), or any page by title.
import { tipCommand } from '../commands.ts';
import { chatInput } from './define.ts';
import { answerWithView } from './respond.ts';

export const tipHandler = chatInput({
  command: tipCommand,
  cooldown: true,
  autocomplete: {
    topic: (ctx, value) => ctx.engine.suggestTips(value),
  },
  async execute(ctx, interaction, args) {
    await answerWithView(
      ctx,
      interaction,
      { kind: 'tip', query: args.topic, offset: 0 },
      { hidden: args.hide ?? false, ...(args.mention ? { mentionUserId: args.mention.id } : {}) },
    );
  },
});
