// The gateway transport: a discord.js interaction seen through the transport-agnostic shape.
// Every answer goes through discord.js's own methods, so its REST client (retries, rate
// limits, DISCORD_API_URL) does the sending.
import {
  type Interaction as DiscordInteraction,
  type InteractionReplyOptions,
  type InteractionEditReplyOptions,
  type MessageMentionOptions,
  MessageFlags,
  type RepliableInteraction as DiscordRepliable,
} from 'discord.js';
import type { Interaction, OutgoingMessage, Responder } from './interaction.ts';

export function fromDiscordJs(interaction: DiscordInteraction): Interaction {
  const common = {
    id: interaction.id,
    type: interaction.type,
    user: { id: interaction.user.id },
    guildId: interaction.guildId ?? null,
    channelId: interaction.channelId ?? null,
  };
  if (interaction.isAutocomplete()) {
    const focused = interaction.options.getFocused(true);
    return {
      ...common,
      kind: 'autocomplete',
      commandName: interaction.commandName,
      focused: { name: focused.name, value: String(focused.value) },
      respond: (choices) => interaction.respond(choices),
    };
  }
  if (!interaction.isRepliable()) return { ...common, kind: 'other' };
  const responder = responderFor(interaction);
  if (interaction.isChatInputCommand()) {
    const options = interaction.options;
    return Object.assign(responder, {
      ...common,
      kind: 'chat-input' as const,
      commandName: interaction.commandName,
      options: {
        getString: (name: string, required?: boolean) => options.getString(name, required ?? false),
        getInteger: (name: string, required?: boolean) => options.getInteger(name, required ?? false),
        getBoolean: (name: string, required?: boolean) => options.getBoolean(name, required ?? false),
        getUser: (name: string, required?: boolean) => {
          const user = options.getUser(name, required ?? false);
          return user ? { id: user.id } : null;
        },
      },
    });
  }
  if (interaction.isMessageContextMenuCommand()) {
    const target = interaction.targetMessage;
    return Object.assign(responder, {
      ...common,
      kind: 'message-command' as const,
      commandName: interaction.commandName,
      targetMessage: { id: target.id, channelId: target.channelId, content: target.content, author: { id: target.author.id } },
    });
  }
  if (interaction.isButton()) {
    return Object.assign(responder, {
      ...common,
      kind: 'button' as const,
      customId: interaction.customId,
      message: { id: interaction.message.id, ephemeral: interaction.message.flags.has(MessageFlags.Ephemeral) },
    });
  }
  return Object.assign(responder, { ...common, kind: 'other-repliable' as const });
}

/** The answering half, with state read live from discord.js. */
function responderFor(interaction: DiscordRepliable): Responder {
  return {
    get deferred() {
      return interaction.deferred;
    },
    get replied() {
      return interaction.replied;
    },
    get ephemeral() {
      return interaction.ephemeral ?? undefined;
    },
    async reply(message) {
      await interaction.reply(toReplyOptions(message));
    },
    async deferReply(options) {
      await interaction.deferReply(options?.flags ? { flags: MessageFlags.Ephemeral } : {});
    },
    async deferUpdate() {
      if (!interaction.isMessageComponent()) throw new Error('deferUpdate is only for components');
      await interaction.deferUpdate();
    },
    async editReply(message) {
      await interaction.editReply(toEditOptions(message));
    },
    async followUp(message) {
      await interaction.followUp(toReplyOptions(message));
    },
    async deleteReply() {
      await interaction.deleteReply();
    },
  };
}

function toEditOptions(message: OutgoingMessage): InteractionEditReplyOptions {
  return {
    ...(message.content !== undefined ? { content: message.content } : {}),
    ...(message.embeds !== undefined ? { embeds: message.embeds } : {}),
    ...(message.components !== undefined ? { components: message.components } : {}),
    ...(message.allowedMentions !== undefined ? { allowedMentions: message.allowedMentions as MessageMentionOptions } : {}),
  };
}

function toReplyOptions(message: OutgoingMessage): InteractionReplyOptions {
  return {
    ...toEditOptions(message),
    ...((message.flags ?? 0) & MessageFlags.Ephemeral ? { flags: MessageFlags.Ephemeral } : {}),
  } as InteractionReplyOptions;
}
