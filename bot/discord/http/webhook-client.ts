// The interaction webhook over REST: what is sent after the first response (edits, follow-ups,
// deletions). Interaction webhooks need no bot token. @discordjs/rest brings retries on 5xx,
// rate-limit buckets and DISCORD_API_URL as the base, as on the gateway.
import { REST } from '@discordjs/rest';
import { Routes } from 'discord.js';

export interface WebhookClient {
  editOriginal(applicationId: string, token: string, body: unknown): Promise<void>;
  deleteOriginal(applicationId: string, token: string): Promise<void>;
  followUp(applicationId: string, token: string, body: unknown): Promise<void>;
}

export function createWebhookClient(apiUrl: string | undefined): WebhookClient {
  const rest = new REST({ version: '10', ...(apiUrl !== undefined ? { api: apiUrl } : {}) });
  return {
    async editOriginal(applicationId, token, body) {
      await rest.patch(Routes.webhookMessage(applicationId, token, '@original'), { body, auth: false });
    },
    async deleteOriginal(applicationId, token) {
      await rest.delete(Routes.webhookMessage(applicationId, token, '@original'), { auth: false });
    },
    async followUp(applicationId, token, body) {
      await rest.post(Routes.webhook(applicationId, token), {
        body,
        auth: false,
        query: new URLSearchParams({ wait: 'true' }),
      });
    },
  };
}
