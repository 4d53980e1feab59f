// Synthetic data for load tests: reproducible from its seed, the sizes asked for, every
// allocation cited, and a database the constraints and the API accept.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { run as synthetic } from '../src/cli/synthetic.js';
import { closeDatabase, openDatabase } from '../src/db/client.js';
import { searchFoldDifferences } from '../src/db/search-folds.js';
import { generateSyntheticData, mulberry32, type SyntheticOptions } from '../src/db/synthetic.js';
import { createGraphQLServer } from '../src/server/yoga.js';
import { execute, temporaryFolder } from './helpers.js';
import { runCli } from './support/cli.js';

const small: Partial<SyntheticOptions> = {
  partners: 40,
  allocations: 3_000,
  programs: 3,
  initiatives: 12,
  investments: 25,
  sources: 30,
  citationsPerAllocation: 2,
  seed: 7,
};

/** Generates into a new file and returns its path; the folder is removed by the caller. */
function generate(folder: string, name: string, options: Partial<SyntheticOptions>): string {
  const path = join(folder, name);
  const db = openDatabase({ path });
  try {
    generateSyntheticData(db, options);
  } finally {
    closeDatabase(db);
  }
  return path;
}

/** A digest of every row of the given tables, in id order. */
function fingerprint(path: string): Record<string, string> {
  const sqlite = new Database(path, { readonly: true });
  try {
    const tables = [
      'partners',
      'programs',
      'gpu_models',
      'initiatives',
      'sources',
      'allocations',
      'citations',
      'investments',
      'investment_investors',
    ];
    return Object.fromEntries(
      tables.map((table) => {
        const rows = sqlite.prepare(`SELECT * FROM ${table} ORDER BY id`).all();
        return [table, `${rows.length}:${createHash('sha256').update(JSON.stringify(rows)).digest('hex')}`];
      }),
    );
  } finally {
    sqlite.close();
  }
}

function count(sqlite: Database.Database, sql: string): number {
  return (sqlite.prepare(sql).get() as { n: number }).n;
}

describe('synthetic data', () => {
  it('mulberry32 repeats its sequence for a seed and differs between seeds', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const c = mulberry32(43);
    const first = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(first);
    expect(Array.from({ length: 5 }, () => c())).not.toEqual(first);
    expect(first.every((value) => value >= 0 && value < 1)).toBe(true);
  });

  it('gives the same rows for the same seed and other rows for another seed', () => {
    const folder = temporaryFolder();
    try {
      const one = fingerprint(generate(folder.path, 'one.db', small));
      const two = fingerprint(generate(folder.path, 'two.db', small));
      const other = fingerprint(generate(folder.path, 'other.db', { ...small, seed: 8 }));
      expect(two).toEqual(one);
      expect(other.allocations).not.toEqual(one.allocations);
      expect(other.allocations?.split(':')[0]).toBe('3000');
    } finally {
      folder.remove();
    }
  });

  it('has the sizes asked for, cites every allocation, and passes the integrity and foreign-key checks', () => {
    const folder = temporaryFolder();
    try {
      const path = generate(folder.path, 'checked.db', small);
      const sqlite = new Database(path);
      try {
        expect(count(sqlite, 'SELECT count(*) AS n FROM partners')).toBe(40);
        expect(count(sqlite, 'SELECT count(*) AS n FROM allocations')).toBe(3_000);
        expect(count(sqlite, 'SELECT count(*) AS n FROM programs')).toBe(3);
        expect(count(sqlite, 'SELECT count(*) AS n FROM initiatives')).toBe(12);
        expect(count(sqlite, 'SELECT count(*) AS n FROM investments')).toBe(25);
        expect(count(sqlite, 'SELECT count(*) AS n FROM sources')).toBe(30);
        expect(count(sqlite, 'SELECT count(*) AS n FROM citations WHERE allocation_id IS NOT NULL')).toBe(6_000);
        expect(
          count(
            sqlite,
            'SELECT count(*) AS n FROM allocations a WHERE NOT EXISTS (SELECT 1 FROM citations c WHERE c.allocation_id = a.id)',
          ),
        ).toBe(0);
        expect(
          count(
            sqlite,
            'SELECT count(*) AS n FROM investments i WHERE NOT EXISTS (SELECT 1 FROM investment_investors v WHERE v.investment_id = i.id)',
          ),
        ).toBe(0);
        // Realistic spread: every bound kind and status occurs, quantities span orders of magnitude.
        expect(count(sqlite, 'SELECT count(DISTINCT bound) AS n FROM allocations')).toBe(4);
        expect(count(sqlite, 'SELECT count(DISTINCT status) AS n FROM allocations')).toBe(4);
        expect(count(sqlite, 'SELECT count(*) AS n FROM allocations WHERE quantity < 100')).toBeGreaterThan(0);
        expect(count(sqlite, 'SELECT count(*) AS n FROM allocations WHERE quantity > 10000')).toBeGreaterThan(0);
        expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
        expect(sqlite.pragma('foreign_key_check')).toEqual([]);
        // Every searched text has its fold (written by the load, not by a later start's migration).
        expect(searchFoldDifferences(sqlite)).toEqual({});
        expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
        // The bulk load drops the big tables' indexes; every one of them is back, as migrated.
        const indexes = (database: Database.Database) =>
          database.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name").all();
        const fresh = openDatabase({ path: ':memory:' });
        try {
          expect(indexes(sqlite)).toEqual(indexes(fresh.$client));
        } finally {
          fresh.$client.close();
        }
      } finally {
        sqlite.close();
      }
    } finally {
      folder.remove();
    }
  });

  it('refuses a database that already holds data, and adds to the bundled datasets with withSeed', () => {
    const db = openDatabase({ path: ':memory:' });
    try {
      generateSyntheticData(db, { ...small, allocations: 100, withSeed: true });
      expect(db.$client.prepare("SELECT count(*) AS n FROM programs WHERE slug = 'korea-2025'").get()).toEqual({ n: 1 });
      expect(() => generateSyntheticData(db, small)).toThrow(/already holds data/);
      expect(db.$client.pragma('foreign_key_check')).toEqual([]);
      expect(db.$client.pragma('foreign_keys', { simple: true })).toBe(1);
    } finally {
      db.$client.close();
    }
  });

  it('is read by the API: totals over GraphQL equal the sums in SQL', async () => {
    const db = openDatabase({ path: ':memory:' });
    try {
      generateSyntheticData(db, small);
      const yoga = createGraphQLServer({ db, graphiql: false, logging: false }).yoga;
      const { body } = await execute<{ allocationTotals: { gpuTotal: { quantity: number; allocationCount: number } } }>(
        yoga,
        '{ allocationTotals(groupBy: []) { gpuTotal { quantity allocationCount } } }',
      );
      const sums = db.$client.prepare('SELECT sum(quantity) AS quantity, count(*) AS allocationCount FROM allocations').get();
      expect(body.errors).toBeUndefined();
      expect(body.data?.allocationTotals.gpuTotal).toEqual(sums);
    } finally {
      db.$client.close();
    }
  });

  // Its run in process; test/cli.test.ts starts it once as a process.
  it('runs as `npm run db:synthetic`, reporting progress on a non-terminal stderr, and rejects bad flags', async () => {
    const folder = temporaryFolder();
    try {
      const path = join(folder.path, 'cli.db');
      const run = (args: string[]) => runCli(synthetic, args);
      const ok = await run(['--database', path, '--allocations', '500', '--partners', '20', '--seed', '3']);
      expect(ok.status, ok.stderr).toBe(0);
      expect(ok.stdout).toMatch(/allocations 500/);
      expect(ok.stderr).toMatch(/synthetic data: 100%/);
      const again = await run(['--database', path, '--allocations', '500']);
      expect(again.status).toBe(1);
      expect(again.stderr).toMatch(/already holds data/);
      const bad = await run(['--database', path, '--allocations', 'many']);
      expect(bad.status).toBe(2);
      const unknown = await run(['--frobnicate']);
      expect(unknown.status).toBe(2);
    } finally {
      folder.remove();
    }
  });
});
