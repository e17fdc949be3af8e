// Learn shows an API page's front-matter requirements as a "Requirements" table; the markdown
// has no such section, so we write it from the facts (questions like "what IRQL?" land here).

import type { ApiFacts, Section } from '../model.ts';

const ROWS: ReadonlyArray<[string, (facts: ApiFacts) => string | undefined]> = [
  ['Minimum supported client', (f) => f.minClient],
  ['Minimum supported server', (f) => f.minServer],
  ['Minimum KMDF version', (f) => f.kmdfVersion],
  ['Minimum UMDF version', (f) => f.umdfVersion],
  [
    'Header',
    (f) =>
      f.header && f.includeHeader
        ? `${f.header} (include ${f.includeHeader})`
        : (f.header ?? (f.includeHeader && `include ${f.includeHeader}`)),
  ],
  ['Library', (f) => f.library],
  ['DLL', (f) => f.dll],
  ['IRQL', (f) => f.irql],
];

const REQUIREMENTS_ANCHOR = 'requirements';

function requirementsSection(facts: ApiFacts): Section | undefined {
  const lines: string[] = [];
  for (const [label, value] of ROWS) {
    const text = value(facts);
    if (text) lines.push(`${label} | ${text}`);
  }
  if (lines.length === 0) return undefined;
  return {
    heading: 'Requirements',
    headingPath: ['Requirements'],
    anchor: REQUIREMENTS_ANCHOR,
    level: 2,
    text: lines.join('\n'),
    links: [],
  };
}

/** Places the section where learn shows it: before "See also", else at the end. */
export function withRequirements(sections: Section[], facts: ApiFacts): Section[] {
  if (sections.some((s) => s.anchor === REQUIREMENTS_ANCHOR)) return sections;
  const requirements = requirementsSection(facts);
  if (requirements === undefined) return sections;
  const seeAlso = sections.findIndex((s) => s.level <= 2 && s.anchor === 'see-also');
  const at = seeAlso < 0 ? sections.length : seeAlso;
  return [...sections.slice(0, at), requirements, ...sections.slice(at)];
}
