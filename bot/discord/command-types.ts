// Command declarations as plain typed data, and the types derived from them: what a handler
// receives (ArgumentsOf) and which options it must autocomplete (AutocompleteOptionOf).
// One declaration is both what gets registered and the type its handler is checked against.
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  type APIApplicationCommandOption,
  type InteractionContextType,
  type RESTPostAPIApplicationCommandsJSONBody,
} from 'discord.js';
import type { InteractionUser, OptionReader } from './transport/interaction.ts';

interface OptionBase {
  readonly name: string;
  readonly description: string;
  readonly required?: boolean;
}

interface StringOptionDecl extends OptionBase {
  readonly type: ApplicationCommandOptionType.String;
  readonly autocomplete?: boolean;
  readonly min_length?: number;
  readonly max_length?: number;
}

interface IntegerOptionDecl extends OptionBase {
  readonly type: ApplicationCommandOptionType.Integer;
  readonly min_value?: number;
  readonly max_value?: number;
}

interface BooleanOptionDecl extends OptionBase {
  readonly type: ApplicationCommandOptionType.Boolean;
}

interface UserOptionDecl extends OptionBase {
  readonly type: ApplicationCommandOptionType.User;
}

type OptionDecl = StringOptionDecl | IntegerOptionDecl | BooleanOptionDecl | UserOptionDecl;

export interface ChatInputCommandDecl {
  readonly type: ApplicationCommandType.ChatInput;
  readonly name: string;
  readonly description: string;
  readonly options: readonly OptionDecl[];
  /** Permission bit set as a decimal string; members without it do not see the command. */
  readonly default_member_permissions?: string;
  readonly contexts?: readonly InteractionContextType[];
}

export interface MessageCommandDecl {
  readonly type: ApplicationCommandType.Message;
  readonly name: string;
  readonly contexts?: readonly InteractionContextType[];
}

export type CommandDecl = ChatInputCommandDecl | MessageCommandDecl;

type OptionValue<O extends OptionDecl> = O extends StringOptionDecl
  ? string
  : O extends IntegerOptionDecl
    ? number
    : O extends BooleanOptionDecl
      ? boolean
      : O extends UserOptionDecl
        ? InteractionUser
        : never;

/** The parsed options of a chat-input command: required ones present, the rest optional. */
export type ArgumentsOf<C extends ChatInputCommandDecl> = {
  [O in C['options'][number] as O['name']]: O extends { readonly required: true } ? OptionValue<O> : OptionValue<O> | undefined;
};

/** Names of the options declared with `autocomplete: true`. */
export type AutocompleteOptionOf<C extends ChatInputCommandDecl> = Extract<C['options'][number], { readonly autocomplete: true }>['name'];

/** Reads a command's options from an interaction, by the declaration's option types. */
export function readArguments<C extends ChatInputCommandDecl>(command: C, options: OptionReader): ArgumentsOf<C> {
  const args: Record<string, unknown> = {};
  for (const option of command.options) {
    const required = option.required === true;
    switch (option.type) {
      case ApplicationCommandOptionType.String:
        args[option.name] = options.getString(option.name, required) ?? undefined;
        break;
      case ApplicationCommandOptionType.Integer:
        args[option.name] = options.getInteger(option.name, required) ?? undefined;
        break;
      case ApplicationCommandOptionType.Boolean:
        args[option.name] = options.getBoolean(option.name, required) ?? undefined;
        break;
      case ApplicationCommandOptionType.User:
        args[option.name] = options.getUser(option.name, required) ?? undefined;
        break;
    }
  }
  // Built option by option from the same declaration ArgumentsOf<C> is computed from.
  return args as ArgumentsOf<C>;
}

/** The JSON body Discord's "create/overwrite application commands" endpoints take. */
export function toRegistrationBody(command: CommandDecl): RESTPostAPIApplicationCommandsJSONBody {
  if (command.type === ApplicationCommandType.Message) {
    return {
      type: command.type,
      name: command.name,
      ...(command.contexts ? { contexts: [...command.contexts] } : {}),
    };
  }
  return {
    type: command.type,
    name: command.name,
    description: command.description,
    options: command.options.map((option): APIApplicationCommandOption => ({ ...option })),
    ...(command.default_member_permissions !== undefined ? { default_member_permissions: command.default_member_permissions } : {}),
    ...(command.contexts ? { contexts: [...command.contexts] } : {}),
  };
}
