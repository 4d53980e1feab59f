// `npm run bench -- --replicas --quick` keeps working: on a tiny dataset it starts a real sqld
// primary, measures the better-sqlite3 service, one and two instances on embedded replicas, and
// the write-to-visible lag on the other instance, and writes its section of the report with a
// row per operation, the replicas' answers equal to better-sqlite3's, and a lag row per
// REPLICA_SYNC_MS setting. No timing is asserted: these machines are too noisy for that.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { operations } from '../bench/operations.js';
import { libsqlDefaults } from '../src/config.js';
import { temporaryFolder } from './helpers.js';
import { sqldExecutable } from './support/sqld.js';

const root = new URL('..', import.meta.url).pathname;
const sqld = sqldExecutable();
if (!sqld.path) console.warn(`skipping the --replicas bench test: ${sqld.reason}`);

describe.skipIf(!sqld.path)('npm run bench -- --replicas --quick', () => {
  it('adds a replicas section with a row per operation and the write-to-visible lag at two sync intervals', async () => {
    const folder = temporaryFolder();
    try {
      const out = join(folder.path, 'RESULTS.md');
      // An existing report keeps its text; the section is added after it (and replaced on a rerun).
      writeFileSync(out, '# Benchmark results\n\nthe main table\n');
      const child = spawn(
        process.execPath,
        // biome-ignore format: flags and their values read in pairs
        [
          '--import', 'tsx', 'bench/run.ts', '--replicas', '--quick',
          '--allocations', '200', '--partners', '20', '--connections', '4', '--duration', '0.3', '--writes', '2',
          '--out', out, '--data-dir', folder.path,
        ],
        { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => child.on('exit', (exitCode) => resolve(exitCode)));
      expect(code, output).toBe(0);

      const report = readFileSync(out, 'utf8');
      expect(report.startsWith('# Benchmark results\n\nthe main table\n')).toBe(true);
      expect(report).toContain('## libSQL embedded replicas (`--replicas`)');
      expect(report.match(/<!-- replicas -->/g)).toHaveLength(1);
      const rows = report.split('\n').filter((line) => /^\| [A-Z][a-z]\w* \| /.test(line));
      expect(rows.map((row) => row.split('|')[1]!.trim())).toEqual(operations.map((operation) => operation.name));
      const rate = /^[\d,]+(\.\d)?$/;
      for (const row of rows) {
        const cells = row.split('|').map((cell) => cell.trim());
        // better-sqlite3, one replica, two replicas: each measured.
        for (const index of [2, 3, 4]) expect(cells[index], row).toMatch(rate);
        expect(cells.at(-3), row).toBe('0');
        // The replica instances answer with the better-sqlite3 service's bytes.
        expect(cells.at(-2), row).toBe('yes');
      }
      const lagRows = report.split('\n').filter((line) => /^\| \d+( \(default\))? \| 2 \| /.test(line));
      expect(lagRows.map((row) => row.split('|')[1]!.trim())).toEqual([`${libsqlDefaults.replicaSyncMs} (default)`, '50']);
      for (const row of lagRows) {
        const cells = row.split('|').map((cell) => cell.trim());
        for (const index of [3, 4, 5]) expect(cells[index], row).toMatch(rate);
      }
    } finally {
      folder.remove();
    }
  }, 480_000);
});
