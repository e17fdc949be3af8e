// Structured logs (pino, JSON lines). Secrets never reach the output: token-shaped fields are
// redacted by path, and error messages, stacks and request URLs are scrubbed of the bot token
// and of interaction/webhook tokens (which appear in REST error URLs).
import pino, { type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from './settings.ts';

export interface LoggerOptions {
  level: LogLevel;
  /** The bot token, scrubbed from any text that would be logged. */
  token?: string;
  /** Where lines go (default: stdout). */
  destination?: DestinationStream;
}

const REDACTED = '[redacted]';

export function createLogger(options: LoggerOptions): Logger {
  const scrub = scrubber(options.token);
  return pino(
    {
      level: options.level,
      base: { service: 'driver-docs-bot' },
      redact: {
        paths: [
          'token',
          '*.token',
          'DISCORD_TOKEN',
          '*.DISCORD_TOKEN',
          'settings.token',
          'headers.authorization',
          '*.headers.authorization',
          'requestBody.headers.authorization',
        ],
        censor: REDACTED,
      },
      serializers: {
        err: (error: unknown) => serializeError(error, scrub),
      },
      hooks: {
        logMethod(args, method) {
          // A plain string message is scrubbed too (e.g. discord.js debug lines).
          const scrubbed = args.map((arg) => (typeof arg === 'string' ? scrub(arg) : arg)) as typeof args;
          method.apply(this, scrubbed);
        },
      },
    },
    options.destination ?? pino.destination({ sync: false }),
  );
}

/** Removes the bot token and interaction tokens from text. */
export function scrubber(token?: string): (text: string) => string {
  return (text: string) => {
    let out = text
      .replace(/(\/(?:webhooks|interactions)\/\d+\/)[A-Za-z0-9._-]{20,}/g, `$1${REDACTED}`)
      .replace(/(Bot|Bearer)\s+[A-Za-z0-9._-]{20,}/g, `$1 ${REDACTED}`);
    if (token && token.length >= 8) out = out.split(token).join(REDACTED);
    return out;
  };
}

function serializeError(error: unknown, scrub: (text: string) => string): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: scrub(String(error)) };
  const out: Record<string, unknown> = {
    type: error.name,
    message: scrub(error.message),
    stack: error.stack ? scrub(error.stack) : undefined,
  };
  // DiscordAPIError / HTTPError from @discordjs/rest.
  const extra = error as Error & { status?: unknown; code?: unknown; method?: unknown; url?: unknown; rawError?: unknown };
  if (extra.status !== undefined) out.status = extra.status;
  if (extra.code !== undefined) out.code = extra.code;
  if (typeof extra.method === 'string') out.method = extra.method;
  if (typeof extra.url === 'string') out.url = scrub(extra.url);
  if (extra.rawError !== undefined) out.rawError = JSON.parse(scrub(JSON.stringify(extra.rawError)));
  if (error.cause !== undefined) out.cause = serializeError(error.cause, scrub);
  return out;
}
