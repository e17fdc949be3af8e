// /feedback-summary (Manage Server by default): this server's votes and unanswered questions,
// privately. Hidden questions are counted, never listed; DMs belong to no server.
import { MessageFlags } from 'discord.js';
import { feedbackSummaryCommand } from '../commands.ts';
import { NO_MENTIONS } from '../compose.ts';
import { renderFeedbackSummary } from '../render-feedback.ts';
import { chatInput } from './define.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

export const feedbackSummaryHandler = chatInput({
  command: feedbackSummaryCommand,
  cooldown: false,
  autocomplete: {},
  async execute(ctx, interaction, args) {
    // Each server sees its own questions only; never everyone's.
    if (!interaction.guildId) {
      await interaction.reply({
        content: 'Use this command in a server: it summarises that server.',
        flags: MessageFlags.Ephemeral,
        allowedMentions: NO_MENTIONS,
      });
      return;
    }
    const summary = await ctx.store.summary({
      limit: 10,
      guildId: interaction.guildId,
      ...(args.days !== undefined ? { since: Date.now() - args.days * DAY_MS } : {}),
    });
    await interaction.reply({
      embeds: renderFeedbackSummary(summary),
      flags: MessageFlags.Ephemeral,
      allowedMentions: NO_MENTIONS,
    });
  },
});
