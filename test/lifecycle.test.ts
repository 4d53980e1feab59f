// The service as `npm start` runs it: a child process that logs JSON, answers /ready, and on
// SIGTERM finishes, checkpoints the WAL and exits cleanly.
import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { temporaryFolder } from './helpers.js';

const root = new URL('..', import.meta.url).pathname;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

describe('process lifecycle', () => {
  it('starts, serves, and on SIGTERM drains, checkpoints the WAL and exits 0', async () => {
    const folder = temporaryFolder();
    const databasePath = join(folder.path, 'service.db');
    const port = await freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: root,
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_PATH: databasePath, NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const deadline = Date.now() + 30_000;
      while (!output.includes('serving http://')) {
        if (Date.now() > deadline) throw new Error(`server did not start:\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const base = `http://127.0.0.1:${port}`;
      expect((await fetch(`${base}/ready`)).status).toBe(200);
      const response = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ program(slug: "korea-2025") { gpuTotal { quantity } } }' }),
      });
      expect(await response.json()).toEqual({ data: { program: { gpuTotal: { quantity: 260_000 } } } });
      expect(existsSync(`${databasePath}-wal`)).toBe(true);

      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      const lines = output
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
