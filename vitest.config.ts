import { defineConfig } from 'vitest/config';

const shared = {
  // Builds the real-corpus slice index once, before any suite needs it.
  globalSetup: ['test/support/global-setup.ts'],
  testTimeout: 60_000,
  hookTimeout: 300_000,
  pool: 'forks' as const,
};

export default defineConfig({
  test: {
    projects: [
      { test: { ...shared, name: 'unit', include: ['test/**/*.test.ts'] } },
      // The end-to-end suite again, with the bot answering over HTTP (`npm run serve`).
      {
        test: { ...shared, name: 'e2e-http', include: ['test/discord/bot.e2e.test.ts'], env: { E2E_TRANSPORT: 'http' } },
      },
    ],
  },
});
