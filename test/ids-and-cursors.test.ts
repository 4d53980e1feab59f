// Global IDs have one form per object, and cursors are bound to their list and ordering: through
// the real schema with yoga.fetch over a seeded SQLite database.
import { describe, expect, it } from 'vitest';
import { createApiKey } from '../src/auth/api-keys.js';
import { partners } from '../src/db/schema.js';
import { execute, graphql, seededServer } from './helpers.js';

const b64 = (text: string) => Buffer.from(text).toString('base64');
const b64url = (text: string) => Buffer.from(text).toString('base64url');

describe('global IDs', () => {
  const { db, yoga } = seededServer();
  const key = createApiKey(db, { name: 'ids', scopes: ['admin'] }).key;
  const partnerId = db.select({ id: partners.id }).from(partners).limit(1).get()!.id;
  const canonical = b64(`Partner:${partnerId}`);
  const spellings = [
    b64(`Partner:0x${partnerId.toString(16)}`),
    b64(`Partner:0${partnerId}`),
    b64(`Partner: ${partnerId}`),
    b64(`Partner:${partnerId} `),
    b64(`Partner:+${partnerId}`),
    b64(`Partner:${partnerId}.0`),
    b64(`Partner:${partnerId}e0`),
    b64(`Partner:${partnerId}:x`),
    b64(`partner:${partnerId}`),
    canonical.replace(/=+$/, ''),
    `${canonical}\n`,
    ` ${canonical}`,
  ].filter((spelling) => spelling !== canonical);

  it('resolve the canonical ID', async () => {
    const { body } = await execute(yoga, 'query ($id: ID!) { node(id: $id) { id } }', { id: canonical });
    expect(body).toEqual({ data: { node: { id: canonical } } });
  });

  it('refuse every other spelling of the same object in node and nodes', async () => {
    for (const id of spellings) {
      const one = await execute(yoga, 'query ($id: ID!) { node(id: $id) { id } }', { id });
      expect(one.body.errors?.[0]?.extensions?.code, id).toBe('INVALID_ID');
      const many = await execute(yoga, 'query ($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: [canonical, id] });
      expect(many.body.errors?.[0]?.extensions?.code, id).toBe('INVALID_ID');
    }
  });

  const post = async (query: string, variables: Record<string, unknown>) =>
    (await graphql<Record<string, any>>(yoga, query, variables, { key, accept: null })).body;

  /** The code each path that takes a client's ID answers `id` with, as an object keyed by path. */
  const codesFor = async (id: unknown) => {
    const filtered = await post('query ($id: ID!) { partners(filter: { id: { eq: $id } }) { totalCount } }', { id });
    const updated = await post(
      'mutation ($id: ID!) { updatePartner(input: { id: $id, expectedVersion: 1, name: "X" }) { __typename ... on Error { code } } }',
      { id },
    );
    const cited = await post(
      `mutation ($id: ID!, $source: ID!) { createCitation(input: { subjectId: $id, sourceId: $source, quote: "q", quoteKind: VERBATIM, statement: "s" }) { __typename ... on Error { code } } }`,
      { id, source: b64('Source:1') },
    );
    const entity = await post('query ($r: [_Any!]!) { _entities(representations: $r) { ... on Partner { id } } }', {
      r: [{ __typename: 'Partner', id }],
    });
    const audit = await post('query ($id: ID!) { auditEvents(filter: { entity: $id }) { totalCount } }', { id });
    return {
      filter: filtered.errors?.[0]?.extensions?.code,
      update: [updated.data?.updatePartner.__typename, updated.data?.updatePartner.code],
      citation: [cited.data?.createCitation.__typename, cited.data?.createCitation.code],
      entities: [entity.data?._entities, entity.errors?.[0]?.path, entity.errors?.[0]?.extensions?.code],
      audit: audit.errors?.[0]?.extensions?.code,
    };
  };

  it('refuse them in filters, writes, citation subjects, federation and the audit filter', async () => {
    for (const id of spellings) {
      expect(await codesFor(id), id).toEqual({
        filter: 'INVALID_ID',
        update: ['NotFoundError', 'INVALID_ID'],
        citation: ['NotFoundError', 'INVALID_ID'],
        entities: [[null], ['_entities', 0], 'INVALID_ID'],
        audit: 'INVALID_ID',
      });
    }
  });

  it('answer a malformed ID or one of a type the field does not take with the same INVALID_ID on every path', async () => {
    // The audit filter takes an ID of any type, so only the malformed ones are wrong there.
    const wrongType = b64('Source:1');
    for (const id of ['%%%', '', b64('Partner:'), 'x'.repeat(5000), wrongType]) {
      const audit = id === wrongType ? undefined : 'INVALID_ID';
      expect(await codesFor(id), id.slice(0, 20)).toEqual({
        filter: 'INVALID_ID',
        update: ['NotFoundError', 'INVALID_ID'],
        citation: ['NotFoundError', 'INVALID_ID'],
        entities: [[null], ['_entities', 0], 'INVALID_ID'],
        audit,
      });
      for (const query of ['query ($id: ID!) { node(id: $id) { id } }', 'query ($id: ID!) { nodes(ids: [$id]) { id } }']) {
        const { body } = await execute(yoga, query, { id });
        if (id === wrongType) expect(body.errors, query).toBeUndefined();
        else expect(body.errors?.[0]?.extensions?.code, query).toBe('INVALID_ID');
      }
    }
  });

  it('keep null for a well-formed ID no object has', async () => {
    const { body } = await execute(yoga, 'query ($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: [canonical, b64('Partner:999999')] });
    expect(body).toEqual({ data: { nodes: [{ id: canonical }, null] } });
  });
});

interface Page {
  partners: { edges: { cursor: string; node: { name: string } }[]; pageInfo: { endCursor: string; hasNextPage: boolean } };
}

describe('cursors', () => {
  const { yoga } = seededServer();
  const page = `query ($after: String, $before: String, $order: [PartnerOrder!]) {
    partners(first: 3, after: $after, before: $before, orderBy: $order) { edges { cursor node { name } } pageInfo { endCursor hasNextPage } } }`;

  it("are opaque base64url, not plugin-drizzle's readable form", async () => {
    const { body } = await execute<Page>(yoga, page, { order: [{ field: 'NAME', direction: 'ASC' }] });
    for (const edge of body.data!.partners.edges) {
      expect(edge.cursor).not.toContain(edge.node.name);
      expect(Buffer.from(edge.cursor, 'base64').toString('latin1')).not.toMatch(/^DC:/);
      expect(edge.cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    }
  });

  it('page on with a cursor of the same list and ordering', async () => {
    const order = [{ field: 'NAME', direction: 'DESC' }];
    const first = await execute<Page>(yoga, page, { order });
    const next = await execute<Page>(yoga, page, { order, after: first.body.data!.partners.pageInfo.endCursor });
    expect(next.body.errors).toBeUndefined();
    const names = [...first.body.data!.partners.edges, ...next.body.data!.partners.edges].map((edge) => edge.node.name);
    expect(names).toEqual([...names].sort().reverse());
  });

  it('refuse a cursor of another ordering or another list with INVALID_CURSOR', async () => {
    const byName = await execute<Page>(yoga, page, { order: [{ field: 'NAME', direction: 'ASC' }] });
    const cursor = byName.body.data!.partners.pageInfo.endCursor;
    const otherOrder = await execute(yoga, page, { order: [{ field: 'NAME', direction: 'DESC' }], after: cursor });
    expect(otherOrder.body.errors?.[0]?.extensions?.code).toBe('INVALID_CURSOR');
    const defaultOrder = await execute(yoga, page, { before: cursor });
    expect(defaultOrder.body.errors?.[0]?.extensions?.code).toBe('INVALID_CURSOR');
    const programs = await execute(yoga, 'query ($after: String) { programs(first: 1, after: $after) { totalCount } }', { after: cursor });
    expect(programs.body.errors?.[0]?.extensions?.code).toBe('INVALID_CURSOR');
    const nested = await execute(
      yoga,
      'query ($after: String) { program(slug: "korea-2025") { allocations(first: 1, after: $after) { edges { cursor } } } }',
      { after: cursor },
    );
    expect(nested.body.errors?.[0]?.extensions?.code).toBe('INVALID_CURSOR');
  });

  it('refuse a nested list cursor on the same relation of another type', async () => {
    const own = await execute<{ program: { allocations: { pageInfo: { endCursor: string } } } }>(
      yoga,
      '{ program(slug: "korea-2025") { allocations(first: 1) { pageInfo { endCursor } } } }',
    );
    const cursor = own.body.data!.program.allocations.pageInfo.endCursor;
    const again = await execute(
      yoga,
      'query ($after: String) { program(slug: "korea-2025") { allocations(first: 1, after: $after) { totalCount } } }',
      { after: cursor },
    );
    expect(again.body.errors).toBeUndefined();
    const onPartner = await execute(
      yoga,
      'query ($after: String) { partner(slug: "samsung-electronics") { allocations(first: 1, after: $after) { totalCount } } }',
      { after: cursor },
    );
    expect(onPartner.body.errors?.[0]?.extensions?.code).toBe('INVALID_CURSOR');
  });

  it('answer forged cursors with INVALID_CURSOR, never an unexpected error', async () => {
    const defaultCursor = (await execute<Page>(yoga, page)).body.data!.partners.pageInfo.endCursor;
    const [fingerprint] = JSON.parse(Buffer.from(defaultCursor, 'base64url').toString()) as [string];
    const forgeries = [
      b64('DC:J:{"a":1}'),
      b64('DC:J:[{"a":1},{"b":[2]}]'),
      b64('DC:O:{"in":[1,2]}'),
      b64('DC:T:["O:{}","N:1"]'),
      b64('DC:N:1'),
      b64(`DC:S:${'x'.repeat(5000)}`),
      b64('DC:I:99999999999999999999999'),
      b64('DC:B:AAAA'),
      b64url('{"a":1}'),
      b64url('[]'),
      b64url(JSON.stringify([fingerprint])),
      b64url(JSON.stringify([fingerprint, { a: 1 }])),
      b64url(JSON.stringify([fingerprint, [{ a: 1 }, 2]])),
      b64url(JSON.stringify([fingerprint, true])),
      b64url(JSON.stringify([fingerprint, []])),
      b64url(JSON.stringify([fingerprint, Array.from({ length: 100 }, () => 1)])),
      b64url(JSON.stringify([fingerprint, [1, 2, 3, 4, 5]])),
      b64url(JSON.stringify([fingerprint, 'x'.repeat(2000)])),
      // biome-ignore lint/correctness/noPrecisionLoss: a number past what a double holds is the point
      b64url(JSON.stringify([fingerprint, 1e400])),
      // biome-ignore lint/correctness/noPrecisionLoss: a number past what a double holds is the point
      b64url(JSON.stringify([fingerprint, 12345678901234567890])),
      b64url(`[${'['.repeat(3000)}`),
      'x'.repeat(100_000),
      '',
      '%%%',
    ];
    for (const after of forgeries) {
      const { status, body } = await execute(yoga, page, { after });
      expect(status, after.slice(0, 80)).toBeLessThan(500);
      const code = body.errors?.[0]?.extensions?.code;
      // A well-formed cursor of this list with other values is only a position: it may page.
      if (code === undefined) expect(body.errors, after.slice(0, 80)).toBeUndefined();
      else expect(code, after.slice(0, 80)).toBe('INVALID_CURSOR');
      expect(JSON.stringify(body)).not.toMatch(/Unexpected error|SQLITE|stack/);
    }
  });

  it('refuse a forged plugin-drizzle cursor for every field type of the sort key', async () => {
    for (const after of [b64('DC:J:{"name":"x"}'), b64('DC:T:["S:a","O:{\\"x\\":1}"]'), b64('DC:D:1')]) {
      const { body } = await execute(yoga, page, { after, order: [{ field: 'NAME', direction: 'ASC' }] });
      expect(body.errors?.[0]?.extensions?.code).toBe('INVALID_CURSOR');
    }
  });
});

describe('_entities representations', () => {
  const { yoga } = seededServer();

  it('answer a representation that names no entity type with BAD_USER_INPUT, and leave no rejection unhandled', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const missing = { __typename: 'Program', id: b64('Program:999') };
      for (const bad of [
        null,
        1,
        'Program',
        [],
        {},
        { __typename: 'PageInfo' },
        { __typename: 'Nope', id: 'x' },
        { id: b64('Program:1') },
      ]) {
        const { status, body } = await execute(yoga, 'query ($r: [_Any!]!) { _entities(representations: $r) { __typename } }', {
          r: [missing, bad],
        });
        expect(status, JSON.stringify(bad)).toBeLessThan(500);
        // graphql-js refuses a null item while coercing the variable, before any resolver runs.
        if (bad !== null) expect(body.errors?.[0]?.extensions?.code, JSON.stringify(body)).toBe('BAD_USER_INPUT');
        expect(body.errors, JSON.stringify(body)).toBeDefined();
        expect(JSON.stringify(body)).not.toContain('Unexpected error');
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
    expect(unhandled).toEqual([]);
  });
});
