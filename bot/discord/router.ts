// Dispatch by interaction kind: autocomplete, slash commands, the message context menu,
// buttons. Looks handlers up in the registry, applies the per-user cooldown, and turns any
// failure into a log line and an ephemeral note. The returned function never rejects.
import type { Suggestion } from '../answer/types.ts';
import type { BotContext } from './context.ts';
import { decodeButtonId } from './custom-ids.ts';
import { type HandlerRegistry, createRegistry } from './handlers/index.ts';
import { describeInteraction, replyEphemeral, reportFailure } from './handlers/respond.ts';
import { AUTOCOMPLETE_MAX_ITEMS, AUTOCOMPLETE_NAME_MAX, AUTOCOMPLETE_VALUE_MAX, truncate } from './limits.ts';
import { pageChoiceValue } from './page-choice.ts';
import { oneLine } from './safe-text.ts';
import { type AutocompleteInteraction, type ButtonInteraction, type Interaction, isRepliable } from './transport/interaction.ts';

const UNKNOWN_COMMAND_NOTE = 'I do not know that command; the command list may be out of date. Try `/help` to see what I can do.';
const UNKNOWN_BUTTON_NOTE = 'That button is no longer supported. Please ask again.';

export type Outcome = 'ok' | 'failed' | 'cooldown' | 'unknown' | 'ignored';

/** Told how each interaction ended (for metrics). */
export type RouteObserver = (interaction: Interaction, outcome: Outcome, ms: number) => void;

export function createRouter(ctx: BotContext, registry: HandlerRegistry = createRegistry(), observe?: RouteObserver) {
  return async function route(interaction: Interaction): Promise<void> {
    const started = performance.now();
    let outcome: Outcome = 'ok';
    // The engine current now answers this interaction to its end, even if a reload swaps it.
    const lease = ctx.engines?.lease();
    const scoped: BotContext = lease ? { ...ctx, engine: lease.engine } : ctx;
    try {
      outcome = await dispatch(scoped, registry, interaction);
    } catch (error) {
      outcome = 'failed';
      await reportFailure(scoped, interaction, error);
    } finally {
      lease?.release();
      // One line per interaction, whatever happened: what, who, how it ended, how long it took.
      const line = { interaction: describeInteraction(interaction), outcome, ms: elapsed(started) };
      observe?.(interaction, outcome, line.ms);
      if (interaction.kind === 'autocomplete') ctx.logger.debug(line, 'interaction done');
      else ctx.logger.info(line, 'interaction done');
    }
  };
}

async function dispatch(ctx: BotContext, registry: HandlerRegistry, interaction: Interaction): Promise<Outcome> {
  if (interaction.kind === 'autocomplete') {
    await autocomplete(ctx, registry, interaction);
    return 'ok';
  }
  if (interaction.kind === 'chat-input') {
    const entry = registry.chatInput.get(interaction.commandName);
    if (!entry) return unknown(ctx, interaction, UNKNOWN_COMMAND_NOTE);
    if (entry.cooldown && !(await passCooldown(ctx, interaction, 'command'))) return 'cooldown';
    await entry.run(ctx, interaction);
    return 'ok';
  }
  if (interaction.kind === 'message-command') {
    const entry = registry.messageCommands.get(interaction.commandName);
    if (!entry) return unknown(ctx, interaction, UNKNOWN_COMMAND_NOTE);
    if (entry.cooldown && !(await passCooldown(ctx, interaction, 'command'))) return 'cooldown';
    await entry.run(ctx, interaction);
    return 'ok';
  }
  if (interaction.kind === 'button') return button(ctx, registry, interaction);
  if (isRepliable(interaction)) return unknown(ctx, interaction, UNKNOWN_COMMAND_NOTE);
  return 'ignored';
}

async function autocomplete(ctx: BotContext, registry: HandlerRegistry, interaction: AutocompleteInteraction): Promise<void> {
  const focused = interaction.focused;
  let suggestions: Suggestion[] = [];
  try {
    suggestions =
      (await registry.chatInput.get(interaction.commandName)?.complete(ctx, focused.name, String(focused.value), interaction)) ?? [];
  } catch (error) {
    // Still answer within the 3-second window, with nothing rather than an error.
    ctx.logger.error({ err: error, interaction: describeInteraction(interaction) }, 'autocomplete failed');
  }
  await interaction.respond(toChoices(suggestions));
}

/** At most 25 choices, names cut to 100 characters; a page's value fitted to 100 characters,
 *  other values (which cannot be cut) dropped when longer. */
export function toChoices(suggestions: readonly Suggestion[]): { name: string; value: string }[] {
  const choices: { name: string; value: string }[] = [];
  const seen = new Set<string>();
  for (const suggestion of suggestions) {
    if (choices.length >= AUTOCOMPLETE_MAX_ITEMS) break;
    const name = truncate(oneLine(suggestion.name), AUTOCOMPLETE_NAME_MAX);
    const value = suggestion.kind === 'page' ? pageChoiceValue(suggestion.value) : suggestion.value;
    if (name === '' || value === '' || value.length > AUTOCOMPLETE_VALUE_MAX || seen.has(value)) continue;
    seen.add(value);
    choices.push({ name, value });
  }
  return choices;
}

async function button(ctx: BotContext, registry: HandlerRegistry, interaction: ButtonInteraction): Promise<Outcome> {
  const id = decodeButtonId(interaction.customId);
  const handler = id ? registry.buttons.get(id.action) : undefined;
  if (!id || !handler) return unknown(ctx, interaction, UNKNOWN_BUTTON_NOTE);
  if (handler.cooldown && !(await passCooldown(ctx, interaction, 'button'))) return 'cooldown';
  await handler.execute(ctx, interaction, id);
  return 'ok';
}

/**
 * Commands and buttons have separate turns, so asking and then pressing "Share" or "More
 * sources" at once is fine, while repeating either quickly is not.
 */
async function passCooldown(ctx: BotContext, interaction: Interaction, bucket: 'command' | 'button'): Promise<boolean> {
  const turn = await ctx.cooldown.take(`${interaction.user.id}:${bucket}`);
  if (turn.ok) return true;
  const seconds = Math.max(1, Math.ceil(turn.retryAfterMs / 1000));
  if (isRepliable(interaction)) {
    await replyEphemeral(
      interaction,
      `You're asking a little fast: please wait ${seconds} second${seconds === 1 ? '' : 's'} and try again.`,
    );
  }
  return false;
}

async function unknown(ctx: BotContext, interaction: Interaction, note: string): Promise<Outcome> {
  ctx.logger.warn({ interaction: describeInteraction(interaction) }, 'unknown interaction');
  if (isRepliable(interaction)) await replyEphemeral(interaction, note);
  return 'unknown';
}

function elapsed(started: number): number {
  return Math.round(performance.now() - started);
}
