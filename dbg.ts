import { openIndex } from './indexer/load-index.ts';
import { searchPages } from './indexer/search.ts';
const index = openIndex('/tmp/ddb5/index/driver-docs.idx');
for (const q of process.argv.slice(2)) {
  console.log('Q:', q);
  for (const r of searchPages(index, q, { limit: 8 })) console.log('  ', r.score.toFixed(2), r.page.path, '|', r.chunks[0]?.section, '|', r.chunks.length);
}
