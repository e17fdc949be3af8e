// Renders an Answer for a terminal: numbered excerpts, citations with their URLs.
import { apiFactEntries } from '../answer/api-facts.ts';
import type { Answer, TextSpan } from '../answer/types.ts';

export interface TerminalStyle {
  bold(text: string): string;
  dim(text: string): string;
}

export const ansiStyle: TerminalStyle = {
  bold: (text) => `\u001b[1m${text}\u001b[22m`,
  dim: (text) => `\u001b[2m${text}\u001b[22m`,
};

export const plainStyle: TerminalStyle = { bold: (text) => text, dim: (text) => text };

export function spansToText(spans: TextSpan[], style: TerminalStyle): string {
  return spans.map((span) => (span.match ? style.bold(span.text) : span.text)).join('');
}

export function renderAnswerForTerminal(answer: Answer, style: TerminalStyle = plainStyle): string {
  const lines: string[] = [];
  lines.push(style.bold(`Q: ${answer.searchedQuestion || answer.question}`));
  if (answer.notice) lines.push(style.dim(answer.notice));
  lines.push('');
  if (answer.noAnswer) {
    lines.push(answer.noAnswer.message);
    for (const page of answer.noAnswer.suggestions) lines.push(`  - ${page.title}  ${style.dim(page.url)}`);
    return lines.join('\n');
  }
  for (const excerpt of answer.excerpts) {
    lines.push(`[${excerpt.citation.n}] ${spansToText(excerpt.spans, style)}`);
    lines.push('');
  }
  if (answer.api) {
    const { facts } = answer.api;
    lines.push(style.bold(`API: ${answer.api.name}`));
    for (const [label, value] of apiFactEntries(facts)) lines.push(`  ${label}: ${value}`);
    lines.push(`  ${answer.api.url}`);
    lines.push('');
  }
  lines.push(style.bold('Sources'));
  const listed = new Set<number>();
  for (const excerpt of answer.excerpts) {
    const { citation } = excerpt;
    if (listed.has(citation.n)) continue;
    listed.add(citation.n);
    const section = citation.section ? ` › ${citation.section}` : '';
    lines.push(`  [${citation.n}] ${citation.pageTitle}${section}`);
    lines.push(`      ${citation.url}`);
  }
  if (answer.related.length > 0) {
    lines.push('');
    lines.push(style.bold('Related pages'));
    for (const page of answer.related) lines.push(`  - ${page.title}  ${style.dim(page.url)}`);
  }
  lines.push('');
  lines.push(style.dim(answer.credit));
  return lines.join('\n');
}
