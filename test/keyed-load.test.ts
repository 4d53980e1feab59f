// Loads by key (src/graphql/planner/keyed-load.ts): `node(id:)` and `_entities` run one statement
// built and prepared once per document and selection, with the ids bound, so a request with
// other ids builds nothing; and their answers are byte for byte plugin-drizzle's, on a real file.
import { afterAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../src/auth/api-keys.js';
import { closeDatabase, openDatabase, type Db } from '../src/db/client.js';
import { seedDatabase } from '../src/db/seed/index.js';
import { mulberry32 } from '../src/db/synthetic.js';
import { encodeGlobalId } from '../src/graphql/conventions/global-id.js';
import { createGraphQLServer, type Yoga } from '../src/server/yoga.js';
import { insertRandomAllocations, StatementLog, temporaryFolder } from './helpers.js';

const folder = temporaryFolder();
const log = new StatementLog();
const db: Db = openDatabase({ path: `${folder.path}/keyed.db`, logger: log });
seedDatabase(db, { only: ['korea-2025'] });
insertRandomAllocations(db, mulberry32(22), 300);

const make = (readPlanner: boolean, jit: boolean) =>
  createGraphQLServer({ db, graphiql: false, logging: false, responseCache: false, readPlanner, jit }).yoga;
const planned = make(true, true);
const plannedWithoutJit = make(true, false);
const unplanned = make(false, false);

afterAll(() => {
  closeDatabase(db);
  folder.remove();
});

async function post(yoga: Yoga, query: string, variables: Record<string, unknown>, key?: string): Promise<string> {
  const response = await yoga.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return `${response.status} ${await response.text()}`;
}

const ids = (table: string) => (db.$client.prepare(`SELECT id FROM ${table} ORDER BY id`).all() as { id: number }[]).map((row) => row.id);
const allocationIds = ids('allocations');
const partnerIds = ids('partners');
const partnerSlugs = (db.$client.prepare('SELECT slug FROM partners ORDER BY id').all() as { slug: string }[]).map((row) => row.slug);
const programId = ids('programs')[0]!;
const allocation = (index: number) => encodeGlobalId('Allocation', allocationIds[index % allocationIds.length]!);
const partner = (index: number) => encodeGlobalId('Partner', partnerIds[index % partnerIds.length]!);

const nodeQuery = `query Node($id: ID!) {
  node(id: $id) { id ... on Allocation { quantity bound status announcedOn partner { name } gpuModel { name } } }
}`;
const entitiesQuery = `query Entities($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on Partner { id slug name kind } }
}`;

/**
 * The relational queries drizzle built while `work` ran (its dialect's own method, counted): the
 * per-request cost this path removes. SQLite's statements are reused by text anyway (client.ts).
 */
async function built(work: () => Promise<unknown>): Promise<number> {
  const dialect = (db as unknown as { dialect: { buildRelationalQuery: (...args: unknown[]) => unknown } }).dialect;
  const original = dialect.buildRelationalQuery;
  let count = 0;
  dialect.buildRelationalQuery = function (this: unknown, ...args: unknown[]) {
    count += 1;
    return original.apply(this, args);
  };
  try {
    await work();
  } finally {
    dialect.buildRelationalQuery = original;
  }
  return count;
}

describe('loads by key', () => {
  it('node(id:) builds its query once for a document, whatever the id', async () => {
    // The first request builds the query (the counter sees drizzle build), later ones do not.
    expect(await built(() => post(planned, nodeQuery, { id: allocation(0) }))).toBeGreaterThan(0);
    log.reset();
    const count = await built(async () => {
      for (let index = 1; index <= 20; index += 1) await post(planned, nodeQuery, { id: allocation(index * 7) });
    });
    expect(count).toBe(0);
    // One statement per request, the same text for every id.
    expect(log.count).toBe(20);
    expect(new Set(log.statements).size).toBe(1);
    expect(log.statements[0]).toContain('json_each');
  });

  it('_entities builds its query once for a document, whatever the references and their number', async () => {
    const representations = (count: number, offset: number) =>
      Array.from({ length: count }, (_, index) => ({ __typename: 'Partner', id: partner(index + offset) }));
    expect(await built(() => post(planned, entitiesQuery, { representations: representations(50, 0) }))).toBeGreaterThan(0);
    log.reset();
    const count = await built(async () => {
      for (const [count, offset] of [
        [1, 3],
        [50, 5],
        [7, 11],
        [2, 0],
      ] as const)
        await post(planned, entitiesQuery, { representations: representations(count, offset) });
    });
    expect(count).toBe(0);
    expect(log.count).toBe(4);
    expect(new Set(log.statements).size).toBe(1);
  });

  const missing = encodeGlobalId('Allocation', 999_999_999);
  const nodeCases: [name: string, query: string, variables: Record<string, unknown>][] = [
    ...[0, 1, 17, 123, 299].map((index): [string, string, Record<string, unknown>] => [
      `the bench's node, #${index}`,
      nodeQuery,
      { id: allocation(index) },
    ]),
    ['a missing id', nodeQuery, { id: missing }],
    ['an id of another type', nodeQuery, { id: partner(2) }],
    ['a type that is no node', nodeQuery, { id: Buffer.from('Nothing:1').toString('base64') }],
    ['a garbled id', nodeQuery, { id: 'not an id' }],
    [
      'aliases, duplicates, fragments and __typename',
      `query ($a: ID!, $b: ID!, $p: ID!, $m: ID!) {
        a: node(id: $a) { __typename ...Alloc }
        again: node(id: $a) { id ... on Allocation { q: quantity } }
        b: node(id: $b) { ...on Node { id __typename } ...Alloc }
        p: node(id: $p) { __typename ... on Partner { name slug kind } ... on Allocation { quantity } }
        m: node(id: $m) { id }
      }
      fragment Alloc on Allocation { id quantity status program { slug name } partner { __typename name } gpuModel { name } initiative { name } }`,
      { a: allocation(3), b: allocation(40), p: partner(1), m: missing },
    ],
    [
      'a connection beneath the node',
      `query ($id: ID!, $n: Int) { node(id: $id) { ... on Partner { name allocations(first: $n) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { quantity gpuModel { name } } } } } } }`,
      { id: partner(4), n: 3 },
    ],
    [
      'the same document, another page size',
      `query ($id: ID!, $n: Int) { node(id: $id) { ... on Partner { name allocations(first: $n) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { quantity gpuModel { name } } } } } } }`,
      { id: partner(5), n: 1 },
    ],
    [
      '@include on a variable',
      `query ($id: ID!, $with: Boolean!) { node(id: $id) { id ... on Allocation { quantity partner @include(if: $with) { name } } } }`,
      { id: allocation(9), with: false },
    ],
    [
      '@include on a variable, the other way',
      `query ($id: ID!, $with: Boolean!) { node(id: $id) { id ... on Allocation { quantity partner @include(if: $with) { name } } } }`,
      { id: allocation(10), with: true },
    ],
    [
      'a field the plan leaves to plugin-drizzle (a page after a cursor)',
      `query ($id: ID!) { node(id: $id) { ... on Program { slug allocations(first: 2, after: "x") { edges { node { quantity } } } } } }`,
      { id: encodeGlobalId('Program', programId) },
    ],
  ];

  for (const [name, query, variables] of nodeCases) {
    it(`node(id:) answers as plugin-drizzle does: ${name}`, async () => {
      // Twice each: the first request makes the prepared entry, the second runs it.
      const expected = await post(unplanned, query, variables);
      for (const yoga of [planned, plannedWithoutJit, planned, plannedWithoutJit])
        expect(await post(yoga, query, variables)).toBe(expected);
    });
  }

  it('node(id:) answers as plugin-drizzle does for every allocation and partner id', async () => {
    const query = `query ($id: ID!) { node(id: $id) { id __typename ... on Allocation { quantity announcedOn partner { slug } gpuModel { name } initiative { name } } ... on Partner { name kind } } }`;
    const every = [
      ...allocationIds.slice(0, 120).map((id) => encodeGlobalId('Allocation', id)),
      ...partnerIds.map((id) => encodeGlobalId('Partner', id)),
    ];
    for (const id of every) expect(await post(planned, query, { id })).toBe(await post(unplanned, query, { id }));
  });

  const references = (...items: Record<string, unknown>[]) => ({ representations: items });
  const entityCases: [name: string, query: string, variables: Record<string, unknown>][] = [
    ['one reference', entitiesQuery, references({ __typename: 'Partner', id: partner(6) })],
    [
      '50 references',
      entitiesQuery,
      references(...Array.from({ length: 50 }, (_, index) => ({ __typename: 'Partner', id: partner(index * 3) }))),
    ],
    [
      'duplicates, a missing id, a slug, an unknown slug',
      entitiesQuery,
      references(
        { __typename: 'Partner', id: partner(2) },
        { __typename: 'Partner', id: partner(2) },
        { __typename: 'Partner', id: encodeGlobalId('Partner', 999_999) },
        { __typename: 'Partner', slug: partnerSlugs[4] },
        { __typename: 'Partner', slug: 'no-such-partner' },
      ),
    ],
    [
      'an id of another type, a wrong typename, garbage',
      entitiesQuery,
      references(
        { __typename: 'Partner', id: allocation(1) },
        { __typename: 'Program', id: partner(1) },
        { __typename: 'Partner', id: 'garbage' },
        { __typename: 'Partner', id: partner(8) },
      ),
    ],
    ['no typename the union has', entitiesQuery, references({ __typename: 'PageInfo', id: partner(1) })],
    [
      'several types, aliases, fragments, __typename, relations',
      `query ($r: [_Any!]!, $s: [_Any!]!) {
        first: _entities(representations: $r) { __typename ...P ... on Allocation { id quantity partner { name } gpuModel { name } } ... on Program { slug } }
        second: _entities(representations: $s) { ... on Partner { name } }
      }
      fragment P on Partner { id n: name slug }`,
      {
        r: [
          { __typename: 'Allocation', id: allocation(12) },
          { __typename: 'Partner', id: partner(3) },
          { __typename: 'Program', id: encodeGlobalId('Program', programId) },
          { __typename: 'Allocation', id: missing },
          { __typename: 'Allocation', id: allocation(12) },
        ],
        s: [{ __typename: 'Partner', id: partner(9) }],
      },
    ],
    [
      'a connection beneath',
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Partner { name allocations(first: 2) { totalCount edges { cursor node { quantity } } } } } }`,
      references({ __typename: 'Partner', id: partner(1) }, { __typename: 'Partner', id: partner(2) }),
    ],
  ];

  for (const [name, query, variables] of entityCases) {
    it(`_entities answers as plugin-drizzle does: ${name}`, async () => {
      const expected = await post(unplanned, query, variables);
      for (const yoga of [planned, plannedWithoutJit, planned, plannedWithoutJit])
        expect(await post(yoga, query, variables)).toBe(expected);
    });
  }

  it('leaves a type with auth scopes to plugin-drizzle: an audit event needs the admin scope either way', async () => {
    const writer = createApiKey(db, { name: 'keyed-writer', scopes: ['write'] }).key;
    const admin = createApiKey(db, { name: 'keyed-admin', scopes: ['admin'] }).key;
    const kt = JSON.parse((await post(unplanned, '{ partner(slug: "kt") { id version } }', {})).slice(4)).data.partner;
    const update = await post(
      unplanned,
      'mutation ($input: UpdatePartnerInput!) { updatePartner(input: $input) { __typename } }',
      { input: { id: kt.id, expectedVersion: kt.version, name: 'KT Corporation' } },
      writer,
    );
    expect(update).toContain('UpdatePartnerPayload');
    const auditId = (db.$client.prepare('SELECT max(id) AS id FROM audit_events').get() as { id: number }).id;
    const query = 'query ($id: ID!) { node(id: $id) { id ... on AuditEvent { operation } } }';
    const id = encodeGlobalId('AuditEvent', auditId);
    // Compared on graphql-js: compiled by graphql-jit, the refusal is reported for each field (as before this path).
    for (const key of [undefined, writer, admin]) {
      const expected = await post(unplanned, query, { id }, key);
      expect(await post(plannedWithoutJit, query, { id }, key)).toBe(expected);
      expect(await post(plannedWithoutJit, query, { id }, key)).toBe(expected);
    }
    expect(await post(planned, query, { id }, writer)).toContain('FORBIDDEN');
    expect(await post(planned, query, { id }, admin)).toContain('"operation"');
  });
});
