// Every command the bot registers, declared once as plain data. Registration sends these as
// they are; handlers receive options typed from them (see command-types.ts).
import { ApplicationCommandOptionType, ApplicationCommandType, InteractionContextType, PermissionFlagsBits } from 'discord.js';
import type { ChatInputCommandDecl, CommandDecl, MessageCommandDecl } from './command-types.ts';
import { ASK_QUESTION_MAX } from './limits.ts';

const hideOption = {
  type: ApplicationCommandOptionType.Boolean,
  name: 'hide',
  description: 'Show the answer only to you',
} as const;

const mentionOption = {
  type: ApplicationCommandOptionType.User,
  name: 'mention',
  description: 'Someone to point the answer at (they get a ping; nobody else does)',
} as const;

export const askCommand = {
  type: ApplicationCommandType.ChatInput,
  name: 'ask',
  description: 'Ask the Windows driver documentation a question; get cited excerpts',
  options: [
    {
      type: ApplicationCommandOptionType.String,
      name: 'question',
      description: 'Your question, e.g. "How do I keep my driver from running out of kernel stack?"',
      required: true,
      min_length: 2,
      max_length: ASK_QUESTION_MAX,
    },
    hideOption,
    mentionOption,
  ],
} as const satisfies ChatInputCommandDecl;

export const searchCommand = {
  type: ApplicationCommandType.ChatInput,
  name: 'search',
  description: 'Find driver documentation pages (pick a suggested title to open that page)',
  options: [
    {
      type: ApplicationCommandOptionType.String,
      name: 'query',
      description: 'Words to search for, or a page title from the suggestions',
      required: true,
      autocomplete: true,
      max_length: 200,
    },
    hideOption,
    mentionOption,
  ],
} as const satisfies ChatInputCommandDecl;

export const tipCommand = {
  type: ApplicationCommandType.ChatInput,
  name: 'tip',
  description: 'Key driver concepts and tips, then any documentation page',
  options: [
    {
      type: ApplicationCommandOptionType.String,
      name: 'topic',
      description: 'A key tip or page title from the suggestions',
      required: true,
      autocomplete: true,
      max_length: 200,
    },
    hideOption,
    mentionOption,
  ],
} as const satisfies ChatInputCommandDecl;

export const apiCommand = {
  type: ApplicationCommandType.ChatInput,
  name: 'api',
  description: 'Facts about a driver API: header, IRQL, library, minimum Windows version',
  options: [
    {
      type: ApplicationCommandOptionType.String,
      name: 'name',
      description: 'API name, e.g. IoCreateDevice or WdfDeviceCreate',
      required: true,
      autocomplete: true,
      max_length: 100,
    },
    hideOption,
    mentionOption,
  ],
} as const satisfies ChatInputCommandDecl;

export const helpCommand = {
  type: ApplicationCommandType.ChatInput,
  name: 'help',
  description: 'What this bot does, its commands, and where its answers come from',
  options: [],
} as const satisfies ChatInputCommandDecl;

export const feedbackSummaryCommand = {
  type: ApplicationCommandType.ChatInput,
  name: 'feedback-summary',
  description: 'For maintainers: answer feedback and questions the bot could not answer',
  options: [
    {
      type: ApplicationCommandOptionType.Integer,
      name: 'days',
      description: 'Only the last N days (default: all time)',
      min_value: 1,
      max_value: 3650,
    },
  ],
  default_member_permissions: PermissionFlagsBits.ManageGuild.toString(),
  contexts: [InteractionContextType.Guild],
} as const satisfies ChatInputCommandDecl;

export const askMessageCommand = {
  type: ApplicationCommandType.Message,
  name: 'Ask the driver docs',
} as const satisfies MessageCommandDecl;

/** Everything `npm run register` registers, in display order. */
export const allCommands: readonly CommandDecl[] = [
  askCommand,
  searchCommand,
  tipCommand,
  apiCommand,
  helpCommand,
  feedbackSummaryCommand,
  askMessageCommand,
];
