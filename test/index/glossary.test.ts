// Query expansion with the abbreviations the docs use, and area ids across repositories.
import { describe, expect, it } from 'vitest';
import { glossaryExpansions } from '../../indexer/glossary.ts';
import { expandQuery } from '../../indexer/query-analysis.ts';
import { areaIdsFor } from '../../indexer/search.ts';

describe('glossary expansions', () => {
  it('adds the abbreviation for a spelled-out phrase, plural or with hyphens', () => {
    expect(glossaryExpansions('What is a deferred procedure call?')).toEqual(['DPC']);
    expect(glossaryExpansions('how are I/O request packets completed')).toEqual(['IRP']);
    expect(glossaryExpansions('Plug-and-Play removal')).toEqual(['PnP']);
  });

  it('adds nothing when the query already uses the abbreviation', () => {
    expect(glossaryExpansions('when does a DPC run (deferred procedure call)')).toEqual([]);
  });

  it('does not expand an abbreviation into its common words', () => {
    expect(glossaryExpansions('how do I cancel an IRP')).toEqual([]);
  });

  it('matches whole phrases only', () => {
    expect(glossaryExpansions('a dispatched procedure calls back')).toEqual([]);
  });

  it('spells out a shortening the docs write in full', () => {
    expect(glossaryExpansions('must I enter the flags in hex?')).toEqual(['hexadecimal']);
    expect(glossaryExpansions('a hexadecimal value, or hex?')).toEqual([]);
  });

  it('maps lay terms to the docs term', () => {
    expect(expandQuery('my machine shows a blue screen')).toBe('my machine shows a blue screen bug check');
  });
});

describe('area ids', () => {
  it('covers both repositories’ names for an area', () => {
    expect(areaIdsFor('network')).toEqual(['network', 'netvista']);
    expect(areaIdsFor('NETVISTA')).toEqual(['network', 'netvista']);
  });

  it('passes other ids through', () => {
    expect(areaIdsFor(' kernel ')).toEqual(['kernel']);
  });
});
