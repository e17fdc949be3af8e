// Gateway close codes after which reconnecting cannot help: the process must end, loudly,
// with one line saying what to fix. discord.js reports exactly these as ShardDisconnect.

/** Exit code for a problem only the operator can fix (sysexits' EX_CONFIG): not worth restarting. */
const EXIT_NEEDS_OPERATOR = 78;

const FIXES: Record<number, string> = {
  4004: 'Discord rejected the bot token (gateway close 4004): reset it in the developer portal (Bot → Reset Token) and update DISCORD_TOKEN',
  4010: 'Discord rejected the shard settings (gateway close 4010, invalid shard): the bot runs as one shard; remove any shard configuration',
  4011: 'Discord requires sharding (gateway close 4011): the bot is in too many servers for one connection and needs sharding support',
  4012: 'Discord rejected the gateway API version (gateway close 4012): update discord.js (npm update discord.js)',
  4013: 'Discord rejected the gateway intents (gateway close 4013, invalid intents): the bot asks only for Guilds; check the client options',
  4014: 'Discord refused a privileged intent (gateway close 4014): the bot needs none; remove it from the client options or enable it under Bot → Privileged Gateway Intents',
};

/** The bot cannot go on; `message` says what to fix. */
export class FatalBotError extends Error {
  override name = 'FatalBotError';
  constructor(
    message: string,
    readonly exitCode: number = 1,
  ) {
    super(message);
  }
}

/** The error for a fatal gateway close. */
export function fatalGatewayClose(code: number): FatalBotError {
  return new FatalBotError(FIXES[code] ?? `the gateway closed with code ${code} and will not reconnect`, EXIT_NEEDS_OPERATOR);
}

/** REST answered 401 to the token (discord.js: TokenInvalid). */
export function tokenRejected(): FatalBotError {
  return new FatalBotError(
    'Discord rejected the bot token (401): reset it in the developer portal (Bot → Reset Token) and update DISCORD_TOKEN',
    EXIT_NEEDS_OPERATOR,
  );
}
