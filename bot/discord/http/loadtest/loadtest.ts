// `npm run loadtest`: signed interactions against the HTTP endpoint on loopback, at a given
// concurrency (closed loop) or arrival rate (open loop): real /ask questions from a file,
// autocompletes and button clicks on earlier answers. Prints the rate, latency to the HTTP
// response (the interaction callback) by kind, errors and shed load; last line one JSON object.
// Starts its own server (a throwaway key pair, a local REST stand-in) unless --url is given.
import { spawn, type ChildProcess } from 'node:child_process';
import { createPrivateKey, generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { Command, InvalidArgumentError } from 'commander';
import { loadDotEnv } from '../../../../indexer/env.ts';
import { readIndexSettings } from '../../../../indexer/settings.ts';
import { percentile } from '../../../answer/evaluation.ts';
import { BUSY_NOTE } from '../server.ts';
import { type PayloadContext, askPayload, autocompletePayload, buttonPayload, snowflake } from './payloads.ts';
import { startRestSink } from './rest-sink.ts';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const DISCORD_WINDOW_MS = 3000;
const MAX_N = 100_000;
const MAX_SECONDS = 900;

const positive = (max: number) => (value: string) => {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || n > max) throw new InvalidArgumentError(`must be a number from 1 to ${max}`);
  return n;
};

const program = new Command()
  .name('loadtest')
  .description('Load test of the HTTP interactions endpoint, on loopback.')
  .option('--n <count>', 'interactions to send', positive(MAX_N), 2000)
  .option('--concurrency <count>', 'requests in flight at once (closed loop; ignored with --rate)', positive(1000), 16)
  .option('--rate <perSecond>', 'open loop: new interactions per second, whatever the responses', positive(10_000))
  .option('--mix <ask,autocomplete,button>', 'shares of each kind', '70,20,10')
  .option('--questions <file>', 'JSONL with a "question" field per line', path.join(projectRoot, '..', 'shared', 'eval', 'dev.jsonl'))
  .option('--index <file>', 'index file for the server this command starts', readIndexSettings().indexFile)
  .option('--url <url>', 'an already running endpoint (loopback), e.g. http://127.0.0.1:8080')
  .option('--signing-key <hex>', 'with --url: the Ed25519 private key (32-byte seed, hex) matching its DISCORD_PUBLIC_KEY')
  .option('--max-seconds <s>', 'stop sending after this long', positive(MAX_SECONDS), 300)
  .parse();

interface Options {
  n: number;
  concurrency: number;
  rate?: number;
  mix: string;
  questions: string;
  index: string;
  url?: string;
  signingKey?: string;
  maxSeconds: number;
}

type Kind = 'ask' | 'autocomplete' | 'button';

interface Sample {
  kind: Kind;
  ms: number;
  ok: boolean;
  shed: boolean;
}

const round = (value: number, digits = 1) => Number(value.toFixed(digits));

function readQuestions(file: string): string[] {
  if (!existsSync(file)) throw new Error(`no questions file at ${file} (use --questions)`);
  const questions = readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => (JSON.parse(line) as { question?: unknown }).question)
    .filter((q): q is string => typeof q === 'string' && q.trim().length >= 2)
    .map((q) => q.slice(0, 500));
  if (questions.length === 0) throw new Error(`${file} has no questions`);
  return questions;
}

function assertLoopback(url: string): void {
  const host = new URL(url).hostname;
  if (!['127.0.0.1', 'localhost', '[::1]', '::1'].includes(host)) throw new Error(`--url must be on loopback, not ${host}`);
}

/** Ed25519 key from a 32-byte seed: PKCS#8 DER is a fixed prefix and the seed. */
function privateKeyFromSeed(hex: string): KeyObject {
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) throw new Error('--signing-key must be 64 hex characters');
  return createPrivateKey({
    key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), Buffer.from(hex, 'hex')]),
    format: 'der',
    type: 'pkcs8',
  });
}

async function startServer(
  index: string,
  publicKey: string,
  apiUrl: string,
): Promise<{ url: string; child: ChildProcess; engineThreads?: number }> {
  if (!existsSync(index)) throw new Error(`no index at ${index}: build it with npm run index, or pass --index`);
  const entry = fileURLToPath(new URL('./loadtest-server.ts', import.meta.url));
  const child = spawn(process.execPath, ['--max-semi-space-size=32', '--import', 'tsx', entry], {
    env: { ...process.env, LOADTEST_INDEX_FILE: index, DISCORD_PUBLIC_KEY: publicKey, DISCORD_API_URL: apiUrl },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  const started = await new Promise<{ url: string; engineThreads?: number }>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the server exited with code ${code}`)));
    lines.on('line', (line) => {
      try {
        const parsed = JSON.parse(line) as { url?: string; engineThreads?: number };
        if (parsed.url)
          resolve({ url: parsed.url, ...(parsed.engineThreads !== undefined ? { engineThreads: parsed.engineThreads } : {}) });
      } catch {
        // not the address line
      }
    });
  });
  return { ...started, child };
}

async function rssMB(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const match = /^process_resident_memory_bytes (\d+(?:\.\d+)?(?:e\+\d+)?)$/m.exec(text);
  return match ? round(Number(match[1]) / 1024 / 1024) : Number.NaN;
}

function summarise(samples: Sample[]) {
  const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
  return {
    count: samples.length,
    p50: round(percentile(ms, 50)),
    p95: round(percentile(ms, 95)),
    p99: round(percentile(ms, 99)),
    max: round(ms.at(-1) ?? 0),
  };
}

function readMix(mix: string): number[] {
  const shares = mix.split(',').map(Number);
  if (shares.length !== 3 || shares.some((s) => !Number.isFinite(s) || s < 0) || shares.every((s) => s === 0)) {
    throw new Error('--mix takes three shares: ask,autocomplete,button');
  }
  return shares;
}

interface Target {
  url: string;
  privateKey: KeyObject;
  /** The server this command started, if it did. */
  child?: ChildProcess;
  /** Its answer threads (SERVE_ENGINE_THREADS; 0: the engine on its main thread). */
  engineThreads?: number;
}

/** The endpoint to load: --url with its signing key, or a server started here with a throwaway key pair. */
async function target(options: Options, apiUrl: string): Promise<Target> {
  if (options.url) {
    assertLoopback(options.url);
    if (!options.signingKey) throw new Error('--url needs --signing-key (the private half of its DISCORD_PUBLIC_KEY)');
    return { privateKey: privateKeyFromSeed(options.signingKey), url: options.url.replace(/\/+$/, '') };
  }
  const pair = generateKeyPairSync('ed25519');
  const publicKeyHex = pair.publicKey.export({ format: 'der', type: 'spki' }).subarray(12).toString('hex');
  process.stderr.write(`starting the server on loopback with ${options.index}…\n`);
  return { privateKey: pair.privateKey, ...(await startServer(options.index, publicKeyHex, apiUrl)) };
}

type CallbackJson = { type?: number; data?: { content?: string; components?: { components?: { custom_id?: string }[] }[] } };

/** Sends interaction number i (its kind by the mix), recording a sample; remembers answers' buttons to click later. */
function createSender(target: Target, shares: number[], questions: string[], samples: Sample[]) {
  const ctx: PayloadContext = { applicationId: snowflake(), guildId: snowflake(), channelId: snowflake() };
  const customIds: string[] = [];
  const total = shares.reduce((a, b) => a + b, 0);
  const pickKind = (i: number): Kind => {
    // Deterministic interleaving in the given shares.
    const slot = (i * 7919) % total;
    if (slot < shares[0]!) return 'ask';
    if (slot < shares[0]! + shares[1]!) return 'autocomplete';
    return customIds.length > 0 ? 'button' : 'ask';
  };
  const prefixes = ['Io', 'Wdf', 'Ke', 'irp', 'kernel', 'power', 'Ex', 'Mm', 'stack', 'dpc', 'pnp', ''];
  const payloadFor = (kind: Kind, i: number) =>
    kind === 'ask'
      ? askPayload(ctx, questions[i % questions.length]!)
      : kind === 'autocomplete'
        ? autocompletePayload(ctx, (['search', 'api', 'tip'] as const)[i % 3]!, prefixes[i % prefixes.length]!)
        : buttonPayload(ctx, customIds[i % customIds.length]!);
  const keepButtons = (json: CallbackJson) => {
    for (const row of json.data?.components ?? []) {
      for (const component of row.components ?? []) {
        if (component.custom_id && /^(up|down|more):/.test(component.custom_id)) customIds.push(component.custom_id);
      }
    }
  };
  return async (i: number): Promise<void> => {
    const kind = pickKind(i);
    const body = JSON.stringify(payloadFor(kind, i));
    const timestamp = String(Math.floor(Date.now() / 1000));
    const signature = sign(null, Buffer.from(timestamp + body), target.privateKey).toString('hex');
    const started = performance.now();
    try {
      const response = await fetch(`${target.url}/interactions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-signature-ed25519': signature, 'x-signature-timestamp': timestamp },
        body,
      });
      const json = (await response.json()) as CallbackJson;
      const ms = performance.now() - started;
      const ok = response.status === 200 && typeof json.type === 'number' && ms <= DISCORD_WINDOW_MS;
      samples.push({ kind, ms, ok, shed: json.data?.content === BUSY_NOTE });
      if (kind === 'ask' && customIds.length < 500) keepButtons(json);
    } catch {
      samples.push({ kind, ms: performance.now() - started, ok: false, shed: false });
    }
  };
}

/** Sends up to --n interactions, open loop (--rate) or closed loop (--concurrency); returns the seconds taken. */
async function drive(options: Options, send: (i: number) => Promise<void>): Promise<number> {
  const deadline = performance.now() + options.maxSeconds * 1000;
  const started = performance.now();
  let next = 0;
  if (options.rate) {
    const inFlight = new Set<Promise<void>>();
    const interval = 1000 / options.rate;
    while (next < options.n && performance.now() < deadline) {
      const due = started + next * interval;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
      const request = send(next++).finally(() => inFlight.delete(request));
      inFlight.add(request);
    }
    await Promise.all(inFlight);
  } else {
    const worker = async () => {
      while (next < options.n && performance.now() < deadline) await send(next++);
    };
    await Promise.all(Array.from({ length: options.concurrency }, worker));
  }
  return (performance.now() - started) / 1000;
}

interface Run {
  samples: Sample[];
  seconds: number;
  webhookCalls: number;
  rssStartMB: number;
  rssEndMB: number;
  engineThreads: number | undefined;
  /** The machine's 1-minute load average at the start and the end (other work shares the cores). */
  loadAverage: [number, number];
}

function report(options: Options, run: Run): void {
  const { samples, seconds } = run;
  const errors = samples.filter((s) => !s.ok).length;
  const all = summarise(samples);
  const byKind = (kind: Kind) => summarise(samples.filter((s) => s.kind === kind));
  const shed = samples.filter((s) => s.shed).length;
  const lines = [
    `mode: ${options.rate ? `open loop, ${options.rate}/s` : `closed loop, concurrency ${options.concurrency}`}; server ${options.url ? options.url : `started here (${path.relative(process.cwd(), options.index)}, ${run.engineThreads} engine threads)`}`,
    `load average (1 min) ${run.loadAverage[0]} at the start, ${run.loadAverage[1]} at the end`,
    `sent ${samples.length} in ${round(seconds, 2)} s: ${round(samples.length / seconds)} interactions/s; errors ${errors}; shed ${shed}`,
    'kind          count   p50 ms   p95 ms   p99 ms   max ms',
    ...(['ask', 'autocomplete', 'button'] as const).map((kind) => {
      const s = byKind(kind);
      return `${kind.padEnd(12)} ${String(s.count).padStart(6)} ${String(s.p50).padStart(8)} ${String(s.p95).padStart(8)} ${String(s.p99).padStart(8)} ${String(s.max).padStart(8)}`;
    }),
    `webhook calls (deferred answers): ${run.webhookCalls}; server RSS ${run.rssStartMB} MB → ${run.rssEndMB} MB`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  process.stdout.write(
    `${JSON.stringify({
      interactions: samples.length,
      perSecond: round(samples.length / seconds),
      p50ms: all.p50,
      p95ms: all.p95,
      p99ms: all.p99,
      errors,
      shed,
      rssStartMB: run.rssStartMB,
      rssEndMB: run.rssEndMB,
      askP95ms: byKind('ask').p95,
      autocompleteP95ms: byKind('autocomplete').p95,
      buttonP95ms: byKind('button').p95,
      ...(run.engineThreads !== undefined ? { engineThreads: run.engineThreads } : {}),
      loadAverage: run.loadAverage,
    })}\n`,
  );
}

async function main(): Promise<void> {
  loadDotEnv();
  const options = program.opts<Options>();
  const shares = readMix(options.mix);
  const questions = readQuestions(options.questions);
  const sink = await startRestSink();
  // A server that fails to start must not leave the REST stand-in keeping this process alive.
  const endpoint = await target(options, sink.apiUrl).catch(async (error: unknown) => {
    await sink.close();
    throw error;
  });
  const samples: Sample[] = [];
  const rssStartMB = await rssMB(endpoint.url);
  const loadStart = round(loadavg()[0]!, 2);
  const seconds = await drive(options, createSender(endpoint, shares, questions, samples));
  // Let deferred answers reach the REST stand-in before measuring memory.
  await new Promise((resolve) => setTimeout(resolve, 500));
  const rssEndMB = await rssMB(endpoint.url);
  const loadEnd = round(loadavg()[0]!, 2);
  const child = endpoint.child;
  if (child) {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }
  await sink.close();
  report(options, {
    samples,
    seconds,
    webhookCalls: sink.calls.length,
    rssStartMB,
    rssEndMB,
    engineThreads: endpoint.engineThreads,
    loadAverage: [loadStart, loadEnd],
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`loadtest failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
