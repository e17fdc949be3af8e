// Discord's limits the bot's payloads must fit, named once (discord-api-docs c98d64bc). Size
// output with these and the one `truncate` helper, so a payload never earns an HTTP 400.

export const MESSAGE_CONTENT_MAX = 2000;
/** Sum over titles, descriptions, field names and values, footers and author names. */
export const EMBED_TOTAL_MAX = 6000;
export const EMBED_TITLE_MAX = 256;
export const EMBED_DESCRIPTION_MAX = 4096;
export const EMBED_FIELDS_MAX = 25;
export const EMBED_FIELD_NAME_MAX = 256;
export const EMBED_FIELD_VALUE_MAX = 1024;
export const EMBED_FOOTER_MAX = 2048;
export const EMBED_AUTHOR_NAME_MAX = 256;

export const CUSTOM_ID_MAX = 100;
export const BUTTON_LABEL_MAX = 80;
export const LINK_URL_MAX = 512;

export const AUTOCOMPLETE_MAX_ITEMS = 25;
export const AUTOCOMPLETE_NAME_MAX = 100;
export const AUTOCOMPLETE_VALUE_MAX = 100;

const ELLIPSIS = '…';

/** Shortens `text` to at most `max` characters (UTF-16 units, as Discord counts), ending in "…". */
export function truncate(text: string, max: number): string {
  if (max <= 0) return '';
  if (text.length <= max) return text;
  if (max === 1) return ELLIPSIS;
  let cut = text.slice(0, max - 1);
  // Do not leave half of a surrogate pair behind.
  const last = cut.charCodeAt(cut.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
  return cut.trimEnd() + ELLIPSIS;
}

/** The /ask question option's max_length; context-menu questions are cut to it too. */
export const ASK_QUESTION_MAX = 500;
