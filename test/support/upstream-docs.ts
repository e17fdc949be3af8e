// Local git repositories standing in for the two upstream documentation repositories, with
// small pages of our own in the docs' dialect (front matter, toc.yml, redirection file, DDI
// header pages) about fictional "gizmo" drivers. The first commit is the "pinned" one; the
// second adds, changes, moves and removes pages as an upstream update does.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { API_SOURCE, CONCEPTUAL_SOURCE, type CorpusSource } from '../../corpus/sources.ts';

export const PR = 'windows-driver-docs-pr';
const DDI = 'wdk-ddi-src/content';

function page(title: string, description: string, body: string): string {
  return `---\ntitle: ${title}\ndescription: ${description}\nms.date: 11/20/2026\nms.topic: concept-article\n---\n\n# ${title}\n\n${body}\n`;
}

const basics = page(
  'Gizmo driver basics',
  'What a gizmo driver does and how it starts.',
  'A gizmo driver owns one gizmo device and answers its interrupts.\n\nBefore you tune power, read [gizmo power management](gizmo-power.md).\n\n## Start-up\n\nThe driver registers its callbacks when the gizmo bus enumerates the device.',
);
const timersV1 = page(
  'Gizmo timers',
  'Timers that gizmo drivers arm.',
  'A gizmo timer fires once per tick of the gizmo clock.\n\n## Arming a timer\n\nArm the timer with a period in gizmo ticks; the minimum period is four ticks.',
);
const timersV2 = page(
  'Gizmo timers',
  'Timers that gizmo drivers arm.',
  'A gizmo timer fires once per tick of the gizmo clock.\n\n## Arming a timer\n\nArm the timer with a period in gizmo ticks; the minimum period is now two ticks on revision B hardware.',
);
const power = page(
  'Gizmo power management',
  'Power states of gizmo devices.',
  'A gizmo device sleeps in the dormant state and wakes on a doorbell write.\n\n## Dormant state\n\nIn the dormant state the gizmo keeps its registers but stops its clock.',
);
const sparkle = page(
  'Gizmo sparkle filters',
  'Sparkle filters remove glitter noise from gizmo samples.',
  'A sparkle filter removes glitter noise from the samples a gizmo device reports.\n\n## Installing a sparkle filter\n\nInstall the sparkle filter as an upper filter of the gizmo function driver, then set its glitter threshold.',
);
const overview = page(
  'Gizmo driver overview',
  'Landing page of the gizmo driver guide.',
  'Gizmo drivers control gizmo devices. Start with [the basics](gizmo-basics.md).',
);

function toc(items: Array<[string, string]>): string {
  return (
    [
      '- name: Gizmo drivers',
      '  href: index.md',
      '- name: Gizmo topics',
      '  items:',
      ...items.flatMap(([name, href]) => [`  - name: ${name}`, `    href: ${href}`]),
    ].join('\n') + '\n'
  );
}

const rootToc = '- name: Gizmo drivers\n  href: gizmos/index.md\n';

function redirections(entries: Array<[string, string]>): string {
  return JSON.stringify(
    { redirections: entries.map(([source, target]) => ({ source_path: source, redirect_url: target, redirect_document_id: false })) },
    null,
    2,
  );
}

const headerPage = `---\nUID: NA:gizmoio\ntitle: Gizmoio.h header\ndescription: Reference for Gizmoio.h.\ntech.root: gizmos\napi_name:\n - gizmoio\n---\n\n# Gizmoio.h header\n\n## -description\n\nThis header declares the gizmo I/O routines.\n`;
const startFunction = `---\nUID: NF:gizmoio.GzmStartDevice\ntitle: GzmStartDevice function (gizmoio.h)\ndescription: The GzmStartDevice routine starts a gizmo device.\ntech.root: gizmos\nreq.header: gizmoio.h\nreq.irql: PASSIVE_LEVEL\napi_name:\n - GzmStartDevice\n---\n\n# GzmStartDevice function\n\n## -description\n\nThe <b>GzmStartDevice</b> routine starts a gizmo device after the bus enumerates it.\n\n## -parameters\n\n### -param Device [in]\n\nThe gizmo device to start.\n`;

export interface UpstreamDocs {
  root: string;
  conceptual: { dir: string; first: string; second: string };
  api: { dir: string; first: string };
  /** Both sources pointing at the local repositories, pinned to the first commits. */
  sources: CorpusSource[];
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', ...args], { cwd, encoding: 'utf8' }).trim();
}

function write(repo: string, files: Record<string, string | null>): void {
  for (const [file, text] of Object.entries(files)) {
    const target = path.join(repo, file);
    if (text === null) {
      rmSync(target, { force: true });
      continue;
    }
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, text);
  }
}

function commit(repo: string, message: string, date: string): string {
  git(repo, 'add', '-A');
  execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', 'commit', '-q', '-m', message], {
    cwd: repo,
    env: { ...process.env, GIT_COMMITTER_DATE: date, GIT_AUTHOR_DATE: date },
  });
  return git(repo, 'rev-parse', 'HEAD');
}

function initRepo(dir: string): void {
  mkdirSync(dir, { recursive: true });
  git(dir, 'init', '-q', '-b', 'main');
  // What GitHub allows: filtered fetches (partial clones).
  git(dir, 'config', 'uploadpack.allowFilter', 'true');
}

/** Creates both upstream repositories under `root`: conceptual with two commits, API with one. */
export function createUpstreamDocs(root: string): UpstreamDocs {
  const conceptualDir = path.join(root, 'upstream-conceptual');
  initRepo(conceptualDir);
  write(conceptualDir, {
    [`${PR}/toc.yml`]: rootToc,
    [`${PR}/gizmos/toc.yml`]: toc([
      ['Gizmo driver basics', 'gizmo-basics.md'],
      ['Gizmo timers', 'gizmo-timers.md'],
      ['Gizmo power management', 'gizmo-power.md'],
    ]),
    [`${PR}/gizmos/index.md`]: overview,
    [`${PR}/gizmos/gizmo-basics.md`]: basics,
    [`${PR}/gizmos/gizmo-timers.md`]: timersV1,
    [`${PR}/gizmos/gizmo-power.md`]: power,
    [`${PR}/gizmos/images/gizmo.png`]: 'not really an image',
    '.openpublishing.redirection.json': redirections([]),
  });
  const first = commit(conceptualDir, 'Gizmo guide', '2026-11-01T10:00:00Z');
  // The update: one page changed, one added, one moved (removed, re-added elsewhere, redirected).
  write(conceptualDir, {
    [`${PR}/gizmos/toc.yml`]: toc([
      ['Gizmo driver basics', 'gizmo-basics.md'],
      ['Gizmo timers', 'gizmo-timers.md'],
      ['Gizmo power management', 'power/gizmo-power-states.md'],
      ['Gizmo sparkle filters', 'gizmo-sparkle-filters.md'],
    ]),
    [`${PR}/gizmos/gizmo-timers.md`]: timersV2,
    [`${PR}/gizmos/gizmo-power.md`]: null,
    [`${PR}/gizmos/power/gizmo-power-states.md`]: power,
    [`${PR}/gizmos/gizmo-sparkle-filters.md`]: sparkle,
    '.openpublishing.redirection.json': redirections([
      [`${PR}/gizmos/gizmo-power.md`, '/windows-hardware/drivers/gizmos/power/gizmo-power-states'],
    ]),
  });
  const second = commit(conceptualDir, 'Sparkle filters; power pages move', '2026-11-25T10:00:00Z');

  const apiDir = path.join(root, 'upstream-api');
  initRepo(apiDir);
  write(apiDir, {
    [`${DDI}/gizmoio/index.md`]: headerPage,
    [`${DDI}/gizmoio/nf-gizmoio-gzmstartdevice.md`]: startFunction,
    // An API page renamed long ago: the redirections are never empty upstream.
    '.openpublishing.redirection.json': redirections([
      [`${DDI}/gizmoio/nf-gizmoio-gzmstart.md`, '/windows-hardware/drivers/ddi/gizmoio/nf-gizmoio-gzmstartdevice'],
    ]),
  });
  const apiFirst = commit(apiDir, 'Gizmo reference', '2026-10-15T10:00:00Z');

  return {
    root,
    conceptual: { dir: conceptualDir, first, second },
    api: { dir: apiDir, first: apiFirst },
    sources: [
      { ...CONCEPTUAL_SOURCE, gitUrl: pathToFileURL(conceptualDir).href, commit: first },
      { ...API_SOURCE, gitUrl: pathToFileURL(apiDir).href, commit: apiFirst },
    ],
  };
}

export const GIZMO_PAGES = {
  basics: `${PR}/gizmos/gizmo-basics.md`,
  timers: `${PR}/gizmos/gizmo-timers.md`,
  power: `${PR}/gizmos/gizmo-power.md`,
  powerMoved: `${PR}/gizmos/power/gizmo-power-states.md`,
  sparkle: `${PR}/gizmos/gizmo-sparkle-filters.md`,
  overview: `${PR}/gizmos/index.md`,
};
