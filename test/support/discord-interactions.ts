// Real INTERACTION_CREATE payloads, shaped like the ones Discord sends (API v10), for the
// stand-in to dispatch: slash commands, autocomplete, message context menu, buttons.
import { randomBytes } from 'node:crypto';
import { snowflake, type StoredMessage } from './discord-stand-in.ts';

export interface FakeUser {
  id: string;
  username: string;
  global_name: string | null;
  discriminator: string;
  avatar: null;
  public_flags: number;
}

let userCount = 0;

/** A new user with a unique id (cooldowns are per user). */
export function makeUser(name?: string): FakeUser {
  userCount += 1;
  const username = name ?? `dev${userCount}`;
  return { id: snowflake(), username, global_name: username, discriminator: '0', avatar: null, public_flags: 0 };
}

// ViewChannel | SendMessages | EmbedLinks | ReadMessageHistory | UseApplicationCommands
const MEMBER_PERMISSIONS = ((1n << 10n) | (1n << 11n) | (1n << 14n) | (1n << 16n) | (1n << 31n)).toString();
const APP_PERMISSIONS = MEMBER_PERMISSIONS;

export interface OptionInput {
  name: string;
  type: number;
  value: string | number | boolean;
  focused?: boolean;
}

export class InteractionFactory {
  readonly guildId = snowflake();
  readonly channelId = snowflake();
  private readonly commandIds = new Map<string, string>();

  constructor(private readonly applicationId: string) {}

  /** A chat-input command (type 2). `users` fills data.resolved for User options. */
  slash(name: string, options: OptionInput[], user: FakeUser, users: FakeUser[] = []): any {
    return this.base(2, user, {
      data: {
        id: this.commandId(name),
        name,
        type: 1,
        guild_id: this.guildId,
        options,
        ...(users.length > 0 ? { resolved: this.resolvedUsers(users) } : {}),
      },
    });
  }

  /** An autocomplete request (type 4) with `focused` on one option. */
  autocomplete(name: string, options: OptionInput[], user: FakeUser): any {
    return this.base(4, user, {
      data: { id: this.commandId(name), name, type: 1, guild_id: this.guildId, options },
    });
  }

  /** A message context-menu command (type 2, data.type 3) on a message by `author`. */
  messageCommand(name: string, target: { content: string; author: FakeUser }, user: FakeUser): any {
    const message = {
      id: snowflake(),
      type: 0,
      channel_id: this.channelId,
      author: target.author,
      content: target.content,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      embeds: [],
      components: [],
      pinned: false,
      flags: 0,
    };
    return this.base(2, user, {
      data: {
        id: this.commandId(name),
        name,
        type: 3,
        guild_id: this.guildId,
        target_id: message.id,
        resolved: { messages: { [message.id]: message } },
      },
    });
  }

  /** A button press (type 3) on a message the bot sent. */
  button(customId: string, message: StoredMessage, user: FakeUser): any {
    const { deleted: _deleted, ...raw } = message;
    return this.base(3, user, {
      data: { custom_id: customId, component_type: 2 },
      message: raw,
    });
  }

  private base(type: number, user: FakeUser, extra: Record<string, unknown>): any {
    return {
      id: snowflake(),
      application_id: this.applicationId,
      type,
      token: `itk.${randomBytes(48).toString('base64url')}`,
      version: 1,
      guild_id: this.guildId,
      guild: { id: this.guildId, locale: 'en-US', features: [] },
      guild_locale: 'en-US',
      channel_id: this.channelId,
      channel: {
        id: this.channelId,
        type: 0,
        guild_id: this.guildId,
        name: 'driver-dev',
        position: 0,
        permission_overwrites: [],
        nsfw: false,
        parent_id: null,
        topic: null,
        last_message_id: null,
        rate_limit_per_user: 0,
        flags: 0,
        permissions: MEMBER_PERMISSIONS,
      },
      member: this.member(user),
      app_permissions: APP_PERMISSIONS,
      locale: 'en-US',
      entitlements: [],
      authorizing_integration_owners: { '0': this.guildId },
      context: 0,
      attachment_size_limit: 10485760,
      ...extra,
    };
  }

  private member(user: FakeUser) {
    return {
      user,
      roles: [],
      permissions: MEMBER_PERMISSIONS,
      joined_at: '2024-01-01T00:00:00.000000+00:00',
      premium_since: null,
      nick: null,
      avatar: null,
      deaf: false,
      mute: false,
      flags: 0,
      pending: false,
      communication_disabled_until: null,
    };
  }

  private resolvedUsers(users: FakeUser[]) {
    const members: Record<string, unknown> = {};
    for (const user of users) {
      const { user: _user, deaf: _deaf, mute: _mute, ...member } = this.member(user);
      members[user.id] = member;
    }
    return { users: Object.fromEntries(users.map((user) => [user.id, user])), members };
  }

  private commandId(name: string): string {
    let id = this.commandIds.get(name);
    if (!id) {
      id = snowflake();
      this.commandIds.set(name, id);
    }
    return id;
  }
}
