// Learn alert blockquotes ("> [!NOTE]") become plain blockquotes whose text starts with a label.
// Done on the parsed tree rather than the source text so code samples are never touched: a
// transform takes the "[!TYPE]" marker out of the text and records the label on the node
// (data.alertLabel), which the text writer puts first.

import type { Blockquote, Nodes, Paragraph, Root, TableCell } from 'mdast';

declare module 'mdast' {
  interface BlockquoteData {
    /** "Note:", "Important:", ...: the label an alert's text starts with. */
    alertLabel?: string;
  }
  interface ParagraphData {
    alertLabel?: string;
  }
  interface TableCellData {
    alertLabel?: string;
  }
}

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
 * Labels every alert in the tree: blockquotes whose first paragraph starts with a marker, and
 * paragraphs or table cells that start with one where authors left out the ">" (learn would
 * show the raw marker; a label reads better). A container is labelled before its children,
 * so a blockquote takes the marker its first paragraph starts with.
 */
export function labelAlerts(root: Root): Root {
  const pending: Nodes[] = [root];
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (node.type === 'blockquote') setLabel(node, takeBlockquoteMarker(node));
    else if (node.type === 'paragraph' || node.type === 'tableCell') setLabel(node, takeLeadingMarker(node));
    if ('children' in node) for (let i = node.children.length - 1; i >= 0; i -= 1) pending.push(node.children[i] as Nodes);
  }
  return root;
}

function setLabel(node: Blockquote | Paragraph | TableCell, label: string | undefined): void {
  if (label !== undefined) node.data = { ...node.data, alertLabel: label };
}

function takeBlockquoteMarker(blockquote: Blockquote): string | undefined {
  const paragraph = blockquote.children[0];
  return paragraph?.type === 'paragraph' ? takeLeadingMarker(paragraph) : undefined;
}

/** Removes a leading "[!TYPE]" marker of a known type from the container's text; its label. */
function takeLeadingMarker(container: Paragraph | TableCell): string | undefined {
  const first = container.children[0];
  if (first?.type !== 'text') return undefined;
  const marker = ALERT_MARKER.exec(first.value);
  const label = marker?.[1] !== undefined ? ALERT_LABELS[marker[1].toUpperCase()] : undefined;
  if (marker === null || label === undefined) return undefined;
  first.value = first.value.slice(marker[0].length);
  return label + ':';
}
