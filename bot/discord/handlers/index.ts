// The registry: command name → handler, button action → handler. The router looks handlers up
// here; adding a command means declaring it in commands.ts and listing its handler below.
import type { ButtonAction } from '../custom-ids.ts';
import { apiHandler } from './api.ts';
import { askMessageHandler } from './ask-message.ts';
import { askHandler } from './ask.ts';
import { deleteButton, downButton, moreButton, shareButton, upButton } from './buttons.ts';
import type { ButtonHandler, ChatInputEntry, MessageCommandEntry } from './define.ts';
import { feedbackSummaryHandler } from './feedback-summary.ts';
import { helpHandler } from './help.ts';
import { searchHandler } from './search.ts';
import { tipHandler } from './tip.ts';

export interface HandlerRegistry {
  chatInput: ReadonlyMap<string, ChatInputEntry>;
  messageCommands: ReadonlyMap<string, MessageCommandEntry>;
  buttons: ReadonlyMap<ButtonAction, ButtonHandler>;
}

export function createRegistry(
  chatInput: readonly ChatInputEntry[] = [askHandler, searchHandler, tipHandler, apiHandler, helpHandler, feedbackSummaryHandler],
  messageCommands: readonly MessageCommandEntry[] = [askMessageHandler],
  buttons: readonly ButtonHandler[] = [moreButton, shareButton, deleteButton, upButton, downButton],
): HandlerRegistry {
  return {
    chatInput: new Map(chatInput.map((entry) => [entry.name, entry])),
    messageCommands: new Map(messageCommands.map((entry) => [entry.name, entry])),
    buttons: new Map(buttons.map((handler) => [handler.action, handler])),
  };
}
