// The command declarations: valid for Discord, each with its handler, registered as declared.
import { ApplicationCommandType } from 'discord.js';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { toRegistrationBody } from '../../bot/discord/command-types.ts';
import { allCommands } from '../../bot/discord/commands.ts';
import { createRegistry } from '../../bot/discord/handlers/index.ts';
import { startBot } from '../../bot/discord/client.ts';
import { SqliteBotStore } from '../../bot/discord/store/sqlite-store.ts';
import { createLogger } from '../../bot/discord/logger.ts';
import { registerCommands } from '../../bot/discord/register.ts';
import { createTestEngine } from '../support/test-engine.ts';
import { readBotSettings } from '../../bot/discord/settings.ts';
import { DiscordStandIn } from '../support/discord-stand-in.ts';

describe('declarations', () => {
  test('are valid application commands', () => {
    const names = new Set<string>();
    for (const command of allCommands) {
      expect(names.has(command.name)).toBe(false);
      names.add(command.name);
      const body = toRegistrationBody(command);
      expect(JSON.stringify(body).length).toBeLessThanOrEqual(8000);
      if (command.type === ApplicationCommandType.Message) {
        expect(command.name.length).toBeLessThanOrEqual(32);
        continue;
      }
      expect(command.name).toMatch(/^[-_a-z0-9]{1,32}$/);
      expect(command.description.length).toBeGreaterThanOrEqual(1);
      expect(command.description.length).toBeLessThanOrEqual(100);
      expect(command.options.length).toBeLessThanOrEqual(25);
      let optionalSeen = false;
      for (const option of command.options) {
        expect(option.name).toMatch(/^[-_a-z0-9]{1,32}$/);
        expect(option.description.length).toBeLessThanOrEqual(100);
        // Discord requires required options first.
        if (option.required) expect(optionalSeen).toBe(false);
        else optionalSeen = true;
      }
    }
  });

  test('the maintainers command is for Manage Server by default', () => {
    const summary = allCommands.find((c) => c.name === 'feedback-summary');
    expect(summary && 'default_member_permissions' in summary ? summary.default_member_permissions : undefined).toBe((1n << 5n).toString());
  });

  test('every declared command has exactly one handler, and every handler a declaration', () => {
    const registry = createRegistry();
    const declaredChat = allCommands.filter((c) => c.type === ApplicationCommandType.ChatInput).map((c) => c.name);
    const declaredMessage = allCommands.filter((c) => c.type === ApplicationCommandType.Message).map((c) => c.name);
    expect([...registry.chatInput.keys()].sort()).toEqual(declaredChat.sort());
    expect([...registry.messageCommands.keys()].sort()).toEqual(declaredMessage.sort());
    expect([...registry.buttons.keys()].sort()).toEqual(['delete', 'down', 'more', 'share', 'up']);
  });
});

describe('npm run register', () => {
  let standIn: DiscordStandIn;
  beforeAll(async () => {
    standIn = await DiscordStandIn.start();
  });
  afterAll(async () => {
    await standIn.close();
  });

  test('puts every command to the guild when DISCORD_GUILD_ID is set, through DISCORD_API_URL', async () => {
    const settings = readBotSettings({
      DISCORD_TOKEN: 'register-test-token-abcdefghijklmnop',
      DISCORD_API_URL: standIn.apiUrl,
      DISCORD_GUILD_ID: '123456789012345678',
    });
    const result = await registerCommands(settings);
    expect(result.scope).toBe('guild');
    expect(result.applicationId).toBe(standIn.applicationId);
    const put = standIn.requests.find((r) => r.method === 'PUT');
    expect(put?.path).toBe(`/applications/${standIn.applicationId}/guilds/123456789012345678/commands`);
    expect(put?.authorized).toBe(true);
    expect(put?.body).toEqual(allCommands.map(toRegistrationBody));
    expect(result.names).toEqual(allCommands.map((c) => c.name));
  });

  test('registers globally without a guild, using DISCORD_APPLICATION_ID when given', async () => {
    const settings = readBotSettings({
      DISCORD_TOKEN: 'register-test-token-abcdefghijklmnop',
      DISCORD_API_URL: standIn.apiUrl,
      DISCORD_APPLICATION_ID: '223456789012345678',
    });
    const before = standIn.requests.length;
    const result = await registerCommands(settings);
    expect(result.scope).toBe('global');
    const made = standIn.requests.slice(before);
    expect(made.map((r) => `${r.method} ${r.path}`)).toEqual(['PUT /applications/223456789012345678/commands']);
  });
});

describe('startBot', () => {
  test('a rejected token fails start-up with an error, cleanly', async () => {
    const standIn = await DiscordStandIn.start();
    standIn.rejectBotAuth = true;
    const store = SqliteBotStore.open(':memory:');
    const lines: string[] = [];
    try {
      const settings = readBotSettings({ DISCORD_TOKEN: 'wrong-token-abcdefghijklmnopqrst', DISCORD_API_URL: standIn.apiUrl });
      const logger = createLogger({ level: 'info', destination: { write: (s: string) => void lines.push(s) } });
      await expect(startBot({ engine: await createTestEngine(), settings, logger, store })).rejects.toThrow(/token/i);
      expect(standIn.identifies).toHaveLength(0);
    } finally {
      await store.close();
      await standIn.close();
    }
  });
});
