// How handlers are declared: each binds one command declaration to its behaviour, typed from
// that declaration, and is erased into a registry entry the router looks up by name.
import type { Awaitable } from '../../answer/engine-contract.ts';
import type { Suggestion } from '../../answer/types.ts';
import {
  type ArgumentsOf,
  type AutocompleteOptionOf,
  type ChatInputCommandDecl,
  type MessageCommandDecl,
  readArguments,
} from '../command-types.ts';
import type { BotContext } from '../context.ts';
import type { ButtonAction, ButtonId } from '../custom-ids.ts';
import type {
  AutocompleteInteraction,
  ButtonInteraction,
  ChatInputInteraction as ChatInputCommandInteraction,
  MessageCommandInteraction as MessageContextMenuCommandInteraction,
} from '../transport/interaction.ts';

type Autocompleter = (ctx: BotContext, value: string, interaction: AutocompleteInteraction) => Awaitable<Suggestion[]>;

export interface ChatInputHandler<C extends ChatInputCommandDecl> {
  readonly command: C;
  /** Whether the per-user cooldown applies (commands that query the engine). */
  readonly cooldown: boolean;
  execute(ctx: BotContext, interaction: ChatInputCommandInteraction, args: ArgumentsOf<C>): Promise<void>;
  /** One autocompleter for each option declared with `autocomplete: true`, and no others. */
  readonly autocomplete: { readonly [K in AutocompleteOptionOf<C>]: Autocompleter };
}

export interface MessageCommandHandler<C extends MessageCommandDecl> {
  readonly command: C;
  readonly cooldown: boolean;
  execute(ctx: BotContext, interaction: MessageContextMenuCommandInteraction): Promise<void>;
}

export interface ButtonHandler {
  readonly action: ButtonAction;
  readonly cooldown: boolean;
  execute(ctx: BotContext, interaction: ButtonInteraction, id: ButtonId): Promise<void>;
}

/** A chat-input command as the router sees it: its name, not its option types. */
export interface ChatInputEntry {
  readonly name: string;
  readonly cooldown: boolean;
  run(ctx: BotContext, interaction: ChatInputCommandInteraction): Promise<void>;
  /** Suggestions for the focused option; undefined when the option has no autocompleter. */
  complete(ctx: BotContext, option: string, value: string, interaction: AutocompleteInteraction): Awaitable<Suggestion[] | undefined>;
}

export interface MessageCommandEntry {
  readonly name: string;
  readonly cooldown: boolean;
  run(ctx: BotContext, interaction: MessageContextMenuCommandInteraction): Promise<void>;
}

export function chatInput<C extends ChatInputCommandDecl>(handler: ChatInputHandler<C>): ChatInputEntry {
  const completers = new Map<string, Autocompleter>(Object.entries<Autocompleter>(handler.autocomplete));
  return {
    name: handler.command.name,
    cooldown: handler.cooldown,
    run: (ctx, interaction) => handler.execute(ctx, interaction, readArguments(handler.command, interaction.options)),
    complete: (ctx, option, value, interaction) => completers.get(option)?.(ctx, value, interaction),
  };
}

export function messageCommand<C extends MessageCommandDecl>(handler: MessageCommandHandler<C>): MessageCommandEntry {
  return {
    name: handler.command.name,
    cooldown: handler.cooldown,
    run: (ctx, interaction) => handler.execute(ctx, interaction),
  };
}
