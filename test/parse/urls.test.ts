import { describe, expect, it } from 'vitest';
import {
  addRedirections,
  followRedirects,
  loadRedirects,
  NO_REDIRECTS,
  publishedUrl,
  resolveLink,
  type Redirects,
} from '../../corpus/urls.ts';
import { fixtureCorpusDir } from './fixture-corpus.ts';

const PAGE = 'windows-driver-docs-pr/kernel/some-page.md';
const LEARN = 'https://learn.microsoft.com';

describe('publishedUrl', () => {
  it('maps conceptual pages under /windows-hardware/drivers/, without .md, lowercased', () => {
    expect(publishedUrl('windows-driver-docs-pr/kernel/Using-The-Kernel-Stack.md')).toBe(
      `${LEARN}/windows-hardware/drivers/kernel/using-the-kernel-stack`,
    );
  });

  it('maps index.md to its folder URL', () => {
    expect(publishedUrl('windows-driver-docs-pr/kernel/index.md')).toBe(`${LEARN}/windows-hardware/drivers/kernel/`);
    expect(publishedUrl('windows-driver-docs-pr/index.md')).toBe(`${LEARN}/windows-hardware/drivers/`);
  });

  it('maps API pages under /ddi/<header>/ and header index pages to the header folder', () => {
    expect(publishedUrl('wdk-ddi-src/content/wdm/nf-wdm-IoQueueWorkItem.md')).toBe(
      `${LEARN}/windows-hardware/drivers/ddi/wdm/nf-wdm-ioqueueworkitem`,
    );
    expect(publishedUrl('wdk-ddi-src/content/wdm/index.md')).toBe(`${LEARN}/windows-hardware/drivers/ddi/wdm/`);
  });

  it('has no URL for paths outside both content roots', () => {
    expect(publishedUrl('README.md')).toBeUndefined();
    expect(publishedUrl('wdk-ddi-src/other/x.md')).toBeUndefined();
  });
});

describe('resolveLink', () => {
  it('resolves relative links against the page, keeping the anchor', () => {
    expect(resolveLink('../debugger/Some-Topic.md#Setup', PAGE, NO_REDIRECTS)).toBe(
      `${LEARN}/windows-hardware/drivers/debugger/some-topic#Setup`,
    );
    expect(resolveLink('sibling.md', PAGE, NO_REDIRECTS)).toBe(`${LEARN}/windows-hardware/drivers/kernel/sibling`);
    expect(resolveLink('./sibling', PAGE, NO_REDIRECTS)).toBe(`${LEARN}/windows-hardware/drivers/kernel/sibling`);
    expect(resolveLink('images/diagram.png', PAGE, NO_REDIRECTS)).toBe(`${LEARN}/windows-hardware/drivers/kernel/images/diagram.png`);
  });

  it('resolves relative links between API header folders', () => {
    expect(resolveLink('../wdm/nc-wdm-driver_unload.md', 'wdk-ddi-src/content/_kernel/index.md', NO_REDIRECTS)).toBe(
      `${LEARN}/windows-hardware/drivers/ddi/wdm/nc-wdm-driver_unload`,
    );
  });

  it('makes site-absolute links absolute and drops a locale segment', () => {
    expect(resolveLink('/windows-hardware/drivers/ddi/wdm/nf-wdm-IoCallDriver', PAGE, NO_REDIRECTS)).toBe(
      `${LEARN}/windows-hardware/drivers/ddi/wdm/nf-wdm-iocalldriver`,
    );
    expect(resolveLink('/en-us/windows/win32/api/', PAGE, NO_REDIRECTS)).toBe(`${LEARN}/windows/win32/api/`);
  });

  it('keeps full URLs to other sites, and normalizes docs.microsoft.com to learn', () => {
    expect(resolveLink('https://github.com/microsoft/Windows-driver-samples', PAGE, NO_REDIRECTS)).toBe(
      'https://github.com/microsoft/Windows-driver-samples',
    );
    expect(resolveLink('https://docs.microsoft.com/en-us/windows-hardware/drivers/kernel/x', PAGE, NO_REDIRECTS)).toBe(
      `${LEARN}/windows-hardware/drivers/kernel/x`,
    );
  });

  it('turns a bare #anchor into the current page URL plus the anchor', () => {
    expect(resolveLink('#remarks', PAGE, NO_REDIRECTS)).toBe(`${LEARN}/windows-hardware/drivers/kernel/some-page#remarks`);
  });

  it('drops links that lead nowhere', () => {
    expect(resolveLink('mailto:someone@example.com', PAGE, NO_REDIRECTS)).toBeUndefined();
    expect(resolveLink('javascript:void(0)', PAGE, NO_REDIRECTS)).toBeUndefined();
    expect(resolveLink('   ', PAGE, NO_REDIRECTS)).toBeUndefined();
  });
});

describe('redirects', () => {
  const redirects: Redirects = loadRedirects(fixtureCorpusDir);

  it('reads both repositories, accepting redirect_url and redirect_URL', () => {
    expect(redirects.byUrl.size).toBe(5);
  });

  it('sends a link to a moved page to its new URL, keeping the anchor', () => {
    const from = 'windows-driver-docs-pr/widgets/widget-queues.md';
    expect(resolveLink('old-widget-queues.md#types', from, redirects)).toBe(
      `${LEARN}/windows-hardware/drivers/widgets/widget-queues#types`,
    );
    expect(resolveLink('/windows-hardware/drivers/widgets/retired-widget-tool', from, redirects)).toBe(
      `${LEARN}/previous-versions/windows/drivers/widgets/retired-widget-tool`,
    );
  });

  it('follows chains of redirects', () => {
    expect(followRedirects(`${LEARN}/windows-hardware/drivers/widgets/hop-one`, redirects)).toBe(
      `${LEARN}/windows-hardware/drivers/widgets/widget-basics`,
    );
  });

  it('tolerates a missing or malformed redirection file', () => {
    expect(loadRedirects('/nonexistent/corpus').byUrl.size).toBe(0);
    const map = new Map<string, string>();
    addRedirections({ nothing: true }, map);
    addRedirections(null, map);
    addRedirections({ redirections: [{ source_path: 42 }] }, map);
    expect(map.size).toBe(0);
  });
});
