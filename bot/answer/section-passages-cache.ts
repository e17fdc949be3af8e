// The passages of a section, remembered across questions when they do not depend on the
// question. Cutting a section into passages reads only its text, except where a long list,
// table or item is trimmed to what the question asks about; a section without such cuts
// (most of them) gives the same passages to every question, and popular sections recur.
import { BoundedCache } from './bounded-cache.ts';
import { type Passage, sectionPassages, type TextScore } from './passages.ts';

/** Sections whose passages are kept (a section's passages are a few kB to some tens of kB). */
export const sectionPassagesLimit = 2_000;

const cache = new BoundedCache<string, readonly Passage[]>(sectionPassagesLimit);

/** Every passage of a section worth considering, as `sectionPassages` gives them. Read only: shared across questions. */
export function passagesOfSection(text: string, score: TextScore): readonly Passage[] {
  const kept = cache.get(text);
  if (kept) return kept;
  let asked = false;
  const passages = sectionPassages(text, (piece) => {
    asked = true;
    return score(piece);
  });
  // Passages cut with the question's help are this question's own.
  if (!asked) cache.set(text, passages);
  return passages;
}

export function sectionPassagesCacheSize(): number {
  return cache.size;
}

export function clearSectionPassagesCache(): void {
  cache.clear();
}
