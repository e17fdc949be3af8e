// Key tips in the docs' own words: each curated passage of a tip (corpus/key-tips.ts) is
// quoted from the index at run time by the answer engine, restricted to that passage's page,
// and kept only when it comes from the section the tip names. Our own words are limited to
// the lead-in, which is dropped unless every curated passage was quoted (it sums them up).
import { keyTipPagePaths, keyTips as keyTipSources, type KeyTipSource } from '../../corpus/key-tips.ts';
import { publishedUrl } from '../../corpus/urls.ts';
import { DOCS_CREDIT } from './credit.ts';
import type { AnswerEngineContract, FrontEndEngine } from './engine-contract.ts';
import type { Excerpt, KeyTip, KeyTipAnswer, PageHit, RelatedPage } from './types.ts';

type PageLookup = Pick<AnswerEngineContract, 'pageByPath'>;
/** Composing a tip works with an engine in this thread or in engine threads. */
type TipEngine = Pick<FrontEndEngine, 'ask' | 'pageByPath'>;

function relatedPage(page: PageHit | undefined, path: string): RelatedPage {
  if (page) return { title: page.title, url: page.url, path: page.path };
  // Not in this index (a partial test index): still link to where learn.microsoft.com has it.
  return { title: path.split('/').pop()!.replace(/\.md$/, ''), url: publishedUrl(path) ?? '', path };
}

function keyTipOf(source: KeyTipSource, pages: RelatedPage[]): KeyTip {
  return {
    id: source.id,
    topic: source.topic,
    question: source.question,
    ...(source.leadIn ? { leadIn: source.leadIn } : {}),
    pages,
  };
}

/** The curated key tips, in the seed page's order. */
export function listKeyTips(engine: PageLookup): KeyTip[] {
  return keyTipSources.map((source) =>
    keyTipOf(
      source,
      keyTipPagePaths(source).map((path) => relatedPage(engine.pageByPath(path), path)),
    ),
  );
}

function excerptText(excerpt: Excerpt): string {
  return excerpt.spans.map((span) => span.text).join('');
}

/** The tip with its passages quoted, each cited with its number, page section and link. */
export async function composeKeyTip(engine: TipEngine, source: KeyTipSource): Promise<KeyTipAnswer> {
  const excerpts: Excerpt[] = [];
  const unquoted: KeyTipAnswer['unquoted'] = [];
  const quotedTexts = new Set<string>();
  // Asked all at once (engine threads answer them side by side), then read in the tip's order.
  const answers = await Promise.all(
    source.quotes.map((quote) => engine.ask(quote.focus ?? source.question, { pages: [quote.path], sections: [quote.section] })),
  );
  for (const [i, quote] of source.quotes.entries()) {
    const answer = answers[i]!;
    // The engine offers the page's best passages for the focus; only the named section counts.
    const found = answer.excerpts.find(
      (excerpt) =>
        excerpt.citation.path === quote.path && excerpt.citation.section === quote.section && !quotedTexts.has(excerptText(excerpt)),
    );
    if (!found) {
      unquoted.push({ path: quote.path, section: quote.section });
      continue;
    }
    quotedTexts.add(excerptText(found));
    // Quotes from one section share its number, as one source.
    const sameSection = excerpts.find((excerpt) => excerpt.citation.url === found.citation.url);
    const n = sameSection?.citation.n ?? Math.max(0, ...excerpts.map((excerpt) => excerpt.citation.n)) + 1;
    // No emphasis: the focus wording that chose the passage is ours, not the reader's question.
    excerpts.push({ citation: { ...found.citation, n }, spans: [{ text: excerptText(found), match: false }] });
  }
  const paths = keyTipPagePaths(source);
  const pages = await Promise.all(paths.map(async (path) => relatedPage(await engine.pageByPath(path), path)));
  const tip = keyTipOf(source, pages);
  // The lead-in sums up all the curated quotes: with any of them missing it could claim what
  // no quote on show states, in our voice alone.
  if (unquoted.length > 0) delete tip.leadIn;
  return { ...tip, excerpts, unquoted, credit: DOCS_CREDIT };
}

/**
 * The tip a query names: "tip:<id>" (a tip suggestion's value) or an id, the exact topic, or
 * (three characters or more) part of a topic; case-insensitive.
 */
export function findKeyTipSource(query: string): KeyTipSource | undefined {
  const typed = query.trim().toLowerCase();
  const wanted = typed.replace(/^tip:/, '');
  const byId = keyTipSources.find((tip) => tip.id === wanted);
  if (byId || typed.startsWith('tip:')) return byId;
  return (
    keyTipSources.find((tip) => tip.topic.toLowerCase() === wanted) ??
    keyTipSources.find((tip) => wanted.length >= 3 && tip.topic.toLowerCase().includes(wanted))
  );
}

/** The tip a query names, composed with its quotes; undefined when it names none. */
export async function keyTipFor(engine: TipEngine, query: string): Promise<KeyTipAnswer | undefined> {
  const source = findKeyTipSource(query);
  return source ? await composeKeyTip(engine, source) : undefined;
}
