// "Ask the driver docs" (message context menu): answers the selected message's text in that
// channel, pointing back at the message it answers. Nobody is pinged.
import { askMessageCommand } from '../commands.ts';
import { ASK_QUESTION_MAX } from '../limits.ts';
import { maskedLink } from '../safe-text.ts';
import { messageCommand } from './define.ts';
import { answerWithView, replyEphemeral } from './respond.ts';

const NO_TEXT_NOTE = 'That message has no text I can answer (only attachments, embeds or stickers). Try `/ask` with your question.';

export const askMessageHandler = messageCommand({
  command: askMessageCommand,
  cooldown: true,
  async execute(ctx, interaction) {
    const target = interaction.targetMessage;
    // Messages can be far longer than an /ask question; the answer and the record use as much.
    const text = target.content.trim().slice(0, ASK_QUESTION_MAX).trim();
    if (text === '') {
      await replyEphemeral(interaction, NO_TEXT_NOTE);
      return;
    }
    const jump = `https://discord.com/channels/${interaction.guildId ?? '@me'}/${target.channelId}/${target.id}`;
    const intro = `Answer to ${maskedLink('this message', jump)} from <@${target.author.id}>, asked by <@${interaction.user.id}>`;
    await answerWithView(ctx, interaction, { kind: 'ask', query: text, offset: 0 }, { hidden: false, intro });
  },
});
