// Renders a KeyTipAnswer for a terminal: our lead-in marked as ours, the numbered quotes,
// their sources, then the pages to read.
import type { KeyTipAnswer } from '../answer/types.ts';
import { spansToText, type TerminalStyle, plainStyle } from './render-terminal.ts';

export function renderKeyTipForTerminal(tip: KeyTipAnswer, style: TerminalStyle = plainStyle): string {
  const lines: string[] = [style.bold(`Key tip: ${tip.topic}`), ''];
  if (tip.leadIn && tip.excerpts.length > 0) lines.push(style.dim(`In short (our words): ${tip.leadIn}`), '');
  if (tip.excerpts.length === 0) lines.push('The passages for this tip are not in the index; the pages below cover it.', '');
  for (const excerpt of tip.excerpts) lines.push(`[${excerpt.citation.n}] ${spansToText(excerpt.spans, style)}`, '');
  if (tip.excerpts.length > 0) {
    lines.push(style.bold('Sources'));
    const listed = new Set<number>();
    for (const { citation } of tip.excerpts) {
      if (listed.has(citation.n)) continue;
      listed.add(citation.n);
      lines.push(`  [${citation.n}] ${citation.pageTitle}${citation.section ? ` › ${citation.section}` : ''}`, `      ${citation.url}`);
    }
    lines.push('');
  }
  lines.push(style.bold('Read more'));
  for (const page of tip.pages) lines.push(`  - ${page.title}  ${style.dim(page.url)}`);
  lines.push('', style.dim(tip.credit));
  return lines.join('\n');
}
