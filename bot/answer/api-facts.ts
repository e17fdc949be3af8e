// The facts an API page states, named once for every front end (Discord card, answer field,
// terminal) and for the answer-key evaluation, so the same fact has the same label everywhere.
import type { ApiFacts } from '../../indexer/model.ts';

const labels: ReadonlyArray<readonly [keyof ApiFacts, string]> = [
  ['header', 'Header'],
  ['includeHeader', 'Include'],
  ['irql', 'IRQL'],
  ['library', 'Library'],
  ['dll', 'DLL'],
  ['minClient', 'Minimum client'],
  ['minServer', 'Minimum server'],
  ['kmdfVersion', 'KMDF version'],
  ['umdfVersion', 'UMDF version'],
];

/** The facts the page states, as [label, value], in display order; empty values left out. */
export function apiFactEntries(facts: ApiFacts): Array<[string, string]> {
  const entries: Array<[string, string]> = [];
  for (const [key, label] of labels) {
    const value = facts[key];
    if (typeof value === 'string' && value.trim() !== '') entries.push([label, value]);
  }
  return entries;
}
