// Turns a view into a message: embeds, buttons (within Discord's limits), content and
// allowed_mentions. Nobody is ever pinged except an explicit `mention` target.
import { ButtonStyle, ComponentType, type APIActionRowComponent, type APIButtonComponent, type APIEmbed } from 'discord.js';
import type { BotContext } from './context.ts';
import { encodeButtonId } from './custom-ids.ts';
import type { ViewRecord } from './feedback-store.ts';
import type { AllowedMentions } from './transport/interaction.ts';
import { BUTTON_LABEL_MAX, MESSAGE_CONTENT_MAX, truncate } from './limits.ts';
import type { RenderedView } from './render-common.ts';
import { safeUrl } from './safe-text.ts';
import { type ViewRequest, computeView } from './views.ts';

export interface ShowOptions {
  /** Ephemeral: gets "Share in channel" instead of "Delete". */
  hidden: boolean;
  /** Who asked: the only person the Delete button works for. */
  askerId: string;
  /** The one user this message may ping. */
  mentionUserId?: string;
  /** A line above the answer, written by the bot (user text in it must already be safe). */
  intro?: string;
  /** The server it is shown in (none in DMs): its summary may list the question. */
  guildId?: string;
}

export interface ComposedMessage {
  content?: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponent>[];
  allowedMentions: AllowedMentions;
}

/** Nobody is pinged by anything in the message. */
export const NO_MENTIONS: AllowedMentions = Object.freeze({ parse: [] }) as AllowedMentions;

/** Computes a view, records it (and an unanswered question), and composes its message. */
export async function showView(ctx: BotContext, request: ViewRequest, options: ShowOptions): Promise<ComposedMessage> {
  const rendered = await computeView(ctx.engine, request);
  // Running out of "More sources" is not an unanswered question.
  if (!rendered.answered && request.offset === 0) {
    await ctx.store.recordUnanswered(request.kind, request.query, rendered.unansweredReason ?? 'no-match', {
      ...(options.guildId !== undefined ? { guildId: options.guildId } : {}),
      hidden: options.hidden,
      askerId: options.askerId,
    });
  }
  const view = await ctx.store.saveView({
    ...(options.guildId !== undefined ? { guildId: options.guildId } : {}),
    hidden: options.hidden,
    askerId: options.askerId,
    kind: request.kind,
    query: request.query,
    offset: request.offset,
    citedUrls: rendered.citedUrls,
    ...(rendered.nextOffset !== undefined ? { nextOffset: rendered.nextOffset } : {}),
  });
  return composeMessage(rendered, view, options);
}

export function composeMessage(rendered: RenderedView, view: ViewRecord, options: ShowOptions): ComposedMessage {
  const lines: string[] = [];
  if (options.mentionUserId) lines.push(`answer for <@${options.mentionUserId}>`);
  if (options.intro) lines.push(options.intro);
  const content = lines.length > 0 ? truncate(lines.join('\n'), MESSAGE_CONTENT_MAX) : undefined;
  return {
    ...(content !== undefined ? { content } : {}),
    embeds: rendered.embeds,
    components: buttonsFor(rendered, view, options),
    allowedMentions: options.mentionUserId ? { parse: [], users: [options.mentionUserId] } : NO_MENTIONS,
  };
}

function buttonsFor(rendered: RenderedView, view: ViewRecord, options: ShowOptions): APIActionRowComponent<APIButtonComponent>[] {
  const actions: APIButtonComponent[] = [];
  if (rendered.nextOffset !== undefined && (view.kind === 'ask' || view.kind === 'search' || view.kind === 'tip')) {
    actions.push(button(view.kind === 'ask' ? 'More sources' : 'More results', ButtonStyle.Secondary, 'more', view.id));
  }
  if (options.hidden) actions.push(button('Share in channel', ButtonStyle.Primary, 'share', view.id));
  else actions.push(button('Delete', ButtonStyle.Danger, 'delete', options.askerId, '🗑️'));
  const page = safeUrl(rendered.pageUrl);
  if (page) actions.push({ type: ComponentType.Button, style: ButtonStyle.Link, label: 'Open page', url: page });

  const rows: APIActionRowComponent<APIButtonComponent>[] = [{ type: ComponentType.ActionRow, components: actions }];
  if (view.kind === 'ask' && rendered.answered) {
    rows.push({
      type: ComponentType.ActionRow,
      components: [
        button('Helpful', ButtonStyle.Secondary, 'up', view.id, '👍'),
        button('Not helpful', ButtonStyle.Secondary, 'down', view.id, '👎'),
      ],
    });
  }
  return rows;
}

function button(
  label: string,
  style: ButtonStyle.Primary | ButtonStyle.Secondary | ButtonStyle.Danger,
  action: Parameters<typeof encodeButtonId>[0]['action'],
  arg: string,
  emoji?: string,
): APIButtonComponent {
  return {
    type: ComponentType.Button,
    style,
    label: truncate(label, BUTTON_LABEL_MAX),
    custom_id: encodeButtonId({ action, arg }),
    ...(emoji ? { emoji: { name: emoji } } : {}),
  };
}
