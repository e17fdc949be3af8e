// Learn alert blockquotes ("> [!NOTE]") become plain blockquotes whose text starts with a label.
// Done on the parsed tree rather than the source text so code samples are never touched.

import type { Blockquote, Paragraph, TableCell } from 'mdast';

const ALERT_LABELS: Readonly<Record<string, string>> = {
  NOTE: 'Note',
  NOTES: 'Note',
  IMPORTANT: 'Important',
  TIP: 'Tip',
  WARNING: 'Warning',
  CAUTION: 'Caution',
};

const ALERT_MARKER = /^\s*\[!([a-z]+)\]\s*/i;

/**
 * If the blockquote is an alert, removes its "[!TYPE]" marker from the tree and returns the
 * label ("Note:", "Important:", ...) its text should start with.
 */
export function takeAlertLabel(blockquote: Blockquote): string | undefined {
  const paragraph = blockquote.children[0];
  return paragraph?.type === 'paragraph' ? takeLeadingAlertLabel(paragraph) : undefined;
}

/**
 * The same marker where authors left out the ">" (a paragraph or table cell starting with
 * "[!NOTE]"); learn would show the raw marker, a label reads better.
 */
export function takeLeadingAlertLabel(container: Paragraph | TableCell): string | undefined {
  const first = container.children[0];
  if (first?.type !== 'text') return undefined;
  const marker = ALERT_MARKER.exec(first.value);
  const label = marker?.[1] !== undefined ? ALERT_LABELS[marker[1].toUpperCase()] : undefined;
  if (marker === null || label === undefined) return undefined;
  first.value = first.value.slice(marker[0].length);
  return label + ':';
}
