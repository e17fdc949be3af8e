// `npx tsx bot/cli/store-growth.ts [--days N] [--ask-every S]`: how big the feedback database gets under one
// user who asks every 3 seconds all day, every day (the worst the default cooldown allows) and
// votes on every answer, with the
// bot's pruning (retention and row cap) running hourly. Simulated clock, real SQLite file in a
// temporary folder. Prints one JSON line per reported day, then a summary line.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { FeedbackStore } from '../discord/feedback-store.ts';

const program = new Command()
  .name('store-growth')
  .description('Feedback database size under one user asking every 3 seconds, with pruning')
  .option('--days <n>', 'simulated days', (v) => Number(v), 10)
  .option('--retention-days <n>', 'FEEDBACK_RETENTION_DAYS', (v) => Number(v), 30)
  // Any rate above the per-person shares gives the same database; a slower one simulates faster.
  .option('--ask-every <seconds>', 'seconds between questions', (v) => Number(v), 3)
  .parse();

const { days, retentionDays, askEvery } = program.opts<{ days: number; retentionDays: number; askEvery: number }>();
const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const ASK_EVERY_MS = askEvery * 1000;
const ASKER = '400000000000000001';

const folder = mkdtempSync(path.join(tmpdir(), 'store-growth-'));
const file = path.join(folder, 'feedback.sqlite');
let now = Date.UTC(2026, 0, 1);
const store = FeedbackStore.open(file, { now: () => now });
// A long question and five cited section URLs, as a real answer stores them.
const question = (n: number) =>
  `How do I keep driver ${n} from running out of kernel-mode stack when it calls back into itself at DISPATCH_LEVEL?`;
const cited = Array.from(
  { length: 5 },
  (_, i) => `https://learn.microsoft.com/windows-hardware/drivers/kernel/some-long-page-name-${i}#a-section-anchor-${i}`,
);

const sizeMB = () => {
  const wal = path.join(folder, 'feedback.sqlite-wal');
  let bytes = statSync(file).size;
  try {
    bytes += statSync(wal).size;
  } catch {
    // no WAL file
  }
  return Number((bytes / 1024 / 1024).toFixed(1));
};

const started = performance.now();
let asks = 0;
let peakMB = 0;
for (let hour = 0; hour < days * 24; hour += 1) {
  {
    for (let t = 0; t < HOUR; t += ASK_EVERY_MS) {
      asks += 1;
      now += ASK_EVERY_MS;
      const guild = '300000000000000001';
      const view = store.saveView({
        kind: 'ask',
        query: question(asks),
        offset: 0,
        citedUrls: cited,
        nextOffset: 4,
        guildId: guild,
        askerId: ASKER,
      });
      if (asks % 5 === 0) store.recordUnanswered('ask', question(asks), 'no-match', { guildId: guild, askerId: ASKER });
      // They also vote on every answer they get.
      store.recordVote(view.id, ASKER, asks % 2 === 0 ? 'down' : 'up');
    }
  }
  store.prune(retentionDays * DAY);
  peakMB = Math.max(peakMB, sizeMB());
  const day = (hour + 1) / 24;
  if (Number.isInteger(day) && (day === 1 || day % 5 === 0 || day === days)) {
    const rows = store.summary();
    console.log(
      JSON.stringify({ day, asks, fileMB: sizeMB(), totalUnanswered: rows.totalUnanswered, votes: rows.votes.up + rows.votes.down }),
    );
  }
}
store.close();
console.log(
  JSON.stringify({
    days,
    askEverySeconds: askEvery,
    asks,
    retentionDays,
    finalMB: sizeMB(),
    peakMB,
    seconds: Number(((performance.now() - started) / 1000).toFixed(1)),
  }),
);
rmSync(folder, { recursive: true, force: true });
