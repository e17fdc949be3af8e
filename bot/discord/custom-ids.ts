// Button custom_ids: "<action>:<argument>", within Discord's 100 characters. The argument is a
// stored view's id, except for "delete", which carries the asker's user id so that only they
// can delete the answer even if the view has been forgotten.
import { CUSTOM_ID_MAX } from './limits.ts';

export type ButtonAction = 'more' | 'share' | 'delete' | 'up' | 'down';

export interface ButtonId {
  action: ButtonAction;
  /** View id, or the asker's user id for "delete". */
  arg: string;
}

const VIEW_ID = /^[A-Za-z0-9_-]{1,32}$/;
const SNOWFLAKE = /^\d{15,21}$/;

const argPattern: Record<ButtonAction, RegExp> = {
  more: VIEW_ID,
  share: VIEW_ID,
  up: VIEW_ID,
  down: VIEW_ID,
  delete: SNOWFLAKE,
};

export function encodeButtonId(id: ButtonId): string {
  if (!argPattern[id.action].test(id.arg)) throw new Error(`bad ${id.action} button argument`);
  const encoded = `${id.action}:${id.arg}`;
  if (encoded.length > CUSTOM_ID_MAX) throw new Error('custom_id too long');
  return encoded;
}

/** The button a custom_id stands for; undefined for anything this bot did not make. */
export function decodeButtonId(customId: string): ButtonId | undefined {
  const colon = customId.indexOf(':');
  if (colon === -1) return undefined;
  const action = customId.slice(0, colon);
  const arg = customId.slice(colon + 1);
  if (!isButtonAction(action)) return undefined;
  return argPattern[action].test(arg) ? { action, arg } : undefined;
}

function isButtonAction(value: string): value is ButtonAction {
  return Object.hasOwn(argPattern, value);
}
