// What the logs may contain: bounded lines, and nothing a client sent — no bound parameters, no
// SQL text of a failed statement. The real service as a child process in production mode.
import { afterAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { temporaryFolder } from './helpers.js';
import { killServerProcesses, startServerProcess } from './server-process.js';
import { MAX_LOG_LINE } from '../src/server/log.js';

const folder = temporaryFolder();
afterAll(() => {
  killServerProcesses();
  folder.remove();
});

describe('logs', () => {
  it('keep every line short and free of client values, even when a statement fails on them', async () => {
    const server = await startServerProcess(
      join(folder.path, 'logs.db'),
      { NODE_ENV: 'production', LOG_REQUESTS: 'true', MAX_INPUT_VALUES: '100000' },
      { keepOutput: 50_000_000 },
    );
    const marker = 'CLIENTVALUE';
    // 20,000 searches bind more parameters than SQLite allows in one statement: the query fails
    // in the driver, with every search text among its parameters (MAX_INPUT_VALUES is raised so
    // the request budget lets it reach the driver).
    const filter = { OR: Array.from({ length: 20_000 }, (_, index) => ({ search: `${marker}${index}` })) };
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'query ($f: PartnerFilter) { partners(filter: $f) { edges { node { name } } } }',
        variables: { f: filter },
      }),
    });
    const body = await response.text();
    expect(body).not.toContain(marker);
    // A long path is logged too; it must not make a long line.
    await fetch(`${server.url}/${'p'.repeat(10_000)}`);
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 300));
    // The one plain line is the address the harness waits for; every other line is JSON.
    const lines = server
      .output()
      .split('\n')
      .filter((line) => line.length > 0 && !line.startsWith('ai-factory-graph serving'));
    expect(lines.some((line) => line.includes('"level":"error"'))).toBe(true);
    for (const line of lines) {
      expect(line.length, line.slice(0, 200)).toBeLessThanOrEqual(MAX_LOG_LINE);
      expect(() => JSON.parse(line), line.slice(0, 200)).not.toThrow();
      expect(line, line.slice(0, 300)).not.toContain(marker);
      expect(line, line.slice(0, 300)).not.toMatch(/Failed query|params:|instr\(/);
    }
  });
});

describe('log lines', () => {
  it('cap long fields with a marker, bound lists and nesting, and hide failed statements', async () => {
    const { formatLine, MAX_LOG_STRING } = await import('../src/server/log.js');
    const line = formatLine('error', 'x', {
      long: 'y'.repeat(100_000),
      many: Array.from({ length: 10_000 }, (_, index) => index),
      deep: JSON.parse(`${'{"a":'.repeat(50)}1${'}'.repeat(50)}`) as unknown,
      failed: 'request failed: Failed query: select * from partners where name = ?\nparams: SECRET',
      fields: Object.fromEntries(Array.from({ length: 500 }, (_, index) => [`k${index}`, 'v'.repeat(900)])),
    });
    expect(line.length).toBeLessThanOrEqual(MAX_LOG_LINE);
    const parsed = JSON.parse(line) as Record<string, unknown>;
    expect(String(parsed.long)).toMatch(/…\[truncated \d+ chars\]$/);
    expect(String(parsed.long).length).toBeLessThan(MAX_LOG_STRING + 40);
    expect(line).not.toContain('SECRET');
    expect(line).not.toContain('select *');
  });
});
