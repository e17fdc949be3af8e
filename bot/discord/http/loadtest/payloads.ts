// Interaction payloads for the load test, shaped as Discord sends them (API v10), reduced to
// the fields the endpoint reads.
import { randomBytes } from 'node:crypto';

let sequence = 0n;
const EPOCH = 1420070400000n;

export function snowflake(): string {
  sequence += 1n;
  return (((BigInt(Date.now()) - EPOCH) << 22n) | (sequence & 0x3fffffn)).toString();
}

export interface PayloadContext {
  applicationId: string;
  guildId: string;
  channelId: string;
}

function base(ctx: PayloadContext, type: number, extra: Record<string, unknown>): Record<string, unknown> {
  const userId = snowflake();
  return {
    id: snowflake(),
    application_id: ctx.applicationId,
    type,
    token: `lt.${randomBytes(32).toString('base64url')}`,
    version: 1,
    guild_id: ctx.guildId,
    channel_id: ctx.channelId,
    member: {
      user: { id: userId, username: `load${userId.slice(-6)}`, discriminator: '0', global_name: null, avatar: null },
      roles: [],
      permissions: '0',
    },
    app_permissions: '0',
    locale: 'en-US',
    entitlements: [],
    ...extra,
  };
}

export function askPayload(ctx: PayloadContext, question: string): Record<string, unknown> {
  return base(ctx, 2, { data: { id: '1', name: 'ask', type: 1, options: [{ name: 'question', type: 3, value: question }] } });
}

export function autocompletePayload(ctx: PayloadContext, command: 'search' | 'api' | 'tip', value: string): Record<string, unknown> {
  const option = command === 'search' ? 'query' : command === 'api' ? 'name' : 'topic';
  return base(ctx, 4, { data: { id: '2', name: command, type: 1, options: [{ name: option, type: 3, value, focused: true }] } });
}

export function buttonPayload(ctx: PayloadContext, customId: string): Record<string, unknown> {
  return base(ctx, 3, {
    data: { custom_id: customId, component_type: 2 },
    message: { id: snowflake(), channel_id: ctx.channelId, flags: 0, content: '', embeds: [], components: [] },
  });
}
