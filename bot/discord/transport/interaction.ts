// The one interaction shape every handler sees, whichever way it reached us (the gateway
// through discord.js, or an HTTP POST from Discord). Who asked, where, which command or
// button with which options; and the ways to answer: reply, defer, edit, follow up, delete.
// Names follow discord.js's, so a handler reads the same as it did on discord.js alone.
import type { APIActionRowComponent, APIButtonComponent, APIEmbed } from 'discord.js';

export interface InteractionUser {
  readonly id: string;
}

/** Who may be pinged by a message (Discord's allowed_mentions, in discord.js's spelling). */
export interface AllowedMentions {
  parse?: ('users' | 'roles' | 'everyone')[];
  users?: string[];
  roles?: string[];
  repliedUser?: boolean;
}

export interface OutgoingMessage {
  content?: string;
  embeds?: APIEmbed[];
  components?: APIActionRowComponent<APIButtonComponent>[];
  allowedMentions?: AllowedMentions;
  /** Message flags; only Ephemeral (64) is meaningful for a reply, defer or follow-up. */
  flags?: number;
}

interface AutocompleteChoice {
  name: string;
  value: string;
}

/** Reads a command's options by name, by type. Required and missing throws. */
export interface OptionReader {
  getString(name: string, required?: boolean): string | null;
  getInteger(name: string, required?: boolean): number | null;
  getBoolean(name: string, required?: boolean): boolean | null;
  getUser(name: string, required?: boolean): InteractionUser | null;
}

/** The message a context-menu command was used on. */
export interface TargetMessage {
  readonly id: string;
  readonly channelId: string;
  readonly content: string;
  readonly author: InteractionUser;
}

/** Answering an interaction that can be answered with a message. */
export interface Responder {
  /** Deferred (a "thinking…" placeholder or a deferred update). */
  readonly deferred: boolean;
  /** Answered with a message. */
  readonly replied: boolean;
  /** Whether the reply or deferral is ephemeral; undefined before either. */
  readonly ephemeral: boolean | undefined;
  reply(message: OutgoingMessage): Promise<void>;
  deferReply(options?: { flags?: number }): Promise<void>;
  /** Acknowledges a component without a new message (@original is the component's message). */
  deferUpdate(): Promise<void>;
  editReply(message: OutgoingMessage): Promise<void>;
  followUp(message: OutgoingMessage): Promise<void>;
  deleteReply(): Promise<void>;
}

interface Common {
  readonly id: string;
  /** Discord's interaction type number (for logs). */
  readonly type: number;
  readonly user: InteractionUser;
  readonly guildId: string | null;
  readonly channelId: string | null;
}

export interface ChatInputInteraction extends Common, Responder {
  readonly kind: 'chat-input';
  readonly commandName: string;
  readonly options: OptionReader;
}

export interface MessageCommandInteraction extends Common, Responder {
  readonly kind: 'message-command';
  readonly commandName: string;
  readonly targetMessage: TargetMessage;
}

export interface ButtonInteraction extends Common, Responder {
  readonly kind: 'button';
  readonly customId: string;
  /** The message the button is on. */
  readonly message: { readonly id: string; readonly ephemeral: boolean };
}

export interface AutocompleteInteraction extends Common {
  readonly kind: 'autocomplete';
  readonly commandName: string;
  readonly focused: { readonly name: string; readonly value: string };
  respond(choices: AutocompleteChoice[]): Promise<void>;
}

/** Anything else that can be answered (other components, modals): gets a polite note. */
interface OtherRepliableInteraction extends Common, Responder {
  readonly kind: 'other-repliable';
}

interface OtherInteraction extends Common {
  readonly kind: 'other';
}

export type Interaction =
  | ChatInputInteraction
  | MessageCommandInteraction
  | ButtonInteraction
  | AutocompleteInteraction
  | OtherRepliableInteraction
  | OtherInteraction;

export type RepliableInteraction = Extract<Interaction, Responder>;

export function isRepliable(interaction: Interaction): interaction is RepliableInteraction {
  return interaction.kind !== 'autocomplete' && interaction.kind !== 'other';
}

export const EPHEMERAL_FLAG = 64;
