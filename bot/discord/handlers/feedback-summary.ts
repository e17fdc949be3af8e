// /feedback-summary (Manage Server by default): votes and unanswered questions, privately.
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
    const summary = await ctx.store.summary({
      limit: 10,
      ...(args.days !== undefined ? { since: Date.now() - args.days * DAY_MS } : {}),
    });
    await interaction.reply({
      embeds: renderFeedbackSummary(summary),
      flags: MessageFlags.Ephemeral,
      allowedMentions: NO_MENTIONS,
    });
  },
});
