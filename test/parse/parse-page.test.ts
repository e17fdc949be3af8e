import { beforeAll, describe, expect, it } from 'vitest';
import type { RepoId } from '../../corpus/sources.ts';
import type { ParsedPage, Section } from '../../indexer/model.ts';
import { createParseContext } from '../../indexer/parse/parse-context.ts';
import { ParseError, parsePage, type ParseContext } from '../../indexer/parse/parse-page.ts';
import { fixtureCorpusDir, readFixture } from './fixture-corpus.ts';

const LEARN = 'https://learn.microsoft.com/windows-hardware/drivers';
let ctx: ParseContext;

beforeAll(() => {
  ctx = createParseContext(fixtureCorpusDir);
});

function parseFixture(repo: RepoId, path: string): ParsedPage {
  return parsePage({ repo, path, raw: readFixture(repo, path) }, ctx);
}

function section(page: ParsedPage, heading: string, nth = 0): Section {
  const found = page.sections.filter((s) => s.heading === heading)[nth];
  if (found === undefined) throw new Error(`no section "${heading}" #${nth} in ${page.path}`);
  return found;
}

describe('a conceptual page', () => {
  let page: ParsedPage;
  beforeAll(() => {
    page = parseFixture('conceptual', 'windows-driver-docs-pr/widgets/widget-queues.md');
  });

  it('has its identity from the path and front matter', () => {
    expect(page).toMatchObject({
      repo: 'conceptual',
      kind: 'concept',
      url: `${LEARN}/widgets/widget-queues`,
      title: 'Widget request queues',
      description: 'How widget drivers queue requests for the sprocket engine.',
      keywords: ['widget queues', 'WdgQueueRequest'],
    });
    expect(page.api).toBeUndefined();
  });

  it('gets area and breadcrumb from the toc files', () => {
    expect(page.areaId).toBe('widgets');
    expect(page.area).toBe('Widget Driver Design Guide');
    expect(page.breadcrumb).toEqual(['Widget Driver Design Guide', 'Widget fundamentals', 'Queues']);
  });

  it('inlines the include (and its nested include) into the lead, with the alert label', () => {
    const lead = section(page, '');
    expect(lead.anchor).toBe('');
    expect(lead.text).toMatch(/^Important: Widget queues are a preview feature\./);
    expect(lead.text).toContain('Preview features can change in any release.');
    expect(lead.text).not.toMatch(/INCLUDE|\[!/);
    expect(lead.links).toContainEqual({ text: 'the widget guide', url: `${LEARN}/widgets/` });
  });

  it('turns the note alert into a labelled paragraph and drops the standalone image', () => {
    const lead = section(page, '');
    expect(lead.text).toContain('Note: Queues are drained at PASSIVE_LEVEL only.');
    expect(lead.text).not.toContain('Diagram of a widget queue');
    expect(lead.text).not.toContain(':::');
  });

  it('resolves a relative link with its anchor', () => {
    expect(section(page, '').links).toContainEqual({ text: 'Widget basics', url: `${LEARN}/widgets/widget-basics#lifecycle` });
  });

  it('writes the table as rows and keeps inline code text', () => {
    expect(section(page, 'Queue types').text).toBe(
      'Queue type | Dispatch | Typical use\nSequential | one at a time | Firmware updates\nParallel | many at once | Sensor reads WDG_PARALLEL',
    );
  });

  it('keeps the code block and the inline HTML text and link', () => {
    const creating = section(page, 'Creating a queue');
    expect(creating.text).toContain('Call WdgCreateQueue from your AddWidget routine:');
    expect(creating.text).toContain('```c\nNTSTATUS status = WdgCreateQueue(widget, &config, &queue);');
    expect(creating.text).toContain('1. Fill in the configuration.\n2. Call the function.');
    expect(creating.links).toEqual([{ text: 'AddWidget', url: `${LEARN}/widgets/widget-basics#lifecycle` }]);
  });

  it('numbers the duplicate heading and replaces no-loc with its text', () => {
    expect(section(page, 'Examples', 0)).toMatchObject({
      anchor: 'examples',
      text: 'The first example queue uses the WdgSequential policy.',
    });
    expect(section(page, 'Examples', 1).anchor).toBe('examples-1');
  });

  it('sends links to moved pages to their new place', () => {
    expect(section(page, 'Examples', 1).links).toEqual([
      { text: 'moved', url: `${LEARN}/widgets/widget-queues` },
      { text: 'retired tool', url: 'https://learn.microsoft.com/previous-versions/windows/drivers/widgets/retired-widget-tool#setup' },
    ]);
  });

  it('uses the explicit anchor of a heading, nests list items and keeps a warning with its text', () => {
    const limits = section(page, 'Limits and quotas');
    expect(limits.anchor).toBe('queue-limits');
    expect(limits.text).toContain('- No more than 64 requests per queue.\n  - Nested limits apply per sprocket.');
    expect(limits.text).toContain('Warning: Exceeding the quota drops requests silently.');
  });

  it('drops mailto links and the missing include', () => {
    const limits = section(page, 'Limits and quotas');
    expect(limits.links).toEqual([{ text: 'gadget interop notes', url: `${LEARN}/gadgets/gadget-interop` }]);
    expect(limits.text).not.toContain('Missing note');
  });
});

describe('an API reference page', () => {
  let page: ParsedPage;
  beforeAll(() => {
    page = parseFixture('api', 'wdk-ddi-src/content/widgetio/nf-widgetio-wdgqueuerequest.md');
  });

  it('keeps the full title and reads the API facts', () => {
    expect(page.title).toBe('WdgQueueRequest function (widgetio.h)');
    expect(page.kind).toBe('api');
    expect(page.url).toBe(`${LEARN}/ddi/widgetio/nf-widgetio-wdgqueuerequest`);
    expect(page.api).toEqual({
      names: ['WdgQueueRequest'],
      kind: 'function',
      header: 'widgetio.h',
      includeHeader: 'Widgetio.h, Wdgcore.h',
      irql: '<= DISPATCH_LEVEL',
      library: 'WidgetKrnl.lib',
      minClient: 'Windows 10, version 2004',
      kmdfVersion: '1.31',
    });
  });

  it('takes its area from tech.root (lowercased) and the technology overview title', () => {
    expect(page.areaId).toBe('widgets');
    expect(page.area).toBe('Widget devices');
    expect(page.breadcrumb).toEqual(['Widget devices', 'Widgetio.h header']);
  });

  it('makes the description the lead, with HTML turned into text', () => {
    expect(page.sections[0]).toMatchObject({
      heading: '',
      anchor: '',
      level: 0,
      text: 'The WdgQueueRequest routine adds a request to a widget queue.',
      links: [{ text: 'widget queue', url: `${LEARN}/widgets/widget-queues` }],
    });
  });

  it('names marker sections and anchors parameters on their section', () => {
    expect(page.sections.map((s) => [s.headingPath.join(' > '), s.anchor])).toEqual([
      ['', ''],
      ['Parameters > Queue [in]', 'parameters'],
      ['Parameters > Request [in, optional]', 'parameters'],
      ['Return value', 'return-value'],
      ['Remarks', 'remarks'],
      ['Requirements', 'requirements'],
      ['See also', 'see-also'],
    ]);
    expect(section(page, 'Request [in, optional]').text).toBe('Pointer to a WDG_REQUEST structure. Can be NULL when the queue is empty.');
  });

  it('turns the return-code table into rows', () => {
    expect(section(page, 'Return value').text).toBe(
      'WdgQueueRequest returns one of the following values:\n\nReturn code | Description\nSTATUS_SUCCESS | The request was queued.\nSTATUS_QUOTA_EXCEEDED | The queue already holds 64 requests.',
    );
  });

  it('keeps alert divs and template text readable, and redirects the old routine link', () => {
    const remarks = section(page, 'Remarks');
    expect(remarks.text).toContain('Note Do not call this routine from a completion routine.');
    expect(remarks.text).toContain('ComPtr<IWidgetSink>');
    expect(remarks.links).toEqual([{ text: 'old queue routine', url: `${LEARN}/ddi/widgetio/nf-widgetio-wdgqueuerequest` }]);
  });

  it('adds the requirements learn shows from the front matter', () => {
    expect(section(page, 'Requirements').text).toBe(
      [
        'Minimum supported client | Windows 10, version 2004',
        'Minimum KMDF version | 1.31',
        'Header | widgetio.h (include Widgetio.h, Wdgcore.h)',
        'Library | WidgetKrnl.lib',
        'IRQL | <= DISPATCH_LEVEL',
      ].join('\n'),
    );
  });

  it('reads structure pages: names from api_name, fields under Members', () => {
    const struct = parseFixture('api', 'wdk-ddi-src/content/widgetio/ns-widgetio-_wdg_request.md');
    expect(struct.api).toMatchObject({ names: ['_WDG_REQUEST', 'WDG_REQUEST'], kind: 'structure' });
    expect(struct.sections.map((s) => [s.headingPath.join(' > '), s.anchor])).toEqual([
      ['', ''],
      ['Members > Size', 'members'],
      ['Members > Flags', 'members'],
      ['Syntax', 'syntax'],
      ['Requirements', 'requirements'],
    ]);
    expect(section(struct, 'Syntax').text).toMatch(/^```cpp\ntypedef struct _WDG_REQUEST \{/);
  });
});

describe('files that cannot be pages', () => {
  const reasonFor = (path: string, raw = readFixture('conceptual', path)): string => {
    try {
      parsePage({ repo: 'conceptual', path, raw }, ctx);
    } catch (error) {
      expect(error).toBeInstanceOf(ParseError);
      return (error as ParseError).reason;
    }
    throw new Error(`${path} parsed`);
  };

  it('rejects bad front matter', () => {
    expect(reasonFor('windows-driver-docs-pr/widgets/bad-yaml.md')).toMatch(/invalid front matter YAML/);
  });

  it('rejects an empty page', () => {
    expect(reasonFor('windows-driver-docs-pr/widgets/empty.md')).toMatch(/empty/);
  });

  it('rejects binary junk', () => {
    expect(reasonFor('windows-driver-docs-pr/widgets/binary-junk.md')).toMatch(/binary/);
  });

  it('rejects a page with neither title nor text', () => {
    expect(reasonFor('windows-driver-docs-pr/widgets/x.md', '---\nms.date: 01/01/2024\n---\n\n<!-- nothing here -->\n')).toMatch(
      /no title and no text/,
    );
  });

  it('rejects a path outside the repository content root', () => {
    expect(reasonFor('somewhere/else.md', '# Title\n\nText.')).toMatch(/not under windows-driver-docs-pr/);
  });

  it('reports only ParseError, whatever the input', () => {
    const inputs = ['---\n---\n', '---\n- a\n- b\n---\ntext', '\ufeff# T\r\n\r\ntext', '<table><tr><td>'.repeat(50), '[x]: <>\n\n[x]'];
    for (const raw of inputs) {
      try {
        parsePage({ repo: 'conceptual', path: 'windows-driver-docs-pr/widgets/odd.md', raw }, ctx);
      } catch (error) {
        expect(error).toBeInstanceOf(ParseError);
      }
    }
  });

  it('falls back to the first H1, then the file name, for the title', () => {
    const fromH1 = parsePage({ repo: 'conceptual', path: 'windows-driver-docs-pr/widgets/h.md', raw: '# Heading title\n\nText.' }, ctx);
    expect(fromH1.title).toBe('Heading title');
    const fromName = parsePage({ repo: 'conceptual', path: 'windows-driver-docs-pr/widgets/gizmo-notes.md', raw: 'Only text.' }, ctx);
    expect(fromName.title).toBe('gizmo notes');
  });
});
