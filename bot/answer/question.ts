// Turns what someone typed into what gets searched: Discord mentions and markup removed,
// whitespace collapsed, oversized text shortened with a note saying so.
import { queryTokens } from '../../indexer/tokenizer.ts';

const maxQuestionChars = 400;

export interface PreparedQuestion {
  /** Text to search. */
  text: string;
  tokens: string[];
  notice?: string;
}

export function prepareQuestion(raw: string): PreparedQuestion {
  let text = String(raw ?? '')
    // Mentions are people, roles and channels, not search terms.
    .replace(/<@[!&]?\d+>|<#\d+>|@(?:everyone|here)\b/g, ' ')
    // Custom emoji and markdown punctuation carry no meaning for search.
    .replace(/<a?:\w+:\d+>/g, ' ')
    .replace(/[`*~|>#]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  let notice: string | undefined;
  if (text.length > maxQuestionChars) {
    const cut = text.lastIndexOf(' ', maxQuestionChars);
    text = text.slice(0, cut > maxQuestionChars / 2 ? cut : maxQuestionChars);
    notice = `Your question was long, so only its first ${text.length} characters were searched.`;
  }
  return { text, tokens: queryTokens(text), notice };
}
