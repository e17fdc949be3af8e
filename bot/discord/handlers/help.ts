// /help: what the bot does and how to use it (only the asker sees it).
import { MessageFlags } from 'discord.js';
import { describeDocsEdition } from '../../answer/served-engine.ts';
import { allCommands, helpCommand } from '../commands.ts';
import { NO_MENTIONS } from '../compose.ts';
import { renderHelp } from '../render-help.ts';
import { chatInput } from './define.ts';

export const helpHandler = chatInput({
  command: helpCommand,
  cooldown: false,
  autocomplete: {},
  async execute(ctx, interaction) {
    const docs = describeDocsEdition(ctx.engines?.current.meta);
    await interaction.reply({ embeds: renderHelp(allCommands, docs), flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
  },
});
