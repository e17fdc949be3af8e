// A local stand-in for Discord's REST API during the load test: takes the interaction webhook
// calls (edits, follow-ups, deletions of deferred answers) and counts them. Loopback only.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RestSink {
  /** REST base for DISCORD_API_URL. */
  apiUrl: string;
  calls: { method: string; status: number }[];
  close(): Promise<void>;
}

export async function startRestSink(): Promise<RestSink> {
  const calls: { method: string; status: number }[] = [];
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      const path = (request.url ?? '').split('?')[0] ?? '';
      const isWebhook = /^\/api\/v10\/webhooks\/\d+\/[^/]+(\/messages\/[^/]+)?$/.test(path);
      const status = !isWebhook ? 404 : request.method === 'DELETE' ? 204 : 200;
      calls.push({ method: request.method ?? '', status });
      if (status === 204) response.writeHead(204).end();
      else response.writeHead(status, { 'content-type': 'application/json' }).end(status === 200 ? '{"id":"1"}' : '{"code":0}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    apiUrl: `http://127.0.0.1:${port}/api`,
    calls,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
