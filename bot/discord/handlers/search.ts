// /search: the best pages as linked titles with one-line excerpts; the query autocompletes
// page titles, and a chosen title (its value is the page path) opens that page.
import { searchCommand } from '../commands.ts';
import { chatInput } from './define.ts';
import { answerOptionsOf, answerWithView } from './respond.ts';

export const searchHandler = chatInput({
  command: searchCommand,
  cooldown: true,
  autocomplete: {
    query: (ctx, value) => ctx.engine.suggestTitles(value),
  },
  async execute(ctx, interaction, args) {
    await answerWithView(ctx, interaction, { kind: 'search', query: args.query, offset: 0 }, answerOptionsOf(args));
  },
});
