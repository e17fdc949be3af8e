// METRICS_PORT: the gateway bot serves the same Prometheus metrics as the HTTP endpoint.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type Harness, startHarness } from '../support/discord-harness.ts';
import { makeUser } from '../support/discord-interactions.ts';

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ transport: 'gateway', metrics: true });
});

afterAll(async () => {
  await h?.close();
});

test('counts gateway interactions by command and outcome on /metrics', async () => {
  const user = makeUser();
  await h.run(h.factory.slash('ask', [{ name: 'question', type: 3, value: 'How do I cancel an IRP?' }], user));
  await h.run(h.factory.slash('ask', [{ name: 'question', type: 3, value: 'How do I cancel an IRP?' }], user));
  await h.run(h.factory.autocomplete('api', [{ name: 'name', type: 3, value: 'IoCreate', focused: true }], user));
  const response = await fetch(`${h.bot!.metricsUrl!.replace('0.0.0.0', '127.0.0.1')}/metrics`);
  expect(response.status).toBe(200);
  const text = await response.text();
  expect(text).toMatch(/driver_docs_interactions_total\{kind="chat-input",command="ask",outcome="ok"\} 1\b/);
  expect(text).toMatch(/driver_docs_interactions_total\{kind="chat-input",command="ask",outcome="cooldown"\} 1\b/);
  expect(text).toMatch(/driver_docs_interactions_total\{kind="autocomplete",command="api",outcome="ok"\} 1\b/);
  expect(text).toMatch(/driver_docs_index_pages [1-9]/);
  expect((await fetch(`${h.bot!.metricsUrl!.replace('0.0.0.0', '127.0.0.1')}/other`)).status).toBe(404);
});
