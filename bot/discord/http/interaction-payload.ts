// Reads a raw interaction payload (Discord API v10 JSON, as POSTed to the endpoint) into the
// transport-agnostic shape's facts: who, where, what. Payloads are untrusted input even when
// signed: anything malformed becomes `undefined` (a 400), never an exception later.
import type { InteractionUser, OptionReader, TargetMessage } from '../transport/interaction.ts';

const InteractionType = { Ping: 1, Command: 2, Component: 3, Autocomplete: 4, ModalSubmit: 5 } as const;
const COMMAND_TYPE_MESSAGE = 3;
const COMPONENT_BUTTON = 2;
const EPHEMERAL = 64;

export type PayloadFacts =
  | { kind: 'ping' }
  | (Envelope &
      (
        | { kind: 'chat-input'; commandName: string; options: OptionReader }
        | { kind: 'message-command'; commandName: string; targetMessage: TargetMessage }
        | { kind: 'autocomplete'; commandName: string; focused: { name: string; value: string } }
        | { kind: 'button'; customId: string; message: { id: string; ephemeral: boolean } }
        | { kind: 'other-repliable' }
      ));

interface Envelope {
  id: string;
  type: number;
  applicationId: string;
  token: string;
  user: InteractionUser;
  guildId: string | null;
  channelId: string | null;
}

type Json = Record<string, unknown>;

/** The facts of a payload, or undefined when it is not a well-formed interaction we know. */
export function readPayload(value: unknown): PayloadFacts | undefined {
  if (!isObject(value) || typeof value.type !== 'number') return undefined;
  if (value.type === InteractionType.Ping) return { kind: 'ping' };
  const envelope = readEnvelope(value);
  if (!envelope) return undefined;
  const data = isObject(value.data) ? value.data : undefined;
  switch (value.type) {
    case InteractionType.Command: {
      if (!data || typeof data.name !== 'string') return undefined;
      if (data.type === COMMAND_TYPE_MESSAGE) {
        return { ...envelope, kind: 'message-command', commandName: data.name, targetMessage: readTarget(data, envelope) };
      }
      return { ...envelope, kind: 'chat-input', commandName: data.name, options: optionReader(optionList(data)) };
    }
    case InteractionType.Autocomplete: {
      if (!data || typeof data.name !== 'string') return undefined;
      const focused = optionList(data).find((option) => option.focused === true);
      return {
        ...envelope,
        kind: 'autocomplete',
        commandName: data.name,
        focused: { name: String(focused?.name ?? ''), value: focused?.value === undefined ? '' : String(focused.value) },
      };
    }
    case InteractionType.Component: {
      if (!data || typeof data.custom_id !== 'string') return undefined;
      if (data.component_type !== COMPONENT_BUTTON) return { ...envelope, kind: 'other-repliable' };
      const message = isObject(value.message) ? value.message : {};
      return {
        ...envelope,
        kind: 'button',
        customId: data.custom_id,
        message: {
          id: typeof message.id === 'string' ? message.id : '',
          ephemeral: typeof message.flags === 'number' && (message.flags & EPHEMERAL) !== 0,
        },
      };
    }
    case InteractionType.ModalSubmit:
      return { ...envelope, kind: 'other-repliable' };
    default:
      return undefined;
  }
}

function readEnvelope(value: Json): Envelope | undefined {
  const member = isObject(value.member) ? value.member : undefined;
  const user = isObject(member?.user) ? member.user : isObject(value.user) ? value.user : undefined;
  if (
    typeof value.id !== 'string' ||
    typeof value.token !== 'string' ||
    typeof value.application_id !== 'string' ||
    typeof user?.id !== 'string'
  ) {
    return undefined;
  }
  return {
    id: value.id,
    type: value.type as number,
    applicationId: value.application_id,
    token: value.token,
    user: { id: user.id },
    guildId: typeof value.guild_id === 'string' ? value.guild_id : null,
    channelId: typeof value.channel_id === 'string' ? value.channel_id : null,
  };
}

interface RawOption {
  name?: unknown;
  type?: unknown;
  value?: unknown;
  focused?: unknown;
}

function optionList(data: Json): RawOption[] {
  return Array.isArray(data.options) ? data.options.filter(isObject) : [];
}

/** Option values by name; a value of the wrong type counts as absent. */
function optionReader(options: RawOption[]): OptionReader {
  const read = <T>(name: string, required: boolean | undefined, accept: (value: unknown) => value is T): T | null => {
    const option = options.find((candidate) => candidate.name === name);
    if (option && accept(option.value)) return option.value;
    if (required) throw new TypeError(`required option "${name}" is missing or of the wrong type`);
    return null;
  };
  return {
    getString: (name, required) => read(name, required, (v): v is string => typeof v === 'string'),
    getInteger: (name, required) => read(name, required, (v): v is number => Number.isInteger(v)),
    getBoolean: (name, required) => read(name, required, (v): v is boolean => typeof v === 'boolean'),
    getUser: (name, required) => {
      const id = read(name, required, (v): v is string => typeof v === 'string' && /^\d{15,21}$/.test(v));
      return id === null ? null : { id };
    },
  };
}

function readTarget(data: Json, envelope: Envelope): TargetMessage {
  const targetId = typeof data.target_id === 'string' ? data.target_id : '';
  const resolved = isObject(data.resolved) && isObject(data.resolved.messages) ? data.resolved.messages : {};
  const message = isObject(resolved[targetId]) ? resolved[targetId] : {};
  const author = isObject(message.author) && typeof message.author.id === 'string' ? message.author.id : '';
  return {
    id: targetId,
    channelId: typeof message.channel_id === 'string' ? message.channel_id : (envelope.channelId ?? ''),
    // Without the message or its author there is nothing to answer: the handler says so.
    content: typeof message.content === 'string' && author !== '' ? message.content : '',
    author: { id: author },
  };
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
