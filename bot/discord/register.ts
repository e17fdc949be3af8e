// `npm run register`: puts the command declarations to Discord, to DISCORD_GUILD_ID when set
// (updates show at once; for development) or globally. Overwrites the whole list (PUT), so
// commands removed from commands.ts disappear too. Honours DISCORD_API_URL.
import { REST } from '@discordjs/rest';
import { type APIApplication, type RESTPutAPIApplicationCommandsResult, Routes } from 'discord.js';
import { ConfigError, loadDotEnv } from '../../indexer/env.ts';
import { toRegistrationBody } from './command-types.ts';
import { allCommands } from './commands.ts';
import { isMainModule } from './is-main.ts';
import { type BotSettings, apiUrlSecrets, readBotSettings, requireToken } from './settings.ts';
import { scrubber } from './logger.ts';

export interface RegisterResult {
  scope: 'guild' | 'global';
  applicationId: string;
  names: string[];
}

export async function registerCommands(settings: BotSettings): Promise<RegisterResult> {
  const token = requireToken(settings);
  const rest = new REST({ version: '10', ...(settings.apiUrl !== undefined ? { api: settings.apiUrl } : {}) }).setToken(token);
  const applicationId = settings.applicationId ?? ((await rest.get(Routes.currentApplication())) as APIApplication).id;
  const body = allCommands.map(toRegistrationBody);
  const route = settings.guildId
    ? Routes.applicationGuildCommands(applicationId, settings.guildId)
    : Routes.applicationCommands(applicationId);
  const registered = (await rest.put(route, { body })) as RESTPutAPIApplicationCommandsResult;
  return {
    scope: settings.guildId ? 'guild' : 'global',
    applicationId,
    names: registered.map((command) => command.name),
  };
}

async function main(): Promise<number> {
  loadDotEnv();
  let scrub = scrubber();
  try {
    const settings = readBotSettings();
    scrub = scrubber([settings.token, ...apiUrlSecrets(settings.apiUrl)]);
    const result = await registerCommands(settings);
    const where =
      result.scope === 'guild' ? `to guild ${settings.guildId} (available now)` : 'globally (may take up to an hour to appear everywhere)';
    process.stdout.write(`Registered ${result.names.length} commands ${where}: ${result.names.join(', ')}\n`);
    return 0;
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    process.stderr.write(`Registering the commands failed: ${scrub(error instanceof Error ? error.message : String(error))}\n`);
    return 1;
  }
}

// Run only as a script, not when imported (tests import registerCommands).
if (isMainModule(import.meta.url)) {
  main().then((code) => {
    process.exitCode = code;
  });
}
