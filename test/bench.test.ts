// The benchmark keeps working: `npm run bench -- --quick` on a tiny dataset writes a results
// table with a row per operation, the floor server answers with the service's exact bytes, and
// the peers (drizzle-graphql, mercurius + graphql-jit, PostGraphile over PostgreSQL) answer and
// are measured, and so is the service with two workers. PostGraphile needs Node 22 or newer: on
// an older Node the report must say it was skipped and why. PostgreSQL must be installed
// (Debian's `postgresql`; .ci/run installs it).
// No timing is asserted: these machines are too noisy for that.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { operations } from '../bench/operations.js';
import { drizzleGraphqlOperations } from '../bench/peers/operations.js';
import { postgraphileOperations } from '../bench/peers/postgraphile/operations.js';
import { postgresBinaries, postgresHint } from '../bench/postgres.js';
import { temporaryFolder } from './helpers.js';

const root = new URL('..', import.meta.url).pathname;
const postgraphileRuns = Number(process.versions.node.split('.')[0]) >= 22;

describe('npm run bench -- --quick', () => {
  it('writes a row per operation, with service and floor answers byte-equivalent and the peers measured', async () => {
    expect(postgresBinaries(), `${postgresHint}; .ci/run does it`).not.toBeNull();
    const folder = temporaryFolder();
    try {
      const out = join(folder.path, 'RESULTS.md');
      const child = spawn(
        process.execPath,
        // biome-ignore format: flags and their values read in pairs
        [
          '--import', 'tsx', 'bench/run.ts', '--quick',
          '--allocations', '200', '--partners', '20', '--connections', '4', '--duration', '0.3',
          // Two rounds each, taken in turns: the figures are medians and the spread is reported.
          '--rounds', '2',
          // --peers: a failed install of the peers' dependencies fails the run instead of skipping them.
          '--peers', '--workers', '--out', out, '--data-dir', folder.path,
        ],
        { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => child.on('exit', (exitCode) => resolve(exitCode)));
      expect(code, output).toBe(0);

      const report = readFileSync(out, 'utf8');
      expect(report).toMatch(/Node v\d+/);
      expect(report).toMatch(/\d+ × /);
      const header = report
        .split('\n')
        .find((line) => line.startsWith('| operation |'))!
        .split('|')
        .map((cell) => cell.trim());
      const column = (name: string) => {
        const index = header.indexOf(name);
        expect(index, `column "${name}" in ${header.join(' | ')}`).toBeGreaterThan(0);
        return index;
      };
      const rate = /^[\d,]+(\.\d)?$/;
      const rows = report.split('\n').filter((line) => /^\| [A-Z]\w+ \(/.test(line));
      expect(rows.map((row) => row.slice(2).split(' ')[0])).toEqual(operations.map((operation) => operation.name));
      // The deeper and the filtered nested lists are among them.
      expect(operations.map((operation) => operation.name)).toEqual(expect.arrayContaining(['ProgramsDeep', 'FilteredNested']));
      if (postgraphileRuns) {
        expect(report).toMatch(/PostgreSQL \d+\.\d+.* held [\d,]+ partners/);
      } else {
        expect(report).toMatch(/- postgraphile: \*\*skipped\*\*: Node v\d+\.\d+\.\d+ is older than 22/);
      }
      for (const row of rows) {
        const cells = row.split('|').map((cell) => cell.trim());
        // The last cell says whether the floor's bytes equal the service's.
        expect(cells.at(-2), row).toBe('yes');
        // SQL statements per request were counted.
        expect(cells.at(-5), row).toMatch(/^\d+(\.\d)?$/);
        // drizzle-graphql: measured with the floor's data where it can express the operation, n/a elsewhere.
        const name = cells[1]!.split(' ')[0]!;
        if ('missing' in drizzleGraphqlOperations[name]!) {
          expect(cells[column('req/s drizzle-graphql')], row).toBe('n/a');
          expect(cells[column('drizzle-graphql same data')], row).toBe('n/a');
        } else {
          expect(cells[column('req/s drizzle-graphql')], row).toMatch(rate);
          expect(cells[column('drizzle-graphql same data')], row).toBe('yes');
        }
        // PostGraphile: its own queries, checked against the floor's data, on Node 22 or newer.
        const postgraphile = postgraphileOperations[name]!;
        if (!postgraphileRuns) {
          expect(cells[column('req/s postgraphile')], row).toBe('skipped');
          expect(cells[column('postgraphile same data')], row).toBe('skipped');
        } else if ('missing' in postgraphile) {
          expect(cells[column('req/s postgraphile')], row).toBe('n/a');
        } else {
          expect(cells[column('req/s postgraphile')], row).toMatch(rate);
          expect(cells[column('postgraphile same data')], row).toBe('yes');
          // Its Node process's CPU and PostgreSQL's, both read from /proc.
          expect(cells[column('CPU ms / request postgraphile: node + PostgreSQL')], row).toMatch(/^[\d.,]+ \+ [\d.,]+$/);
        }
        // CPU time per request of each server process, read from /proc (this machine has it).
        expect(cells[column('CPU ms / request service / floor / drizzle-graphql / mercurius+jit / postgraphile')], row).toMatch(
          postgraphileRuns
            ? /^[\d.,]+ \/ [\d.,]+ \/ ([\d.,]+|n\/a) \/ [\d.,]+ \/ [\d.,]+$/
            : /^[\d.,]+ \/ [\d.,]+ \/ ([\d.,]+|n\/a) \/ [\d.,]+ \/ n\/a$/,
        );
        // WORKERS=2 measured, with the cores each run kept busy (CPU time per second of the run).
        expect(cells[column('req/s service (2 workers)')], row).toMatch(rate);
        expect(cells[column('cores busy service / 2 workers')], row).toMatch(/^\d\.\d\d \/ \d\.\d\d$/);
        // mercurius + graphql-jit serves the same schema: the service's bytes, statements counted.
        expect(cells[column('req/s mercurius+jit')], row).toMatch(rate);
        expect(cells[column('mercurius+jit same bytes')], row).toBe('yes');
        expect(cells[column('SQL statements / request mercurius+jit')], row).toMatch(/^\d+(\.\d)?$/);
      }
      expect(report).not.toMatch(/Differences between service and floor/);
      // Every operation's service and floor CPU per request, lowest–highest over the two rounds.
      const spread = report.split('## Spread over rounds')[1]?.split('\n## ')[0] ?? '';
      expect(spread, report).toContain('lowest–highest of its 2 rounds');
      for (const operation of operations) {
        const cells = spread
          .split('\n')
          .find((line) => line.startsWith(`| ${operation.name} |`))
          ?.split('|')
          .map((cell) => cell.trim());
        expect(cells, `${operation.name} in ${spread}`).toBeDefined();
        const [low, high] = cells![2]!.split('–').map(Number);
        expect(low, cells!.join(' | ')).toBeLessThanOrEqual(high!);
        expect(cells![3], cells!.join(' | ')).toMatch(/^[\d.]+–[\d.]+$/);
      }
    } finally {
      folder.remove();
    }
    // The 480 s below: PostgreSQL's start and load and PostGraphile's schema build add some 15 s on a quiet machine.
  }, 480_000);
});
