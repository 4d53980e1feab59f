// The rollup tables behind GPU totals: exact after any sequence of writes (checked against the
// allocations grouped here, in the test), and totals read from them equal to totals read from
// the allocations themselves, byte for byte, through the real schema.
import { cpSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { describe, expect, it } from 'vitest';
import { createApiKey } from '../src/auth/api-keys.js';
import { migrateDatabase, migrationsFolder, openDatabase, type Db } from '../src/db/client.js';
import { allocationStatuses, quantityBounds } from '../src/db/enums.js';
import { exportDataset, importDataset } from '../src/db/dataset-io.js';
import { rebuildRollups, rollupDifferences } from '../src/db/rollups.js';
import { allocations, initiatives, partners, programs } from '../src/db/schema.js';
import { seedDatabase } from '../src/db/seed/index.js';
import { generateSyntheticData, mulberry32 } from '../src/db/synthetic.js';
import { createGraphQLServer, type Yoga } from '../src/server/yoga.js';
import { execute, type GraphQLResponse, insertRandomAllocations, pick, seededDatabase, StatementLog, temporaryFolder } from './helpers.js';

/** Each rollup table and the allocation columns it groups by, written out here on purpose. */
const grains = {
  allocation_rollups_by_partner: ['program_id', 'partner_id', 'status', 'bound'],
  allocation_rollups_by_model: ['program_id', 'gpu_model_id', 'initiative_id', 'status', 'bound'],
  allocation_rollups_by_partner_model: ['program_id', 'partner_id', 'gpu_model_id', 'status', 'bound'],
} as const;

type Row = Record<string, number | string | null>;

/** Per rollup table: its rows and the allocations grouped in JavaScript, both as sorted JSON lines. */
function rollupsAndExpected(db: Db): Record<string, { stored: string[]; expected: string[] }> {
  const rows = db.$client.prepare('SELECT * FROM allocations').all() as Row[];
  const result: Record<string, { stored: string[]; expected: string[] }> = {};
  for (const [table, dimensions] of Object.entries(grains)) {
    const sums = new Map<string, { quantity: number; count: number }>();
    for (const row of rows) {
      const key = JSON.stringify(dimensions.map((column) => row[column]));
      const sum = sums.get(key) ?? { quantity: 0, count: 0 };
      sum.quantity += row.quantity as number;
      sum.count += 1;
      sums.set(key, sum);
    }
    const expected = [...sums].map(([key, sum]) => JSON.stringify([...JSON.parse(key), sum.quantity, sum.count]));
    const stored = (db.$client.prepare(`SELECT * FROM ${table}`).all() as Row[]).map((row) =>
      JSON.stringify([...dimensions.map((column) => row[column]), row.quantity, row.allocation_count]),
    );
    result[table] = { stored: stored.sort(), expected: expected.sort() };
  }
  return result;
}

function expectExactRollups(db: Db, when = ''): void {
  for (const [table, { stored, expected }] of Object.entries(rollupsAndExpected(db))) {
    expect(stored, `${table} ${when}`).toEqual(expected);
  }
}

/** A second programme, more partners and initiatives, so that every dimension can change. */
function addReferenceRows(db: Db): void {
  const supplier = db.select().from(partners).limit(1).get()!;
  const program = db
    .insert(programs)
    .values({ slug: 'rollup-program', name: 'Rollup programme', country: 'JP', announcedOn: '2026-03-01', supplierId: supplier.id })
    .returning()
    .get();
  for (let index = 0; index < 6; index += 1) {
    db.insert(partners)
      .values({ slug: `rollup-partner-${index}`, name: `Rollup partner ${index}`, kind: index % 2 ? 'UNIVERSITY' : 'COMPANY' })
      .run();
  }
  db.insert(initiatives)
    .values({ slug: 'rollup-initiative', programId: program.id, name: 'Rollup initiative', domain: 'INDUSTRIAL_CLOUD' })
    .run();
}

function ids(db: Db, table: 'programs' | 'partners' | 'gpu_models' | 'initiatives'): number[] {
  return (db.$client.prepare(`SELECT id FROM ${table} ORDER BY id`).all() as { id: number }[]).map((row) => row.id);
}

/** A server for write sequences, without the response cache: the totals read after each write must be computed. */
function writableServer(db: Db): Yoga {
  return createGraphQLServer({ db, graphiql: false, logging: false, responseCache: false }).yoga;
}

function writer(yoga: Yoga, key: string) {
  return async <T = Record<string, any>>(query: string, variables: Record<string, unknown>): Promise<GraphQLResponse<T>> => {
    const response = await yoga.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphQLResponse<T>;
  };
}

const createAllocation = `mutation ($input: CreateAllocationInput!) { createAllocation(input: $input) {
  __typename ... on CreateAllocationPayload { allocation { id version } } ... on Error { message } } }`;
const updateAllocation = `mutation ($input: UpdateAllocationInput!) { updateAllocation(input: $input) {
  __typename ... on UpdateAllocationPayload { allocation { id version } } ... on Error { message } } }`;
const deleteAllocation = `mutation ($input: DeleteAllocationInput!) { deleteAllocation(input: $input) {
  __typename ... on Error { message } } }`;

describe('the rollups stay exact', () => {
  it('through a randomized sequence of allocation creates, updates and deletes over the API', async () => {
    const db = seededDatabase();
    addReferenceRows(db);
    const yoga = writableServer(db);
    const write = writer(yoga, createApiKey(db, { name: 'writer', scopes: ['write'] }).key);
    const next = mulberry32(20_261_128);
    const refs = {
      Program: ids(db, 'programs'),
      Partner: ids(db, 'partners'),
      GpuModel: [null, ...ids(db, 'gpu_models')],
      Initiative: [null, ...ids(db, 'initiatives')],
    };
    const ref = (typename: keyof typeof refs) => {
      const id = pick(next, refs[typename] as (number | null)[]);
      return id === null ? null : encodeGlobalID(typename, id);
    };
    const live = new Map<string, number>(); // global id → version
    const counts = { create: 0, update: 0, delete: 0 };

    for (let step = 0; step < 240; step += 1) {
      const roll = next();
      if (live.size < 3 || roll < 0.4) {
        const { data, errors } = await write(createAllocation, {
          input: {
            programId: ref('Program'),
            partnerId: ref('Partner'),
            gpuModelId: ref('GpuModel'),
            initiativeId: ref('Initiative'),
            quantity: 1 + Math.floor(next() * 50_000),
            bound: pick(next, quantityBounds),
            status: pick(next, allocationStatuses),
            announcedOn: '2026-01-15',
          },
        });
        expect(errors).toBeUndefined();
        const { allocation } = data!.createAllocation;
        live.set(allocation.id, allocation.version);
        counts.create += 1;
      } else if (roll < 0.8) {
        const [id, version] = pick(next, [...live]);
        // One to three changed fields, any of the dimensions or the quantity.
        const changes: Record<string, unknown> = {};
        const fields = [
          () => (changes.programId = ref('Program')),
          () => (changes.partnerId = ref('Partner')),
          () => (changes.gpuModelId = ref('GpuModel')),
          () => (changes.initiativeId = ref('Initiative')),
          () => (changes.status = pick(next, allocationStatuses)),
          () => (changes.bound = pick(next, quantityBounds)),
          () => (changes.quantity = 1 + Math.floor(next() * 50_000)),
        ];
        for (let count = 1 + Math.floor(next() * 3); count > 0; count -= 1) pick(next, fields)();
        const { data, errors } = await write(updateAllocation, { input: { id, expectedVersion: version, ...changes } });
        expect(errors).toBeUndefined();
        expect(data!.updateAllocation.__typename).toBe('UpdateAllocationPayload');
        live.set(id, data!.updateAllocation.allocation.version);
        counts.update += 1;
      } else {
        const [id, version] = pick(next, [...live]);
        const { data } = await write(deleteAllocation, { input: { id, expectedVersion: version } });
        expect(data!.deleteAllocation.__typename).toBe('DeleteAllocationPayload');
        live.delete(id);
        counts.delete += 1;
      }
      if (step % 40 === 39) expectExactRollups(db, `after step ${step}`);
    }
    expect(counts.update).toBeGreaterThan(50);
    expect(counts.delete).toBeGreaterThan(20);
    expectExactRollups(db, 'at the end');
    expect(rollupDifferences(db.$client)).toEqual({
      allocation_rollups_by_model: 0,
      allocation_rollups_by_partner: 0,
      allocation_rollups_by_partner_model: 0,
    });
  });

  it("when deleting an initiative sets its allocations' initiative to NULL (ON DELETE SET NULL)", async () => {
    const db = seededDatabase();
    const yoga = writableServer(db);
    const write = writer(yoga, createApiKey(db, { name: 'writer', scopes: ['write'] }).key);
    const initiative = db
      .select()
      .from(initiatives)
      .all()
      .find((row) => row.slug === 'samsung-ai-factory')!;
    const before = db.$client.prepare('SELECT count(*) AS n FROM allocations WHERE initiative_id = ?').get(initiative.id) as { n: number };
    expect(before.n).toBeGreaterThan(0);
    const { data } = await write(
      'mutation ($input: DeleteInitiativeInput!) { deleteInitiative(input: $input) { __typename ... on Error { message } } }',
      { input: { id: encodeGlobalID('Initiative', initiative.id), expectedVersion: initiative.version } },
    );
    expect(data!.deleteInitiative.__typename).toBe('DeleteInitiativePayload');
    expect(db.$client.prepare('SELECT count(*) AS n FROM allocations WHERE initiative_id = ?').get(initiative.id)).toEqual({ n: 0 });
    expect(db.$client.prepare('SELECT count(*) AS n FROM allocation_rollups_by_model WHERE initiative_id = ?').get(initiative.id)).toEqual({
      n: 0,
    });
    expectExactRollups(db);
  });

  it('when a partner or programme is deleted: refused while allocations point at it, done once they are gone', async () => {
    const db = seededDatabase();
    addReferenceRows(db);
    const yoga = writableServer(db);
    const write = writer(yoga, createApiKey(db, { name: 'writer', scopes: ['write'] }).key);
    const partner = db
      .select()
      .from(partners)
      .all()
      .find((row) => row.slug === 'rollup-partner-3')!;
    const program = db
      .select()
      .from(programs)
      .all()
      .find((row) => row.slug === 'rollup-program')!;
    const created: { id: string; version: number }[] = [];
    for (const [programId, quantity] of [
      [program.id, 100],
      [program.id, 200],
      [1, 400],
    ] as const) {
      const { data } = await write(createAllocation, {
        input: {
          programId: encodeGlobalID('Program', programId),
          partnerId: encodeGlobalID('Partner', partner.id),
          quantity,
          bound: 'EXACT',
          status: 'ANNOUNCED',
          announcedOn: '2026-01-15',
        },
      });
      created.push(data!.createAllocation.allocation);
    }
    const rollupRows = (table: string, column: string, id: number) =>
      db.$client.prepare(`SELECT quantity, allocation_count AS count FROM ${table} WHERE ${column} = ?`).all(id);
    expect(rollupRows('allocation_rollups_by_partner', 'partner_id', partner.id)).toEqual([
      { quantity: 400, count: 1 },
      { quantity: 300, count: 2 },
    ]);

    const deleteOne = (typename: string, row: { id: number; version: number }) =>
      write(
        `mutation ($input: Delete${typename}Input!) { delete${typename}(input: $input) { __typename ... on ReferencedError { references { typename field count } } } }`,
        {
          input: { id: encodeGlobalID(typename, row.id), expectedVersion: row.version },
        },
      );
    expect((await deleteOne('Partner', partner)).data!.deletePartner.__typename).toBe('ReferencedError');
    expect((await deleteOne('Program', program)).data!.deleteProgram.__typename).toBe('ReferencedError');
    expectExactRollups(db, 'after the refused deletes');

    for (const allocation of created) {
      const { data } = await write(deleteAllocation, { input: { id: allocation.id, expectedVersion: allocation.version } });
      expect(data!.deleteAllocation.__typename).toBe('DeleteAllocationPayload');
    }
    expect((await deleteOne('Partner', partner)).data!.deletePartner).toEqual({ __typename: 'DeletePartnerPayload' });
    // The programme's initiative restricts its delete too.
    const initiative = db
      .select()
      .from(initiatives)
      .all()
      .find((row) => row.slug === 'rollup-initiative')!;
    expect((await deleteOne('Initiative', initiative)).data!.deleteInitiative.__typename).toBe('DeleteInitiativePayload');
    expect((await deleteOne('Program', program)).data!.deleteProgram.__typename).toBe('DeleteProgramPayload');
    for (const table of Object.keys(grains)) {
      expect(rollupRows(table, 'program_id', program.id), table).toEqual([]);
    }
    expect(rollupRows('allocation_rollups_by_partner', 'partner_id', partner.id)).toEqual([]);
    expectExactRollups(db, 'after the partner and the programme are gone');

    // Many allocations in one statement, as a hand-run SQL session might delete them.
    db.$client.exec('DELETE FROM allocations');
    for (const table of Object.keys(grains))
      expect(db.$client.prepare(`SELECT count(*) AS n FROM ${table}`).get(), table).toEqual({ n: 0 });
  });

  it('are checked by rollupDifferences, which sees a corrupted row, and repaired by rebuildRollups', () => {
    const db = seededDatabase();
    expect(Object.values(rollupDifferences(db.$client))).toEqual([0, 0, 0]);
    db.$client.exec(
      'UPDATE allocation_rollups_by_partner SET quantity = quantity + 1 WHERE rowid = (SELECT min(rowid) FROM allocation_rollups_by_partner)',
    );
    db.$client.exec('DELETE FROM allocation_rollups_by_model WHERE rowid = (SELECT min(rowid) FROM allocation_rollups_by_model)');
    expect(rollupDifferences(db.$client)).toEqual({
      allocation_rollups_by_model: 1,
      allocation_rollups_by_partner: 2,
      allocation_rollups_by_partner_model: 0,
    });
    rebuildRollups(db.$client);
    expect(Object.values(rollupDifferences(db.$client))).toEqual([0, 0, 0]);
    expectExactRollups(db);
  });

  it('after the migration that creates them, from the allocations already stored', () => {
    // A database as it was before the rollups: every migration but theirs, with data in it.
    const folder = temporaryFolder();
    const db = openDatabase({ path: ':memory:', migrate: false });
    try {
      const earlier = readdirSync(migrationsFolder).filter((name) => !name.endsWith('_allocation_rollups'));
      expect(earlier.length).toBe(readdirSync(migrationsFolder).length - 1);
      for (const name of earlier) cpSync(join(migrationsFolder, name), join(folder.path, name), { recursive: true });
      const failure = migrate(db, { migrationsFolder: folder.path });
      expect(failure).toBeFalsy();
      seedDatabase(db);
      addReferenceRows(db);
      insertRandomAllocations(db, mulberry32(5), 300);
      expect(db.$client.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name LIKE 'allocation_rollups%'").get()).toEqual({ n: 0 });

      migrateDatabase(db);
      expectExactRollups(db, 'after migrating');
      expect(
        (db.$client.prepare('SELECT count(*) AS n FROM allocation_rollups_by_partner_model').get() as { n: number }).n,
      ).toBeGreaterThan(100);
    } finally {
      db.$client.close();
      folder.remove();
    }
  });

  it('after the synthetic generator, which loads allocations with the triggers dropped', () => {
    const db = openDatabase({ path: ':memory:' });
    try {
      generateSyntheticData(db, { partners: 30, allocations: 2_000, programs: 3, initiatives: 8, investments: 5, sources: 10, seed: 3 });
      expectExactRollups(db, 'after generating');
      expectTriggersBackAndWorking(db);
    } finally {
      db.$client.close();
    }
  });

  it('after imports, which load allocations with the triggers dropped: into an empty database, replacing, and failing', () => {
    const source = openDatabase({ path: ':memory:' });
    const target = openDatabase({ path: ':memory:' });
    try {
      generateSyntheticData(source, {
        partners: 30,
        allocations: 1_500,
        programs: 3,
        initiatives: 8,
        investments: 5,
        sources: 10,
        seed: 4,
      });
      const synthetic = exportDataset(source);
      const seeded = seededDatabase();
      const seed = exportDataset(seeded);
      seeded.$client.close();

      expect(importDataset(target, synthetic).ok).toBe(true);
      expectExactRollups(target, 'after importing into an empty database');
      expect(Object.values(rollupDifferences(target.$client))).toEqual([0, 0, 0]);
      expectTriggersBackAndWorking(target);

      // Replacing deletes every allocation and loads others: the rollups hold the new ones only.
      expect(importDataset(target, seed, { replace: true }).ok).toBe(true);
      expectExactRollups(target, 'after a replacing import');
      expect((target.$client.prepare('SELECT sum(quantity) AS n FROM allocation_rollups_by_partner').get() as { n: number }).n).toBe(
        seed.tables.allocations.reduce((sum, row) => sum + Number(row.quantity), 0),
      );
      expectTriggersBackAndWorking(target);

      // A failure on the last allocation rolls back the dropped triggers with the rows.
      const broken = structuredClone(synthetic);
      broken.tables.allocations.at(-1)!.partner_id = 999_999;
      const before = rollupsAndExpected(target);
      const failed = importDataset(target, broken, { replace: true });
      expect(failed.ok).toBe(false);
      expect(rollupsAndExpected(target)).toEqual(before);
      expectTriggersBackAndWorking(target);
    } finally {
      source.$client.close();
      target.$client.close();
    }
  });

  it('when a hand-run INSERT OR REPLACE replaces allocations (the connection fires delete triggers for replaced rows)', () => {
    const db = seededDatabase();
    try {
      addReferenceRows(db);
      insertRandomAllocations(db, mulberry32(11), 50);
      // Same ids, other partners, quantities and statuses: each replaced row must leave its old groups.
      db.$client.exec(`
        INSERT OR REPLACE INTO allocations (id, program_id, partner_id, gpu_model_id, initiative_id, quantity, bound, status, announced_on, purpose)
        SELECT id, program_id, (SELECT max(id) FROM partners), gpu_model_id, NULL, quantity * 2 + 1, 'EXACT', 'OPERATIONAL', announced_on, purpose
        FROM allocations WHERE id % 3 = 0
      `);
      expect((db.$client.prepare('SELECT changes() AS n').get() as { n: number }).n).toBeGreaterThan(10);
      expectExactRollups(db, 'after INSERT OR REPLACE');
    } finally {
      db.$client.close();
    }
  });
});

/** The rollup triggers are those of a freshly migrated database, and a write keeps the rollups exact. */
function expectTriggersBackAndWorking(db: Db): void {
  const triggers = (database: Db) =>
    database.$client.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name").all();
  const fresh = openDatabase({ path: ':memory:' });
  try {
    expect(triggers(db)).toEqual(triggers(fresh));
    expect(triggers(db)).toHaveLength(3);
  } finally {
    fresh.$client.close();
  }
  db.$client.exec('UPDATE allocations SET quantity = quantity + 7, gpu_model_id = NULL WHERE id = (SELECT min(id) FROM allocations)');
  expectExactRollups(db, 'after a write');
}

describe('totals from the rollups equal totals from the allocations', () => {
  const log = new StatementLog();
  const { statements } = log;
  const db = seededDatabase({ logger: log });
  addReferenceRows(db);
  insertRandomAllocations(db, mulberry32(77), 400);
  const yoga = createGraphQLServer({ db, graphiql: false, logging: false }).yoga;

  /** The response and the tables its statements read GPU totals from. */
  async function run(query: string): Promise<{ json: string; tables: string[] }> {
    statements.length = 0;
    const { body } = await execute(yoga, query);
    expect(body.errors, query).toBeUndefined();
    const tables = statements.flatMap((statement) =>
      [...statement.matchAll(/from "(allocations|allocation_rollups_\w+)"/g)].map((match) => match[1]!),
    );
    return { json: JSON.stringify(body.data), tables: [...new Set(tables)] };
  }

  const totalsFields = `gpuTotal { quantity exact bound lowerBound upperBound allocationCount byBound { bound quantity allocationCount } }
    groups { label labelKo share allocationCount partnerKind status program { slug } partner { slug } gpuModel { slug } initiative { slug }
      gpuTotal { quantity bound lowerBound upperBound byBound { bound quantity allocationCount } } }`;

  const cases: [groupBy: string, filter: string, table: string][] = [
    ['[]', '{ program: { slug: { eq: "korea-2025" } } }', 'allocation_rollups_by_model'],
    ['[PROGRAM]', '{}', 'allocation_rollups_by_model'],
    ['[PARTNER]', '{ program: { slug: { eq: "rollup-program" } } }', 'allocation_rollups_by_partner'],
    ['[PARTNER_KIND]', '{ status: { in: [ANNOUNCED, OPERATIONAL] } }', 'allocation_rollups_by_partner'],
    ['[STATUS, PROGRAM]', '{ bound: { ne: EXACT } }', 'allocation_rollups_by_model'],
    ['[GPU_MODEL]', '{ NOT: { gpuModel: { slug: { eq: "gb200" } } } }', 'allocation_rollups_by_model'],
    ['[INITIATIVE, STATUS]', '{ OR: [{ initiative: {} }, { bound: { eq: UP_TO } }] }', 'allocation_rollups_by_model'],
    [
      '[PARTNER, GPU_MODEL]',
      '{ partner: { kind: { eq: COMPANY } }, status: { in: [CONTRACTED, DELIVERING, OPERATIONAL] } }',
      'allocation_rollups_by_partner_model',
    ],
    [
      '[PARTNER_KIND, GPU_MODEL, PROGRAM]',
      '{ AND: [{ NOT: { partner: { kind: { eq: UNIVERSITY } } } }, { gpuModel: { architecture: { eq: "Blackwell" } } }] }',
      'allocation_rollups_by_partner_model',
    ],
    ['[GPU_MODEL]', '{ partner: { slug: { in: ["kt", "rollup-partner-1", "rollup-partner-2"] } } }', 'allocation_rollups_by_partner_model'],
    // Partner and initiative together: no rollup has both.
    ['[PARTNER]', '{ initiative: { slug: { eq: "rollup-initiative" } } }', 'allocations'],
  ];

  it.each(cases)('groupBy %s, filter %s: read from %s', async (groupBy, filter, table) => {
    const fromRollup = await run(`{ allocationTotals(groupBy: ${groupBy}, filter: ${filter}) { ${totalsFields} } }`);
    expect(fromRollup.tables).toEqual([table]);
    // A condition on the stated quantity that every allocation meets forces the allocations.
    const fromAllocations = await run(
      `{ allocationTotals(groupBy: ${groupBy}, filter: { AND: [${filter}, { quantity: { gte: 1 } }] }) { ${totalsFields} } }`,
    );
    expect(fromAllocations.tables).toEqual(['allocations']);
    expect(fromRollup.json).toBe(fromAllocations.json);
    expect(JSON.parse(fromRollup.json).allocationTotals.gpuTotal.allocationCount).toBeGreaterThan(0);
  });

  it('per programme, partner, GPU model and initiative, with partner counts, shares and GPU_TOTAL order', async () => {
    const { json, tables } = await run(`{
      programs(first: 10, orderBy: [{ field: GPU_TOTAL, direction: DESC }]) { edges { node { slug partnerCount gpuTotal { quantity allocationCount byBound { bound quantity allocationCount } } } } }
      partners(first: 100, orderBy: [{ field: GPU_TOTAL, direction: DESC }]) { edges { node { slug gpuShare gpuTotal { quantity allocationCount byBound { bound quantity allocationCount } } } } }
      gpuModels(first: 10, orderBy: [{ field: GPU_TOTAL, direction: DESC }]) { edges { node { slug gpuTotal { quantity allocationCount byBound { bound quantity allocationCount } } } } }
      initiatives(first: 10, orderBy: [{ field: GPU_TOTAL, direction: DESC }]) { edges { node { slug gpuTotal { quantity allocationCount byBound { bound quantity allocationCount } } } } } }`);
    expect(tables).not.toContain('allocations');
    expect(tables.sort()).toEqual(['allocation_rollups_by_model', 'allocation_rollups_by_partner']);

    // The same figures, added up here from the allocations.
    const rows = db.select().from(allocations).all();
    const data = JSON.parse(json) as Record<string, { edges: { node: Record<string, any> }[] }>;
    const slugs = (table: 'programs' | 'partners' | 'gpu_models' | 'initiatives') =>
      new Map(
        (db.$client.prepare(`SELECT id, slug FROM ${table}`).all() as { id: number; slug: string }[]).map((row) => [row.slug, row.id]),
      );
    const expectTotals = (
      field: string,
      table: Parameters<typeof slugs>[0],
      column: 'programId' | 'partnerId' | 'gpuModelId' | 'initiativeId',
    ) => {
      const bySlug = slugs(table);
      const nodes = data[field]!.edges.map((edge) => edge.node);
      expect(nodes).toHaveLength(bySlug.size);
      for (const node of nodes) {
        const own = rows.filter((row) => row[column] === bySlug.get(node.slug));
        expect(node.gpuTotal.quantity, `${field} ${node.slug}`).toBe(own.reduce((sum, row) => sum + row.quantity, 0));
        expect(node.gpuTotal.allocationCount).toBe(own.length);
        expect(node.gpuTotal.byBound).toEqual(
          quantityBounds
            .map((bound) => {
              const part = own.filter((row) => row.bound === bound);
              return { bound, quantity: part.reduce((sum, row) => sum + row.quantity, 0), allocationCount: part.length };
            })
            .filter((part) => part.allocationCount > 0),
        );
        if (field === 'programs') expect(node.partnerCount).toBe(new Set(own.map((row) => row.partnerId)).size);
        if (field === 'partners') {
          const programsOfPartner = new Set(own.map((row) => row.programId));
          const inThem = rows.filter((row) => programsOfPartner.has(row.programId)).reduce((sum, row) => sum + row.quantity, 0);
          expect(node.gpuShare).toBe(own.length === 0 ? null : own.reduce((sum, row) => sum + row.quantity, 0) / inThem);
        }
      }
      const quantities = nodes.map((node) => node.gpuTotal.quantity);
      expect(quantities).toEqual([...quantities].sort((a, b) => b - a));
    };
    expectTotals('programs', 'programs', 'programId');
    expectTotals('partners', 'partners', 'partnerId');
    expectTotals('gpuModels', 'gpu_models', 'gpuModelId');
    expectTotals('initiatives', 'initiatives', 'initiativeId');
  });
});
