// Integration tests on real pages of the shared corpus snapshot (CORPUS_DIR or ../shared/corpus).
// Expectations are facts of the pinned snapshot (URLs, anchors, front-matter values), never
// copied prose: text comparisons derive their expected text from the corpus at test time.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { sourceFor } from '../../corpus/sources.ts';
import type { RepoId } from '../../corpus/sources.ts';
import type { ParsedPage } from '../../indexer/model.ts';
import { createParseContext } from '../../indexer/parse/parse-context.ts';
import { parsePage, type ParseContext } from '../../indexer/parse/parse-page.ts';
import { corpusDir } from '../corpus-dir.ts';

const DRIVERS = 'https://learn.microsoft.com/windows-hardware/drivers';
let ctx: ParseContext;

beforeAll(() => {
  ctx = createParseContext(corpusDir);
});

function parseReal(repo: RepoId, path: string): ParsedPage {
  const raw = readFileSync(join(corpusDir, sourceFor(repo).folder, path), 'utf8');
  return parsePage({ repo, path, raw }, ctx);
}

const allLinks = (page: ParsedPage) => page.sections.flatMap((s) => s.links.map((l) => l.url));

describe('kernel/using-the-kernel-stack.md', () => {
  let page: ParsedPage;
  beforeAll(() => {
    page = parseReal('conceptual', 'windows-driver-docs-pr/kernel/using-the-kernel-stack.md');
  });

  it('is published at its learn URL', () => {
    expect(page.url).toBe(`${DRIVERS}/kernel/using-the-kernel-stack`);
  });

  it('resolves a relative link to an absolute learn URL', () => {
    expect(allLinks(page)).toContain(`${DRIVERS}/kernel/allocating-system-space-memory`);
    expect(allLinks(page)).toContain(`${DRIVERS}/debugger/disable-paging-of-kernel-stacks`);
  });

  it('sits in the kernel area under its toc entries', () => {
    expect({ id: page.areaId, name: page.area }).toEqual({ id: 'kernel', name: 'Kernel-Mode Driver Architecture Design Guide' });
    expect(page.breadcrumb).toEqual(['Kernel-Mode Driver Architecture Design Guide', 'Memory Management']);
  });
});

describe('a real page with many headings (kernel/eprocess.md)', () => {
  it('gives sections the anchors other pages link to', () => {
    const page = parseReal('conceptual', 'windows-driver-docs-pr/kernel/eprocess.md');
    const anchors = page.sections.map((s) => s.anchor);
    expect(page.sections.length).toBeGreaterThan(20);
    expect(new Set(anchors).size).toBe(anchors.length);
    // Dozens of DDI pages link to /kernel/eprocess#rtl_bitmap and #security_subject_context.
    expect(page.sections.find((s) => s.heading === 'RTL_BITMAP')?.anchor).toBe('rtl_bitmap');
    expect(anchors).toContain('security_subject_context');
  });
});

describe('a real page with an include (wdf/a-user-plugs-in-a-device-umdf.md)', () => {
  it('inlines the include text and its links into the lead', () => {
    const include = parseReal('conceptual', 'windows-driver-docs-pr/includes/umdf-1-deprecation.md');
    const includeText = include.sections[0]?.text ?? '';
    expect(includeText).toMatch(/^Warning: \S/);

    const page = parseReal('conceptual', 'windows-driver-docs-pr/wdf/a-user-plugs-in-a-device-umdf.md');
    const lead = page.sections[0];
    expect(lead?.heading).toBe('');
    expect(lead?.text.startsWith(includeText)).toBe(true);
    expect(lead?.text).not.toMatch(/\[!include/i);
    expect(lead?.links.map((l) => l.url)).toContain(`${DRIVERS}/wdf/getting-started-with-umdf-version-2`);
  });
});

describe('a redirected link (kernel/sample-kernel-mode-drivers.md)', () => {
  it('points at the redirect target, not the moved page', () => {
    const links = allLinks(parseReal('conceptual', 'windows-driver-docs-pr/kernel/sample-kernel-mode-drivers.md'));
    expect(links).toContain(`${DRIVERS}/develop/windows-driver-types`);
    expect(links.some((url) => url.includes('get-started-developing-windows-drivers'))).toBe(false);
  });
});

describe('wdm/nf-wdm-ioqueueworkitem.md', () => {
  let page: ParsedPage;
  beforeAll(() => {
    page = parseReal('api', 'wdk-ddi-src/content/wdm/nf-wdm-ioqueueworkitem.md');
  });

  it('reads the API facts from the front matter', () => {
    expect(page.api?.irql).toContain('DISPATCH_LEVEL');
    expect(page.api?.library).toBe('NtosKrnl.lib');
    expect(page.api?.names).toEqual(['IoQueueWorkItem']);
    expect(page.api?.kind).toBe('function');
    expect(page.api?.header).toBe('wdm.h');
  });

  it('keeps the full title, URL and area', () => {
    expect(page.title).toBe('IoQueueWorkItem function (wdm.h)');
    expect(page.url).toBe(`${DRIVERS}/ddi/wdm/nf-wdm-ioqueueworkitem`);
    expect({ id: page.areaId, name: page.area }).toEqual({ id: 'kernel', name: 'Windows kernel' });
    expect(page.breadcrumb).toEqual(['Windows kernel', 'Wdm.h header']);
  });

  it('turns DDI markers into named sections with learn anchors and plain text', () => {
    const byPath = page.sections.map((s) => [s.headingPath.join(' > '), s.anchor]);
    expect(byPath[0]).toEqual(['', '']);
    expect(byPath).toContainEqual(['Parameters > IoWorkItem [in]', 'parameters']);
    expect(byPath).toContainEqual(['Remarks', 'remarks']);
    expect(byPath).toContainEqual(['Requirements', 'requirements']);
    expect(byPath[byPath.length - 1]).toEqual(['See also', 'see-also']);
    for (const section of page.sections) expect(section.text).not.toMatch(/<\/?(b|a|i)\b|-param|&[a-z]+;/);
  });

  it('resolves its site-absolute links', () => {
    expect(allLinks(page)).toContain(`${DRIVERS}/ddi/wdm/nf-wdm-ioallocateworkitem`);
  });
});
