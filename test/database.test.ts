// The database: migrations, pragmas, and the rules the database itself enforces.
import { cpSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { migrationsFolder, openDatabase, type Db } from '../src/db/client.js';
import { allocations, citations, partners, programs } from '../src/db/schema.js';
import { seededDatabase, sqliteMessage, temporaryFolder } from './helpers.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function tableNames(db: Db): string[] {
  return db
    .all<{ name: string }>(sql`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
    .map((row) => row.name);
}

describe('migrations', () => {
  it('create every domain table in an empty database', () => {
    const db = openDatabase({ path: ':memory:' });
    expect(tableNames(db)).toEqual(
      expect.arrayContaining([
        'allocations',
        'citations',
        'discrepancies',
        'discrepancy_citations',
        'exchange_rates',
        'gpu_models',
        'initiative_participants',
        'initiatives',
        'investment_investors',
        'investments',
        'partners',
        'programs',
        'sources',
      ]),
    );
  });

  it('are applied once: opening a migrated file again changes nothing', () => {
    const folder = temporaryFolder();
    cleanups.push(folder.remove);
    const path = join(folder.path, 'nested', 'deeper', 'test.db');
    const first = openDatabase({ path });
    const before = first.all(sql`SELECT * FROM __drizzle_migrations`);
    first.$client.close();
    const second = openDatabase({ path });
    expect(second.all(sql`SELECT * FROM __drizzle_migrations`)).toEqual(before);
    expect(before.length).toBeGreaterThan(0);
    second.$client.close();
  });

  it('upgrade a database that holds data, migration by migration, losing no row, trigger or reference', () => {
    // Each migration in turn, from the first: those that rebuild a referenced table (create, copy,
    // drop, rename) must neither fail on RESTRICT nor cascade deletes into the rows that refer to it.
    const folder = temporaryFolder();
    cleanups.push(folder.remove);
    const path = join(folder.path, 'upgrade.db');
    const names = readdirSync(migrationsFolder, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
    expect(names.length).toBeGreaterThan(1);
    const partial = join(folder.path, 'partial');
    for (const name of names.slice(0, -1)) cpSync(join(migrationsFolder, name), join(partial, name), { recursive: true });
    const sqlite = new Database(path);
    sqlite.pragma('foreign_keys = ON');
    migrate(drizzle({ client: sqlite }), { migrationsFolder: partial });
    // Rows the earlier schema can hold, raw, so the test does not depend on today's seed shape.
    sqlite.exec(`
      INSERT INTO partners (id, slug, name, kind) VALUES (1, 'nvidia', 'NVIDIA', 'COMPANY'), (2, 'acme', 'Acme', 'COMPANY');
      INSERT INTO programs (id, slug, name, country, announced_on, supplier_id) VALUES (1, 'p', 'P', 'KR', '2025-10-31', 1);
      INSERT INTO allocations (program_id, partner_id, quantity, bound, status, announced_on) VALUES (1, 2, 10, 'EXACT', 'ANNOUNCED', '2025-10-31');
      INSERT INTO investments (id, slug, program_id, title, amount_minor, currency, bound, announced_on) VALUES (1, 'i', 1, 'I', 100, 'USD', 'EXACT', '2025-10-31');
      INSERT INTO investment_investors (investment_id, partner_id) VALUES (1, 1), (1, 2);
      INSERT INTO exchange_rates (base_currency, quote_currency, base_amount, quote_amount, as_of) VALUES ('USD', 'KRW', '1', '1400', '2025-10-31');`);
    const counts = (db: Database.Database) =>
      ['partners', 'programs', 'allocations', 'investments', 'investment_investors', 'exchange_rates', 'allocation_rollups_by_partner'].map(
        (table) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n,
      );
    const before = counts(sqlite);
    sqlite.close();
    const upgraded = openDatabase({ path });
    expect(counts(upgraded.$client)).toEqual(before);
    expect(upgraded.$client.pragma('foreign_key_check')).toEqual([]);
    expect(upgraded.$client.pragma('foreign_keys', { simple: true })).toBe(1);
    const triggers = upgraded.all<{ name: string }>(sql`SELECT name FROM sqlite_master WHERE type = 'trigger'`);
    expect(triggers.length).toBeGreaterThanOrEqual(3);
    upgraded.$client.close();
  });

  it('open a file database in WAL mode with foreign keys, a busy timeout and synchronous NORMAL', () => {
    const folder = temporaryFolder();
    cleanups.push(folder.remove);
    const path = join(folder.path, 'created', 'here.db');
    const db = openDatabase({ path });
    expect(existsSync(path)).toBe(true);
    expect(db.$client.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.$client.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.$client.pragma('busy_timeout', { simple: true })).toBeGreaterThan(0);
    expect(db.$client.pragma('synchronous', { simple: true })).toBe(1);
    db.$client.close();
  });
});

describe('statements drizzle runs', () => {
  it('are reused, and each use gets rows in the shape it asks for', () => {
    const db = openDatabase({ path: ':memory:' });
    db.insert(partners)
      .values([
        { slug: 'a', name: 'A', kind: 'COMPANY' },
        { slug: 'b', name: 'B', kind: 'TELECOM' },
      ])
      .run();
    const prepared: string[] = [];
    const prepare = db.$client.prepare.bind(db.$client);
    db.$client.prepare = ((source: string) => {
      prepared.push(source);
      return prepare(source);
    }) as typeof db.$client.prepare;
    const query = () => db.select({ slug: partners.slug }).from(partners).orderBy(partners.slug);
    // Objects, then arrays (raw mode) and objects again from the same SQL text.
    expect(query().all()).toEqual([{ slug: 'a' }, { slug: 'b' }]);
    expect(query().values()).toEqual([['a'], ['b']]);
    expect(query().all()).toEqual([{ slug: 'a' }, { slug: 'b' }]);
    expect(query().get()).toEqual({ slug: 'a' });
    // Compiled once for the four queries.
    expect(prepared).toEqual(['select "slug" from "partners" order by "partners"."slug"']);
    db.$client.close();
  });
});

describe('a file database', () => {
  it('has planner statistics once opened', () => {
    const folder = temporaryFolder();
    cleanups.push(folder.remove);
    const path = join(folder.path, 'stats.db');
    const db = openDatabase({ path });
    db.insert(partners).values({ slug: 'a', name: 'A', kind: 'COMPANY' }).run();
    db.$client.close();
    const reopened = openDatabase({ path });
    const analyzed = reopened.all<{ tbl: string }>(sql`SELECT DISTINCT tbl FROM sqlite_stat1`).map((row) => row.tbl);
    expect(analyzed).toContain('partners');
    reopened.$client.close();
  });
});

describe('the database enforces the rules itself', () => {
  const db = seededDatabase();
  const program = db.select().from(programs).limit(1).get()!;
  const partner = db.select().from(partners).limit(1).get()!;
  const validAllocation = {
    programId: program.id,
    partnerId: partner.id,
    quantity: 10,
    bound: 'EXACT' as const,
    status: 'ANNOUNCED' as const,
    announcedOn: '2026-01-01',
  };

  it('accepts a valid row (so the rejections below are about the rule, not the row)', () => {
    const row = db.insert(allocations).values(validAllocation).returning().get();
    expect(row.quantity).toBe(10);
    db.delete(allocations).where(sql`${allocations.id} = ${row.id}`).run();
  });

  it('rejects a foreign key to a missing row', () => {
    expect(
      sqliteMessage(() =>
        db
          .insert(allocations)
          .values({ ...validAllocation, partnerId: 999_999 })
          .run(),
      ),
    ).toMatch(/FOREIGN KEY constraint failed/);
  });

  it('rejects a quantity that is not positive', () => {
    expect(
      sqliteMessage(() =>
        db
          .insert(allocations)
          .values({ ...validAllocation, quantity: 0 })
          .run(),
      ),
    ).toMatch(/CHECK constraint failed: allocations_quantity_check/);
  });

  it('rejects an enum value outside the list, even through raw SQL', () => {
    expect(sqliteMessage(() => db.run(sql`UPDATE partners SET kind = 'PIRATE' WHERE id = ${partner.id}`))).toMatch(
      /CHECK constraint failed: partners_kind_check/,
    );
  });

  it('rejects an impossible date', () => {
    expect(
      sqliteMessage(() =>
        db
          .insert(allocations)
          .values({ ...validAllocation, announcedOn: '2026-02-30' })
          .run(),
      ),
    ).toMatch(/allocations_announced_on_check/);
  });

  it('rejects a duplicate slug', () => {
    expect(sqliteMessage(() => db.insert(partners).values({ slug: partner.slug, name: 'Copy', kind: 'COMPANY' }).run())).toMatch(
      /UNIQUE constraint failed: partners.slug/,
    );
  });

  it('rejects a citation with no subject or with two', () => {
    const source = db.all<{ id: number }>(sql`SELECT id FROM sources LIMIT 1`)[0]!;
    const base = { sourceId: source.id, quote: 'q', quoteKind: 'VERBATIM' as const, statement: 's' };
    expect(sqliteMessage(() => db.insert(citations).values(base).run())).toMatch(/citations_one_subject_check/);
    expect(
      sqliteMessage(() =>
        db
          .insert(citations)
          .values({ ...base, partnerId: partner.id, programId: program.id })
          .run(),
      ),
    ).toMatch(/citations_one_subject_check/);
  });

  it('stores money as integers and refuses a fractional or floating amount', () => {
    expect(sqliteMessage(() => db.run(sql`UPDATE investments SET amount_minor = 12.5`))).toMatch(/investments_amount_check/);
    const column = db
      .all<{ name: string; type: string }>(sql`SELECT name, type FROM pragma_table_info('investments')`)
      .find((info) => info.name === 'amount_minor');
    expect(column?.type.toLowerCase()).toBe('integer');
  });
});
