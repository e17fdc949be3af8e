import { openIndex } from './indexer/load-index.ts';
import { AnswerEngine } from './bot/answer/engine.ts';
import { evaluate, readEvalQuestions } from './bot/answer/evaluation.ts';
import { chunkIndexConfig } from './indexer/schema.ts';
import { keyTips } from './corpus/key-tips.ts';
const index = openIndex('/tmp/ddb5/index/driver-docs.idx');
const engine = new AnswerEngine(index);
const store: any = index.chunkDb.data.index;
const dev = readEvalQuestions('../shared/eval/dev.jsonl');
const tips = keyTips.map((t) => ({ id: t.id, question: t.question, relevant: t.pagePaths }));
const tipTopics = keyTips.map((t) => ({ id: t.id + '-topic', question: t.topic, relevant: t.pagePaths }));
const variants = JSON.parse(process.argv[2] ?? '[{}]');
const base = JSON.parse(JSON.stringify({ w: chunkIndexConfig.fields, s: store.config }));
for (const v of variants) {
  for (const f of Object.keys(base.w)) { (chunkIndexConfig.fields as any)[f].weight = base.w[f].weight; store.config.fields[f].b = base.s.fields[f].b; }
  store.config.k1 = base.s.k1;
  for (const [f, w] of Object.entries(v.w ?? {})) (chunkIndexConfig.fields as any)[f].weight = w;
  for (const [f, b] of Object.entries(v.b ?? {})) store.config.fields[f].b = b;
  if (v.k1) store.config.k1 = v.k1;
  const r1 = evaluate(engine, dev, 10).summary; const r2 = evaluate(engine, tips, 10).summary; const r3 = evaluate(engine, tipTopics, 10).summary;
  console.log(JSON.stringify(v), 'dev', r1['hit@1'], r1['hit@5'], r1['mrr@10'], '| tips', r2['hit@5'], r2['mrr@10'], '| topics', r3['hit@5'], r3['mrr@10']);
}
