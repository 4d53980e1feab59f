// The service as `npm start` runs it: a child process that logs JSON, answers /ready, and on
// SIGTERM finishes, checkpoints the WAL and exits cleanly.
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { temporaryFolder } from './helpers.js';
import { killServerProcesses, startServerProcess } from './server-process.js';

afterAll(killServerProcesses);

describe('process lifecycle', () => {
  it('starts, serves, and on SIGTERM drains, checkpoints the WAL and exits 0', async () => {
    const folder = temporaryFolder();
    const databasePath = join(folder.path, 'service.db');
    const server = await startServerProcess(databasePath, { NODE_ENV: 'production', LOG_REQUESTS: 'true' });
    const { child } = server;
    try {
      const base = server.url;
      expect((await fetch(`${base}/ready`)).status).toBe(200);
      const response = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ program(slug: "korea-2025") { gpuTotal { quantity } } }' }),
      });
      expect(await response.json()).toEqual({ data: { program: { gpuTotal: { quantity: 260_000 } } } });
      expect(existsSync(`${databasePath}-wal`)).toBe(true);

      child.kill('SIGTERM');
      expect((await server.exited).code).toBe(0);
      const lines = server
        .output()
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as { msg: string; path?: string; requestId?: string });
      expect(lines.map((line) => line.msg)).toEqual(expect.arrayContaining(['started', 'request', 'stopping', 'stopped']));
      expect(lines.find((line) => line.path === '/graphql')?.requestId).toMatch(/^[0-9a-f-]{36}$/);
      // TRUNCATE checkpoint: everything is in the main file and the WAL is empty or gone.
      expect(!existsSync(`${databasePath}-wal`) || statSync(`${databasePath}-wal`).size === 0).toBe(true);
      const copy = new Database(databasePath, { readonly: true });
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      copy.close();
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      folder.remove();
    }
  });
});
