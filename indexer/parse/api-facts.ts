// What an API reference page states about its API, from the front matter and the file name.

import type { ApiFacts, ApiKind } from '../model.ts';
import { frontMatterList, frontMatterString, type FrontMatterData } from './front-matter.ts';

const KIND_BY_PREFIX: Readonly<Record<string, ApiKind>> = {
  nf: 'function',
  nc: 'callback',
  ns: 'structure',
  ne: 'enumeration',
  ni: 'ioctl',
  nn: 'interface',
  nl: 'class',
  na: 'other',
};

/** Technology overview folders ("_kernel") hold one page about a whole area. */
function isTechnologyOverview(apiPath: string): boolean {
  return /(^|\/)_[^/]+\/index\.md$/i.test(apiPath);
}

export function apiKindFromPath(apiPath: string): ApiKind {
  const fileName = apiPath.slice(apiPath.lastIndexOf('/') + 1).toLowerCase();
  if (fileName === 'index.md') return isTechnologyOverview(apiPath) ? 'other' : 'header';
  const prefix = /^([a-z]{2})-/.exec(fileName)?.[1];
  return (prefix !== undefined && KIND_BY_PREFIX[prefix]) || 'other';
}

export function apiFacts(apiPath: string, data: FrontMatterData, title: string): ApiFacts {
  const kind = apiKindFromPath(apiPath);
  let names = [...new Set(frontMatterList(data, 'api_name'))];
  if (names.length === 0 && !isTechnologyOverview(apiPath)) {
    const firstWord = title.trim().split(/\s+/)[0];
    if (firstWord) names = [firstWord];
  }
  const facts: ApiFacts = { names, kind };
  const optional: ReadonlyArray<[Exclude<keyof ApiFacts, 'names' | 'kind'>, string]> = [
    ['header', 'req.header'],
    ['includeHeader', 'req.include-header'],
    ['irql', 'req.irql'],
    ['library', 'req.lib'],
    ['dll', 'req.dll'],
    ['minClient', 'req.target-min-winverclnt'],
    ['minServer', 'req.target-min-winversvr'],
    ['kmdfVersion', 'req.kmdf-ver'],
    ['umdfVersion', 'req.umdf-ver'],
  ];
  for (const [field, key] of optional) {
    const value = frontMatterString(data, key);
    if (value !== undefined) facts[field] = value;
  }
  return facts;
}
