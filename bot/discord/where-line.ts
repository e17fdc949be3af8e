// Where a page sits in the docs, as one short line from its breadcrumb. When the whole trail
// runs long, the middle entries give way: the first names the guide, the last the chapter,
// which is what tells a reader whether the page is the one they want.
import { safeLine } from './safe-text.ts';

const WHERE_LINE_MAX = 100;

/** "Guide › Chapter" as safe markdown, at most `max` characters; "" for no breadcrumb. */
export function whereLine(breadcrumb: readonly string[], max = WHERE_LINE_MAX): string {
  const full = breadcrumb.join(' › ');
  const short = full.length <= max || breadcrumb.length <= 2 ? full : `${breadcrumb[0]} › … › ${breadcrumb.at(-1)}`;
  return safeLine(short, max);
}
