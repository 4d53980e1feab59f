// A start-up smoke test outside vitest, for a Node version the suite does not run on (.ci/run
// runs it on the machines' Node 20): the service starts on a fresh database file, migrates and
// seeds it, answers a query with the seeded programme, and stops on SIGTERM.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServerProcess } from './server-process.js';

const dir = mkdtempSync(join(tmpdir(), 'afg-smoke-'));
try {
  const server = await startServerProcess(join(dir, 'smoke.db'));
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ programs(first: 5) { totalCount edges { node { slug gpuTotal { quantity } } } } }' }),
  });
  const body = (await response.json()) as {
    data?: { programs: { totalCount: number; edges: { node: { slug: string; gpuTotal: { quantity: number } } }[] } };
  };
  const programs = body.data?.programs;
  if (response.status !== 200 || !programs || programs.totalCount < 1 || !(programs.edges[0]!.node.gpuTotal.quantity > 0)) {
    throw new Error(`unexpected answer ${response.status}: ${JSON.stringify(body)}\n${server.output()}`);
  }
  server.child.kill('SIGTERM');
  const { code } = await server.exited;
  if (code !== 0) throw new Error(`the service exited with ${code} on SIGTERM:\n${server.output()}`);
  console.log(
    `smoke test passed on node ${process.version}: ${programs.totalCount} programme(s) seeded, ${programs.edges[0]!.node.slug} answered`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
