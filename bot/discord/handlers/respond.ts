// Responding to interactions: deferring, delivering a composed message, ephemeral notes, and
// turning a failure into an ephemeral "something went wrong" without ever throwing.
import { MessageFlags } from 'discord.js';
import type { BotContext } from '../context.ts';
import { type ComposedMessage, NO_MENTIONS, type ShowOptions, showView } from '../compose.ts';
import { STORE_UNAVAILABLE_NOTE, StoreUnavailableError } from '../store-guard.ts';
import {
  type ButtonInteraction,
  type ChatInputInteraction,
  type Interaction,
  type MessageCommandInteraction,
  type RepliableInteraction,
  isRepliable,
} from '../transport/interaction.ts';
import type { ViewRequest } from '../views.ts';

export type AnsweringInteraction = ChatInputInteraction | MessageCommandInteraction | ButtonInteraction;

export const SOMETHING_WENT_WRONG =
  'Sorry, something went wrong while answering. It has been logged for the maintainers; please try again.';

/** How to show an answer; the asker is the interaction's user. */
export type AnswerOptions = Omit<ShowOptions, 'askerId'>;

/**
 * Defers (ephemeral when hidden) before the engine runs, so the 3-second window is met however
 * long the answer takes, then delivers the view.
 */
/** The `hide` and `mention` options every view command takes, as answer options. */
export function answerOptionsOf(args: { hide?: boolean | null; mention?: { id: string } | null }): AnswerOptions {
  return { hidden: args.hide ?? false, ...(args.mention ? { mentionUserId: args.mention.id } : {}) };
}

export async function answerWithView(
  ctx: BotContext,
  interaction: AnsweringInteraction,
  request: ViewRequest,
  options: AnswerOptions,
): Promise<void> {
  // A hidden answer cannot ping anybody: `mention` only applies to public answers.
  const { mentionUserId, ...rest } = options;
  const show: ShowOptions = {
    ...rest,
    askerId: interaction.user.id,
    ...(interaction.guildId ? { guildId: interaction.guildId } : {}),
    ...(mentionUserId !== undefined && !options.hidden ? { mentionUserId } : {}),
  };
  await interaction.deferReply(options.hidden ? { flags: MessageFlags.Ephemeral } : {});
  const message = await showView(ctx, request, show);
  await deliver(interaction, message, show.mentionUserId !== undefined);
}

/**
 * Completes a deferred reply with `message`. Discord does not notify anyone for a mention
 * added by editing a message, and completing a deferred reply is an edit; so a message that
 * must ping its `mention` target replaces the placeholder with a new follow-up message.
 */
async function deliver(interaction: RepliableInteraction, message: ComposedMessage, ping: boolean): Promise<void> {
  if (!ping) {
    await interaction.editReply(message);
    return;
  }
  await interaction.deleteReply();
  await interaction.followUp(message);
}

/** A short note only the user sees, whatever state the interaction is in. */
export async function replyEphemeral(interaction: RepliableInteraction, text: string): Promise<void> {
  const options = { content: text, allowedMentions: NO_MENTIONS };
  if (!interaction.deferred && !interaction.replied) {
    await interaction.reply({ ...options, flags: MessageFlags.Ephemeral });
  } else if (interaction.deferred && !interaction.replied && interaction.ephemeral === true) {
    await interaction.editReply({ ...options, embeds: [], components: [] });
  } else if (interaction.deferred && !interaction.replied && interaction.ephemeral === false) {
    // A public "thinking…" placeholder: remove it so the note can be private.
    await interaction.deleteReply().catch(() => undefined);
    await interaction.followUp({ ...options, flags: MessageFlags.Ephemeral });
  } else {
    // Already replied, or a deferred update of a component's message.
    await interaction.followUp({ ...options, flags: MessageFlags.Ephemeral });
  }
}

/** Logs a handler failure and tells the user, privately. Never throws. */
export async function reportFailure(ctx: BotContext, interaction: Interaction, error: unknown): Promise<void> {
  // The store's guard has already logged its failure, once.
  const storeDown = error instanceof StoreUnavailableError;
  if (!storeDown) ctx.logger.error({ err: error, interaction: describeInteraction(interaction) }, 'interaction handler failed');
  if (!isRepliable(interaction)) return;
  try {
    await replyEphemeral(interaction, storeDown ? STORE_UNAVAILABLE_NOTE : SOMETHING_WENT_WRONG);
  } catch (replyError) {
    ctx.logger.error(
      { err: replyError, interaction: describeInteraction(interaction) },
      'could not tell the user that the interaction failed',
    );
  }
}

/** Loggable facts about an interaction (never its token). */
export function describeInteraction(interaction: Interaction): Record<string, unknown> {
  const base: Record<string, unknown> = {
    id: interaction.id,
    type: interaction.type,
    user: interaction.user.id,
    guild: interaction.guildId ?? undefined,
    channel: interaction.channelId ?? undefined,
  };
  if ('commandName' in interaction) base.command = interaction.commandName;
  if (interaction.kind === 'button') base.customId = interaction.customId;
  return base;
}
