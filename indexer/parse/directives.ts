// DocFX ":::" directives: images become their alt text (or nothing), no-loc becomes its text,
// and any other directive line (zones, rows, columns, monikers) is removed, as are video
// embeds ("> [!VIDEO url]"), which have no text to quote.

import { rewriteLinesOutsideFences } from './fenced-lines.ts';

const IMAGE = /:::image\b([^]*?):::/gi;
const NO_LOC = /:::no-loc\s+text\s*=\s*"([^"]*)"\s*:::/gi;
const DIRECTIVE_LINE = /^\s*:::\s*[a-z][\w-]*(?:\s.*)?:::\s*$/i;
const IMAGE_BLOCK_END = /:::image-end:::/i;
const VIDEO_LINE = /^\s*(?:>\s*)*\[!VIDEO\s[^\]]*\]\s*$/i;

export function rewriteDirectives(markdown: string): string {
  if (!markdown.includes(':::') && !/\[!VIDEO\s/i.test(markdown)) return markdown;
  let insideLongDescription = false;
  return rewriteLinesOutsideFences(markdown, (line) => {
    if (insideLongDescription) {
      if (IMAGE_BLOCK_END.test(line)) insideLongDescription = false;
      return undefined;
    }
    if (VIDEO_LINE.test(line)) return undefined;
    if (!line.includes(':::')) return line;
    let rewritten = line.replace(NO_LOC, '$1');
    if (/:::image\b/i.test(rewritten)) {
      // The complex form carries a long description up to ":::image-end:::"; a screenshot's
      // description is not documentation text.
      if (/type\s*=\s*"complex"/i.test(rewritten) && !IMAGE_BLOCK_END.test(rewritten)) insideLongDescription = true;
      const standalone = rewritten.replace(IMAGE, '').replace(IMAGE_BLOCK_END, '').trim() === '';
      if (standalone) return undefined;
      // Inline images (toolbar buttons in table cells) carry meaning only through their alt text.
      rewritten = rewritten
        .replace(IMAGE, (_match, attributes: string) => {
          const alt = /alt-text\s*=\s*"([^"]*)"/i.exec(attributes)?.[1]?.trim();
          return alt ? `[Image: ${alt}]` : '';
        })
        .replace(IMAGE_BLOCK_END, '');
    }
    if (DIRECTIVE_LINE.test(rewritten)) return undefined;
    return rewritten;
  });
}
