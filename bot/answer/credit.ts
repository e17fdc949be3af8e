// The attribution every front end shows with anything taken from the docs, in one wording:
// the docs' licence (corpus/sources.ts) asks that quotes credit Microsoft and link to their
// source, and every view links its sources.
export const DOCS_CREDIT = 'Source: Windows driver documentation on Microsoft Learn, © Microsoft, licensed CC BY 4.0.';
