// /help: what the bot does, its commands (from their declarations), where answers come from.
import { ApplicationCommandType, type APIEmbed } from 'discord.js';
import { DOCS_CREDIT } from '../answer/credit.ts';
import type { CommandDecl } from './command-types.ts';
import { EMBED_COLOUR, fitEmbeds } from './render-common.ts';

/** `docs`: which documentation the answers come from (upstream commits, index date), when known. */
export function renderHelp(commands: readonly CommandDecl[], docs?: string): APIEmbed[] {
  const everyone: string[] = [];
  const maintainers: string[] = [];
  for (const command of commands) {
    if (command.type === ApplicationCommandType.Message) {
      everyone.push(`**${command.name}**: right-click (or long-press) a message → Apps → ${command.name}, to answer it in place.`);
      continue;
    }
    const usage = command.options.map((option) => (option.required ? `${option.name}` : `[${option.name}]`)).join(' ');
    const line = `\`/${command.name}${usage ? ` ${usage}` : ''}\`: ${command.description}`;
    (command.default_member_permissions !== undefined ? maintainers : everyone).push(line);
  }
  const embed: APIEmbed = {
    title: 'Windows driver docs bot',
    description: [
      'I answer Windows driver development questions with cited excerpts from Microsoft’s driver documentation. Every excerpt links to the section it quotes: read the source before relying on it.',
      '',
      '`hide` shows the answer only to you (share it later with **Share in channel**); `mention` points a public answer at one person.',
      'Buttons: **More sources** shows the next results, **Delete** removes an answer you asked for, 👍/👎 tell the maintainers what helped.',
    ].join('\n'),
    color: EMBED_COLOUR,
    fields: [
      { name: 'Commands', value: everyone.join('\n') },
      ...(maintainers.length > 0 ? [{ name: 'For maintainers', value: maintainers.join('\n') }] : []),
      {
        name: 'Where answers come from',
        value:
          'The Windows driver documentation on Microsoft Learn (windows-driver-docs and windows-driver-docs-ddi), used under CC BY 4.0. Key tips quote the documentation; their one-line \u201cIn short\u201d lead-in is written for this bot and marked as such.',
      },
      ...(docs ? [{ name: 'Documentation version', value: docs }] : []),
    ],
    footer: { text: DOCS_CREDIT },
  };
  return fitEmbeds([embed]);
}
