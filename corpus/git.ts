// Running git for the corpus checkouts: never waiting for credentials, passing git's own
// progress lines on (fetches of the docs take minutes), and keeping the tail of its output
// for error messages.
import { spawn, spawnSync } from 'node:child_process';

export interface GitRunOptions {
  cwd: string;
  git?: string;
  /** Receives git's progress and status lines as they arrive (stderr). */
  onProgress?: (line: string) => void;
}

export class GitError extends Error {
  override name = 'GitError';
  constructor(
    readonly args: readonly string[],
    readonly cwd: string,
    readonly detail: string,
  ) {
    super(`\`git ${args.join(' ')}\` failed in ${cwd}${detail ? `:\n  ${detail}` : '.'}`);
  }
}

// A missing or private remote must fail, not hang on a password prompt.
const gitEnv = (): NodeJS.ProcessEnv => ({ ...process.env, GIT_TERMINAL_PROMPT: '0' });

/** Runs git and resolves with its stdout; rejects with GitError (last lines of stderr). */
export function runGit(args: readonly string[], options: GitRunOptions): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(options.git ?? 'git', args, { cwd: options.cwd, env: gitEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    const tail: string[] = [];
    let partial = '';
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      // Progress lines end in \r (rewritten in place), others in \n.
      const pieces = (partial + chunk).split(/[\r\n]/);
      partial = pieces.pop() ?? '';
      for (const line of pieces) {
        if (line.trim() === '') continue;
        options.onProgress?.(line);
        tail.push(line);
        if (tail.length > 20) tail.shift();
      }
    });
    child.on('error', (error) => reject(new GitError(args, options.cwd, error.message)));
    child.on('close', (code) => {
      if (partial.trim() !== '') {
        options.onProgress?.(partial);
        tail.push(partial);
      }
      if (code === 0) resolve(Buffer.concat(stdout).toString('utf8'));
      else
        reject(
          new GitError(
            args,
            options.cwd,
            tail
              .filter((line) => !/^(remote: )?\S.*\d+%/.test(line))
              .slice(-3)
              .join('\n  '),
          ),
        );
    });
  });
}

/** Runs a quick git query synchronously; undefined when it fails. */
export function gitOutput(args: readonly string[], cwd: string, git = 'git'): string | undefined {
  const result = spawnSync(git, args, { cwd, env: gitEnv(), encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

export function gitIsAvailable(git = 'git'): boolean {
  return spawnSync(git, ['--version'], { encoding: 'utf8' }).status === 0;
}
