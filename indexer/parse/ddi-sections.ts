// DDI reference pages mark their sections with headings like "## -parameters" or
// "### -param IoWorkItem [in]"; learn renders them under readable names.

/**
 * lead: the page's description, rendered as its opening text;
 * section: a named part of the page with its own anchor;
 * member: one parameter, field or constant, which learn does not give a stable anchor of its
 * own, so links point at the enclosing section.
 */
type DdiSectionRole = 'lead' | 'section' | 'member';

export interface DdiHeading {
  heading: string;
  role: DdiSectionRole;
  /** For members: the anchor of the section they belong to when no parent heading is open. */
  fallbackAnchor?: string;
}

const SECTION_NAMES: Readonly<Record<string, string>> = {
  parameters: 'Parameters',
  returns: 'Return value',
  remarks: 'Remarks',
  'see-also': 'See also',
  seealso: 'See also',
  syntax: 'Syntax',
  prototype: 'Syntax',
  'struct-fields': 'Members',
  'union-fields': 'Members',
  members: 'Members',
  'enum-fields': 'Constants',
  ioctlparameters: 'IOCTL parameters',
  'ioctl-major-code': 'Major code',
  'input-buffer': 'Input buffer',
  'input-buffer-length': 'Input buffer length',
  'output-buffer': 'Output buffer',
  'output-buffer-length': 'Output buffer length',
  'in-out-buffer': 'Input/output buffer',
  'inout-buffer-length': 'Input/output buffer length',
  'status-block': 'Status block',
  inheritance: 'Inheritance',
  requirements: 'Requirements',
  callback: 'Callback',
  report: 'Report',
  example: 'Example',
  examples: 'Examples',
};

const MEMBER_MARKERS: Readonly<Record<string, { fallbackName: string; fallbackAnchor: string }>> = {
  param: { fallbackName: 'Parameter', fallbackAnchor: 'parameters' },
  field: { fallbackName: 'Member', fallbackAnchor: 'members' },
};

const MARKER = /^-([a-z][a-z-]*)(?:\s+([^]*))?$/i;

/** The readable form of a DDI marker heading's text, or undefined if it is not a marker. */
export function ddiHeading(headingText: string): DdiHeading | undefined {
  const match = MARKER.exec(headingText.trim());
  if (match === null) return undefined;
  const marker = (match[1] ?? '').toLowerCase();
  const rest = match[2]?.trim() ?? '';
  if (marker === 'description') return { heading: '', role: 'lead' };
  const member = MEMBER_MARKERS[marker];
  if (member !== undefined) {
    return { heading: rest || member.fallbackName, role: 'member', fallbackAnchor: member.fallbackAnchor };
  }
  const name = SECTION_NAMES[marker] ?? capitalize(marker.replace(/-/g, ' '));
  return { heading: rest ? `${name} ${rest}` : name, role: 'section' };
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
