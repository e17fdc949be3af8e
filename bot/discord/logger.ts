// Structured logs (pino, JSON lines). Secrets never reach the output, whatever field they
// hide in: every logged value is walked (any nesting, errors included) and every string in it
// scrubbed of the bot token, interaction/webhook tokens (which appear in REST error URLs),
// "Bot …"/"Bearer …" credentials and the credentials of URLs; fields whose name says secret
// (token, authorization, cookie, password, …, in any case) are replaced whole.
import pino, { type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from './settings.ts';

export interface LoggerOptions {
  level: LogLevel;
  /** The bot token, scrubbed from any text that would be logged. */
  token?: string;
  /** Other secret strings to scrub (e.g. the password in DISCORD_API_URL). */
  secrets?: string[];
  /** Where lines go (default: stdout). */
  destination?: DestinationStream;
}

const REDACTED = '[redacted]';
/** Field names whose value is a secret, whatever it looks like. */
const SECRET_KEY = /token|authorization|secret|password|passwd|cookie|api[-_]?key|credential/i;
const MAX_DEPTH = 10;

export function createLogger(options: LoggerOptions): Logger {
  const scrub = scrubber([options.token, ...(options.secrets ?? [])]);
  const clean = (value: unknown) => scrubValue(value, scrub);
  const logger = pino(
    {
      level: options.level,
      base: { service: 'driver-docs-bot' },
      serializers: {
        // Values arrive here already cleaned (see the hook); an Error passed as the first
        // argument is the only one pino hands over as it is.
        err: clean,
      },
      hooks: {
        logMethod(args, method) {
          const cleaned = args.map((arg, i) => (i === 0 && arg instanceof Error ? { err: clean(arg) } : clean(arg))) as typeof args;
          method.apply(this, cleaned);
        },
      },
    },
    options.destination ?? pino.destination({ sync: false }),
  );
  return cleanChildBindings(logger, clean);
}

/** pino writes a child's bindings as given (its bindings formatter is not applied to children). */
function cleanChildBindings(logger: Logger, clean: (value: unknown) => unknown): Logger {
  const makeChild = logger.child;
  const guard = (instance: Logger): Logger => {
    instance.child = function (this: Logger, bindings, childOptions) {
      return guard(makeChild.call(this, clean(bindings) as typeof bindings, childOptions) as unknown as Logger) as never;
    } as Logger['child'];
    return instance;
  };
  return guard(logger);
}

/** Removes the given secrets, interaction tokens, auth credentials and URL credentials from text. */
export function scrubber(secrets: readonly (string | undefined)[] | string = []): (text: string) => string {
  const list = (typeof secrets === 'string' ? [secrets] : secrets).filter(
    (secret): secret is string => typeof secret === 'string' && secret.length >= 8,
  );
  return (text: string) => {
    let out = text
      .replace(/(\/(?:webhooks|interactions)\/\d+\/)[A-Za-z0-9._-]{20,}/g, `$1${REDACTED}`)
      .replace(/\b(Bot|Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{16,}/g, `$1 ${REDACTED}`)
      .replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@]+@/gi, `$1${REDACTED}@`);
    for (const secret of list) out = out.split(secret).join(REDACTED);
    return out;
  };
}

/** A copy of `value` fit to log: secrets scrubbed at any depth, errors turned into plain objects. */
function scrubValue(value: unknown, scrub: (text: string) => string, depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') return scrub(value);
  if (value === null || typeof value !== 'object') return typeof value === 'function' || typeof value === 'symbol' ? undefined : value;
  if (seen.has(value)) return '[circular]';
  if (depth >= MAX_DEPTH) return '[too deep]';
  seen.add(value);
  if (value instanceof Error) return serializeError(value, scrub, depth, seen);
  if (Array.isArray(value)) return value.map((item) => scrubValue(item, scrub, depth + 1, seen));
  if (value instanceof Date) return value.toISOString();
  if (value instanceof URL) return scrub(value.href);
  if (ArrayBuffer.isView(value)) return `[${value.constructor.name} ${value.byteLength} bytes]`;
  if (value instanceof Map) return scrubValue(Object.fromEntries(value), scrub, depth + 1, seen);
  if (value instanceof Set) return scrubValue([...value], scrub, depth + 1, seen);
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    out[key] =
      SECRET_KEY.test(key) && child !== undefined && child !== null && child !== false
        ? REDACTED
        : scrubValue(child, scrub, depth + 1, seen);
  }
  return out;
}

function serializeError(error: Error, scrub: (text: string) => string, depth: number, seen: WeakSet<object>): Record<string, unknown> {
  const out: Record<string, unknown> = {
    type: error.name,
    message: scrub(error.message),
    stack: error.stack ? scrub(error.stack) : undefined,
  };
  // Own fields (DiscordAPIError's status, code, method, url, rawError, requestBody, ...).
  for (const [key, child] of Object.entries(error)) {
    if (key in out) continue;
    out[key] = SECRET_KEY.test(key) && child !== undefined && child !== null ? REDACTED : scrubValue(child, scrub, depth + 1, seen);
  }
  if (error.cause !== undefined) out.cause = scrubValue(error.cause, scrub, depth + 1, seen);
  return out;
}
