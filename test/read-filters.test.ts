// The filter walker of src/read/filters.ts on its own: no GraphQL, a real seeded SQLite database,
// and specs written out here, so a change to the walk shows up without the schema in the way.
// Each filtered list is checked against the same question asked in plain SQL.
import { afterAll, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../src/db/client.js';
import { seedDatabase } from '../src/db/seed/index.js';
import { countWhere, filterColumns, toWhere, walkFilter, type FilterSpec } from '../src/read/filters.js';
import { DomainError } from '../src/graphql/conventions/error-classes.js';

const programSpec: FilterSpec = {
  typename: 'Program',
  table: 'programs',
  fields: { slug: { kind: 'column', column: 'slug' } },
};
const partnerSpec: FilterSpec = {
  typename: 'Partner',
  table: 'partners',
  fields: {
    kind: { kind: 'column', column: 'kind' },
    search: { kind: 'search', columns: (table) => [table.nameFolded!, table.nameKoFolded!], arrays: (table) => [table.aliasesFolded!] },
    allocations: { kind: 'relation', relation: 'allocations', spec: () => allocationSpec },
  },
};
const allocationSpec: FilterSpec = {
  typename: 'Allocation',
  table: 'allocations',
  fields: {
    quantity: { kind: 'column', column: 'quantity' },
    status: { kind: 'column', column: 'status' },
    partner: { kind: 'relation', relation: 'partner', spec: () => partnerSpec },
    program: { kind: 'relation', relation: 'program', spec: () => programSpec },
  },
};

const db = openDatabase({ path: ':memory:' });
seedDatabase(db);
afterAll(() => closeDatabase(db));

const ids = (sql: string, ...params: unknown[]) =>
  (db.$client.prepare(sql).all(...params) as { id: number }[]).map((row) => row.id).sort((a, b) => a - b);
const allocationIds = async (input: Record<string, unknown>) =>
  (await db.query.allocations.findMany({ columns: { id: true }, where: toWhere(allocationSpec, input) as never }))
    .map((row) => row.id)
    .sort((a, b) => a - b);

describe('toWhere', () => {
  it('filters by columns, through a to-one relation, with AND / OR / NOT, as plain SQL does', async () => {
    const government = ids(
      "SELECT a.id FROM allocations a JOIN partners p ON p.id = a.partner_id WHERE p.kind = 'GOVERNMENT' AND a.quantity >= 1000",
    );
    expect(government.length).toBeGreaterThan(0);
    expect(await allocationIds({ partner: { kind: { eq: 'GOVERNMENT' } }, quantity: { gte: 1000 } })).toEqual(government);
    expect(await allocationIds({ AND: [{ partner: { kind: { eq: 'GOVERNMENT' } } }, { quantity: { gte: 1000 } }] })).toEqual(government);

    const notGovernment = ids(
      "SELECT a.id FROM allocations a JOIN partners p ON p.id = a.partner_id WHERE NOT (p.kind = 'GOVERNMENT' AND a.quantity >= 1000)",
    );
    expect(await allocationIds({ NOT: { partner: { kind: { eq: 'GOVERNMENT' } }, quantity: { gte: 1000 } } })).toEqual(notGovernment);

    const either = ids("SELECT id FROM allocations WHERE status = 'OPERATIONAL' OR quantity < 1000");
    expect(await allocationIds({ OR: [{ status: { eq: 'OPERATIONAL' } }, { quantity: { lt: 1000 } }] })).toEqual(either);
  });

  it('treats null as "not given", an empty filter as everything, and NOT {} and OR [] as nothing', async () => {
    const all = ids('SELECT id FROM allocations');
    expect(toWhere(allocationSpec, null)).toBeUndefined();
    expect(await allocationIds({})).toEqual(all);
    expect(await allocationIds({ quantity: null, status: undefined })).toEqual(all);
    expect(await allocationIds({ OR: [{}, { quantity: { lt: 0 } }] })).toEqual(all);
    expect(await allocationIds({ NOT: {} })).toEqual([]);
    expect(await allocationIds({ OR: [] })).toEqual([]);
  });

  it('searches names and aliases case-insensitively, and counts with the same predicate', async () => {
    const where = toWhere(partnerSpec, { search: '  SAMSUNG ' });
    const found = await db.query.partners.findMany({ columns: { id: true }, where: where as never });
    const expected = ids(
      `SELECT id FROM partners
       WHERE lower(name) LIKE '%samsung%' OR lower(coalesce(name_ko, '')) LIKE '%samsung%' OR lower(aliases) LIKE '%samsung%'`,
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(found.map((row) => row.id).sort((a, b) => a - b)).toEqual(expected);
    expect(await countWhere(db, 'partners', where)).toBe(expected.length);
    expect(toWhere(partnerSpec, { search: '   ' })).toEqual({});
  });

  it('filters through a to-many relation (partners with a matching allocation)', async () => {
    const where = toWhere(partnerSpec, { allocations: { status: { eq: 'OPERATIONAL' } } });
    const expected = ids("SELECT DISTINCT partner_id AS id FROM allocations WHERE status = 'OPERATIONAL'");
    expect(await countWhere(db, 'partners', where)).toBe(expected.length);
  });

  it('refuses a field the spec does not know with a client error', () => {
    expect(() => toWhere(allocationSpec, { purpose: { eq: 'x' } })).toThrow(DomainError);
    expect(() => toWhere(allocationSpec, { OR: [{ nope: 1 }] })).toThrow(/Unknown filter field "nope"/);
  });
});

describe('filterColumns', () => {
  it('collects the columns and foreign keys a filter looks at, through AND / OR / NOT', () => {
    const into = new Set<string>();
    const input = { status: { eq: 'OPERATIONAL' }, OR: [{ partner: { kind: { eq: 'COMPANY' } } }], NOT: { program: {} } };
    expect(filterColumns(allocationSpec, input, into)).toBe(true);
    expect([...into].sort()).toEqual(['partnerId', 'programId', 'status']);
    expect(filterColumns(allocationSpec, null, new Set())).toBe(true);
  });

  it('says false for what a rollup cannot answer: a search or a to-many relation', () => {
    expect(filterColumns(partnerSpec, { search: 'x' }, new Set())).toBe(false);
    expect(filterColumns(partnerSpec, { allocations: {} }, new Set())).toBe(false);
  });

  it('walks the same input the same way toWhere does', () => {
    const seen: string[] = [];
    walkFilter(
      allocationSpec,
      { quantity: { gt: 1 }, AND: [{ status: { eq: 'OPERATIONAL' } }], partner: { kind: null } },
      {
        column: (rule) => {
          seen.push(rule.column);
          return 0;
        },
        relation: (rule) => {
          seen.push(rule.relation);
          return 0;
        },
        search: () => 0,
        all: () => 0,
        any: () => 0,
        not: () => 0,
      },
    );
    expect(seen).toEqual(['quantity', 'status', 'partner']);
  });
});
