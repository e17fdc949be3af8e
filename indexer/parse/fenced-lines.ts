// Line-by-line rewriting that leaves fenced code blocks alone, so dialect syntax that happens
// to appear in code samples (":::" in DTrace probes, "[!NOTE]" in a string) stays verbatim.

const FENCE = /^\s*(?:>\s*)*(`{3,}|~{3,})/;

/**
 * Calls rewrite for every line outside fenced code; it returns the replacement text (which may
 * span several lines, or be undefined to drop the line). Returns the input string itself when
 * nothing changed, so callers can skip further work cheaply.
 */
export function rewriteLinesOutsideFences(text: string, rewrite: (line: string) => string | undefined): string {
  const lines = text.split('\n');
  const output: string[] = [];
  let openFence: string | undefined;
  let changed = false;
  for (const line of lines) {
    const fence = FENCE.exec(line)?.[1];
    if (openFence !== undefined) {
      if (fence !== undefined && fence[0] === openFence[0] && fence.length >= openFence.length) openFence = undefined;
      output.push(line);
      continue;
    }
    if (fence !== undefined && !(fence[0] === '`' && line.slice(line.indexOf(fence) + fence.length).includes('`'))) {
      openFence = fence;
      output.push(line);
      continue;
    }
    const replaced = rewrite(line);
    if (replaced === line) {
      output.push(line);
      continue;
    }
    changed = true;
    if (replaced !== undefined) output.push(replaced);
  }
  return changed ? output.join('\n') : text;
}
