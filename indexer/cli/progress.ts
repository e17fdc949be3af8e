// Build progress on stderr: a bar on a terminal, a few plain lines otherwise (CI logs).
import cliProgress from 'cli-progress';
import type { BuildProgress } from '../build/build-index.ts';
import type { EnsureIndexOptions } from '../load-index.ts';

interface ProgressReporter {
  update(progress: BuildProgress): void;
  stop(): void;
}

function createProgressReporter(label: string): ProgressReporter {
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      { format: `${label} [{bar}] {percentage}% | {value}/{total} files | {duration}s`, stream: process.stderr, hideCursor: true },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
      update({ done, total }) {
        if (!started) {
          bar.start(total, 0);
          started = true;
        }
        bar.update(done);
      },
      stop() {
        if (started) bar.stop();
      },
    };
  }
  let nextReport = 0;
  return {
    update({ done, total }) {
      const share = done / Math.max(1, total);
      if (share >= nextReport || done === total) {
        process.stderr.write(`${label}: ${done}/${total} files (${Math.round(share * 100)}%)\n`);
        nextReport = Math.floor(share * 4 + 1) / 4;
      }
    },
    stop() {},
  };
}

/** Options for loadIndex/ensureIndex that tell the user when (and how far) a build runs. */
export function reportIndexBuild(label = 'Indexing'): EnsureIndexOptions {
  let reporter: ProgressReporter | undefined;
  return {
    onBuildStart: (reason) => {
      process.stderr.write(`Building the search index (${reason}); this takes a few minutes, once.\n`);
      reporter = createProgressReporter(label);
    },
    onProgress: (progress) => {
      reporter?.update(progress);
      if (progress.done === progress.total) reporter?.stop();
    },
  };
}
