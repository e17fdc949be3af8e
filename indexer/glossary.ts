// Phrases people ask with, and the abbreviation the docs title their pages with
// ("deferred procedure call" → "Introduction to DPCs"). Only that direction is added to a
// search: the abbreviation is the telling word; its spelled-out form would only add common
// words (request, driver, framework) to the query.
const abbreviations: ReadonlyArray<readonly [string, string]> = [
  ['DPC', 'deferred procedure call'],
  ['ISR', 'interrupt service routine'],
  ['IRP', 'I/O request packet'],
  ['IRQL', 'interrupt request level'],
  ['MDL', 'memory descriptor list'],
  ['DMA', 'direct memory access'],
  ['APC', 'asynchronous procedure call'],
  ['PnP', 'Plug and Play'],
  ['WDF', 'Windows Driver Frameworks'],
  ['KMDF', 'Kernel-Mode Driver Framework'],
  ['UMDF', 'User-Mode Driver Framework'],
  ['WDM', 'Windows Driver Model'],
  ['WDK', 'Windows Driver Kit'],
  ['HLK', 'Hardware Lab Kit'],
  ['SDV', 'Static Driver Verifier'],
  ['WPP', 'software trace preprocessor'],
  ['ETW', 'Event Tracing for Windows'],
  ['TTD', 'Time Travel Debugging'],
  ['bug check', 'blue screen'],
  ['bug check', 'BSOD'],
  ['MSI', 'message-signaled interrupt'],
  ['ACPI', 'Advanced Configuration and Power Interface'],
  ['HID', 'human interface device'],
  ['NDIS', 'Network Driver Interface Specification'],
  ['WHEA', 'Windows Hardware Error Architecture'],
  // The other way round: people shorten what the docs spell out.
  ['hexadecimal', 'hex'],
];

function phrasePattern(phrase: string): RegExp {
  const escaped = phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/[\s-]+/g, '[\\s-]+');
  return new RegExp(`(?<![\\w-])${escaped}s?(?![\\w-])`, 'i');
}

const rules = abbreviations.map(([docsTerm, asked]) => ({
  docsTerm,
  askedPattern: phrasePattern(asked),
  docsPattern: phrasePattern(docsTerm),
}));

/** Abbreviations the docs use for phrases `query` spells out (and does not abbreviate itself). */
export function glossaryExpansions(query: string): string[] {
  const extra = new Set<string>();
  for (const rule of rules) {
    if (rule.askedPattern.test(query) && !rule.docsPattern.test(query)) extra.add(rule.docsTerm);
  }
  return [...extra];
}
