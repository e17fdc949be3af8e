// The buttons on answers. Each custom_id carries an action and a stored view's id (or, for
// Delete, the asker's id); see custom-ids.ts.
import type { Vote } from '../feedback-store.ts';
import type { ButtonHandler } from './define.ts';
import { answerWithView, replyEphemeral } from './respond.ts';

const EXPIRED_NOTE = 'I no longer have this answer on record. Please ask again.';
const NOT_YOURS_NOTE = 'Only the person who asked can delete this answer.';

/** "More sources": the same question's next results, only for the person who clicked. */
export const moreButton: ButtonHandler = {
  action: 'more',
  cooldown: true,
  async execute(ctx, interaction, id) {
    const view = await ctx.store.getView(id.arg);
    if (!view) return replyEphemeral(interaction, EXPIRED_NOTE);
    if (view.nextOffset === undefined) return replyEphemeral(interaction, 'There are no more sources for this answer.');
    await answerWithView(ctx, interaction, { kind: view.kind, query: view.query, offset: view.nextOffset }, { hidden: true });
  },
};

/** "Share in channel" on a hidden answer: posts the same view publicly. */
export const shareButton: ButtonHandler = {
  action: 'share',
  cooldown: true,
  async execute(ctx, interaction, id) {
    const view = await ctx.store.getView(id.arg);
    if (!view) return replyEphemeral(interaction, EXPIRED_NOTE);
    await answerWithView(
      ctx,
      interaction,
      { kind: view.kind, query: view.query, offset: view.offset },
      { hidden: false, intro: `Shared by <@${interaction.user.id}>` },
    );
  },
};

/** "Delete": removes the answer's message, for the person who asked only. */
export const deleteButton: ButtonHandler = {
  action: 'delete',
  cooldown: false,
  async execute(_ctx, interaction, id) {
    if (interaction.user.id !== id.arg) return replyEphemeral(interaction, NOT_YOURS_NOTE);
    if (interaction.message.ephemeral) {
      return replyEphemeral(interaction, 'Only you can see this answer; dismiss it with “Dismiss message”.');
    }
    // For a component interaction, @original is the message the button is on.
    await interaction.deferUpdate();
    await interaction.deleteReply();
  },
};

function voteButton(vote: Vote): ButtonHandler {
  const emoji = vote === 'up' ? '👍' : '👎';
  return {
    action: vote,
    cooldown: false,
    async execute(ctx, interaction, id) {
      const result = await ctx.store.recordVote(id.arg, interaction.user.id, vote);
      const note =
        result === 'unknown-view'
          ? 'That answer is too old to rate, sorry.'
          : result === 'limited'
            ? 'Thanks! You have rated a great many answers today, so this one was not recorded.'
            : result === 'changed'
              ? `Changed your vote to ${emoji}. Thanks!`
              : `Thanks for the ${emoji}: it helps the maintainers improve the answers.`;
      await replyEphemeral(interaction, note);
    },
  };
}

export const upButton = voteButton('up');
export const downButton = voteButton('down');
