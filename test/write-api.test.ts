// The write API through the real schema: every mutation's success path, every typed error, the
// auth matrix, optimistic concurrency between two connections, and the audit log.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApiKey, revokeApiKey } from '../src/auth/api-keys.js';
import { openDatabase, type Db } from '../src/db/client.js';
import { seedDatabase } from '../src/db/seed/index.js';
import { createGraphQLServer, type Yoga } from '../src/server/yoga.js';
import { seededDatabase, temporaryFolder } from './helpers.js';

interface Response {
  status: number;
  body: { data?: Record<string, any> | null; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}

function client(yoga: Yoga, key?: string) {
  return async (query: string, variables: Record<string, unknown> = {}): Promise<Response> => {
    const response = await yoga.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, body: (await response.json()) as Response['body'] };
  };
}

function setup(options: { readRequiresKey?: boolean } = {}) {
  const db = seededDatabase();
  const yoga = createGraphQLServer({ db, graphiql: false, logging: false, readRequiresKey: options.readRequiresKey ?? false }).yoga;
  const keys = {
    read: createApiKey(db, { name: 'reader', scopes: ['read'] }).key,
    write: createApiKey(db, { name: 'writer', scopes: ['write'] }).key,
    admin: createApiKey(db, { name: 'admin', scopes: ['admin'] }).key,
  };
  return {
    db,
    yoga,
    keys,
    anonymous: client(yoga),
    reader: client(yoga, keys.read),
    writer: client(yoga, keys.write),
    admin: client(yoga, keys.admin),
  };
}

const ids = `{
  program(slug: "korea-2025") { id }
  kt: partner(slug: "kt") { id version }
  naver: partner(slug: "naver-cloud") { id version }
  gpuModel(slug: "gb200") { id }
  initiative(slug: "ai-native-6g") { id }
  source: sources(first: 1) { edges { node { id } } }
  investment: investments(first: 1) { edges { node { id } } }
}`;

/** `mutation { <name>(input: $input) { __typename …payload… … on Error { code message } } }` */
function mutation(name: string, inputType: string, payload: string): string {
  return `mutation ($input: ${inputType}!) { ${name}(input: $input) { __typename ${payload}
    ... on Error { code message } ... on ValidationError { issues { path message } }
    ... on ConflictError { currentVersion field } ... on ReferencedError { references { typename field count } }
    ... on ForbiddenError { requiredScope } } }`;
}

describe('every entity: create, update, delete', () => {
  const { writer } = setup();

  it.each([
    [
      'Partner',
      'partner',
      async () => ({ slug: 'acme', name: 'Acme', kind: 'COMPANY', website: 'https://acme.example' }),
      { name: 'Acme Corp' },
    ],
    [
      'GpuModel',
      'gpuModel',
      async () => ({ slug: 'b300', name: 'NVIDIA B300', architecture: 'Blackwell Ultra', vendor: 'NVIDIA' }),
      { vendor: 'nvidia' },
    ],
    [
      'Program',
      'program',
      async (refs: any) => ({
        slug: 'japan-2026',
        name: 'Japan 2026',
        country: 'JP',
        announcedOn: '2026-05-01',
        supplierId: refs.naver.id,
      }),
      { installedBaseGpus: 1000, installedBaseBound: 'APPROXIMATE' },
    ],
    [
      'Allocation',
      'allocation',
      async (refs: any) => ({
        programId: refs.program.id,
        partnerId: refs.kt.id,
        gpuModelId: refs.gpuModel.id,
        quantity: 2000,
        bound: 'AT_LEAST',
        status: 'ANNOUNCED',
        announcedOn: '2026-01-15',
      }),
      { status: 'CONTRACTED', quantity: 2500 },
    ],
    [
      'Initiative',
      'initiative',
      async (refs: any) => ({
        slug: 'kt-ai-cloud',
        programId: refs.program.id,
        name: 'KT AI cloud',
        domain: 'INDUSTRIAL_CLOUD',
        technologies: ['GPUaaS'],
      }),
      { technologies: ['GPUaaS', 'sovereign cloud'] },
    ],
    [
      'InitiativeParticipant',
      'initiativeParticipant',
      async (refs: any) => ({ initiativeId: refs.initiative.id, partnerId: refs.naver.id, role: 'SUPPORTER' }),
      { role: 'PARTICIPANT' },
    ],
    [
      'Investment',
      'investment',
      async (refs: any) => ({
        slug: 'kt-capex',
        programId: refs.program.id,
        title: 'KT capex',
        amount: '1250000.50',
        currency: 'USD',
        bound: 'EXACT',
        announcedOn: '2026-02-01',
      }),
      { amount: '1500000000', currency: 'KRW' },
    ],
    [
      'InvestmentInvestor',
      'investmentInvestor',
      async (refs: any) => ({ investmentId: refs.investment.edges[0].node.id, partnerId: refs.kt.id }),
      null,
    ],
    [
      'ExchangeRate',
      'exchangeRate',
      async () => ({ baseCurrency: 'EUR', quoteCurrency: 'KRW', baseAmount: '1', quoteAmount: '1512.25', asOf: '2026-01-02' }),
      { quoteAmount: '1520' },
    ],
    [
      'Source',
      'source',
      async () => ({
        slug: 'kt-release',
        url: 'https://kt.example/release',
        publisher: 'KT',
        kind: 'PRESS_RELEASE',
        language: 'ko',
        publishedAt: '2026-01-15',
      }),
      { title: 'KT 보도자료' },
    ],
    [
      'Citation',
      'citation',
      async (refs: any) => ({
        sourceId: refs.source.edges[0].node.id,
        subjectId: refs.kt.id,
        quote: 'KT는 …',
        quoteKind: 'VERBATIM',
        statement: 'KT says so.',
      }),
      { stance: 'CONTRADICTS' },
    ],
    [
      'Discrepancy',
      'discrepancy',
      async (refs: any) => ({
        slug: 'kt-count',
        subjectId: refs.kt.id,
        field: 'name',
        description: 'Sources spell it differently.',
        resolution: 'Kept KT Corp.',
      }),
      { resolution: 'Kept KT Corp., as the company writes it.' },
    ],
  ] as const)('%s', async (typename, field, makeInput, changes) => {
    const refs = (await writer(ids)).body.data!;
    const input = await makeInput(refs);
    const created = await writer(
      mutation(`create${typename}`, `Create${typename}Input`, `... on Create${typename}Payload { ${field} { id version } }`),
      { input },
    );
    expect(created.body.errors).toBeUndefined();
    expect(created.body.data![`create${typename}`]).toMatchObject({ __typename: `Create${typename}Payload`, [field]: { version: 1 } });
    const { id } = created.body.data![`create${typename}`][field];

    let version = 1;
    if (changes) {
      const updated = await writer(
        mutation(`update${typename}`, `Update${typename}Input`, `... on Update${typename}Payload { ${field} { id version } }`),
        {
          input: { id, expectedVersion: 1, ...changes },
        },
      );
      expect(updated.body.data![`update${typename}`]).toEqual({ __typename: `Update${typename}Payload`, [field]: { id, version: 2 } });
      version = 2;
    }

    const deleted = await writer(mutation(`delete${typename}`, `Delete${typename}Input`, `... on Delete${typename}Payload { deletedId }`), {
      input: { id, expectedVersion: version },
    });
    expect(deleted.body.data![`delete${typename}`]).toEqual({ __typename: `Delete${typename}Payload`, deletedId: id });
    const gone = await writer('query ($id: ID!) { node(id: $id) { id } }', { id });
    expect(gone.body.data).toEqual({ node: null });
  });
});

describe('typed errors', () => {
  const { writer, db } = setup();
  const createPartner = mutation('createPartner', 'CreatePartnerInput', '... on CreatePartnerPayload { partner { id } }');

  it('ValidationError names every field path', async () => {
    const { body } = await writer(createPartner, { input: { slug: 'Not A Slug', name: 'x', kind: 'COMPANY' } });
    expect(body.data!.createPartner).toMatchObject({ __typename: 'ValidationError', code: 'VALIDATION_FAILED' });
    expect(body.data!.createPartner.issues).toEqual([{ path: ['input', 'slug'], message: expect.stringMatching(/lower-case/) }]);
    const allocation = await writer(mutation('createAllocation', 'CreateAllocationInput', '__typename'), {
      input: { programId: 'x', partnerId: 'y', quantity: 100_000_001, bound: 'EXACT', status: 'ANNOUNCED', announcedOn: '2026-01-01' },
    });
    expect(allocation.body.data!.createAllocation.issues[0].path).toEqual(['input', 'quantity']);
    const money = await writer(mutation('createInvestment', 'CreateInvestmentInput', '__typename'), {
      input: {
        slug: 'cents',
        programId: (await writer(ids)).body.data!.program.id,
        title: 't',
        amount: '1.001',
        currency: 'USD',
        bound: 'EXACT',
        announcedOn: '2026-01-01',
      },
    });
    expect(money.body.data!.createInvestment).toMatchObject({ __typename: 'ValidationError', issues: [{ path: ['input', 'amount'] }] });
  });

  it('NotFoundError names the field with the unknown ID', async () => {
    const refs = (await writer(ids)).body.data!;
    const { body } = await writer(mutation('createAllocation', 'CreateAllocationInput', '__typename'), {
      input: {
        programId: refs.program.id,
        partnerId: refs.program.id,
        quantity: 10,
        bound: 'EXACT',
        status: 'ANNOUNCED',
        announcedOn: '2026-01-01',
      },
    });
    // A programme's ID given as partnerId: of the wrong type, so INVALID_ID (one code on every path).
    expect(body.data!.createAllocation).toMatchObject({ __typename: 'NotFoundError', code: 'INVALID_ID' });
    expect(body.data!.createAllocation.message).toMatch(/partnerId/);
    const unknown = await writer(mutation('createAllocation', 'CreateAllocationInput', '__typename'), {
      input: {
        programId: refs.program.id,
        partnerId: Buffer.from('Partner:999999').toString('base64'),
        quantity: 10,
        bound: 'EXACT',
        status: 'ANNOUNCED',
        announcedOn: '2026-01-01',
      },
    });
    expect(unknown.body.data!.createAllocation).toMatchObject({ __typename: 'NotFoundError', code: 'NOT_FOUND' });
    expect(unknown.body.data!.createAllocation.message).toMatch(/partnerId/);
  });

  it('ConflictError for a taken slug and for a stale version, with the current version', async () => {
    const taken = await writer(createPartner, { input: { slug: 'kt', name: 'Another KT', kind: 'TELECOM' } });
    expect(taken.body.data!.createPartner).toMatchObject({ __typename: 'ConflictError', field: 'slug' });
    const refs = (await writer(ids)).body.data!;
    const update = mutation('updatePartner', 'UpdatePartnerInput', '... on UpdatePartnerPayload { partner { version } }');
    await writer(update, { input: { id: refs.kt.id, expectedVersion: refs.kt.version, name: 'KT' } });
    const stale = await writer(update, { input: { id: refs.kt.id, expectedVersion: refs.kt.version, name: 'KT!' } });
    expect(stale.body.data!.updatePartner).toMatchObject({ __typename: 'ConflictError', currentVersion: refs.kt.version + 1 });
  });

  it('ReferencedError says what points to the object', async () => {
    const refs = (await writer(ids)).body.data!;
    const { body } = await writer(mutation('deletePartner', 'DeletePartnerInput', '__typename'), {
      input: { id: refs.naver.id, expectedVersion: refs.naver.version },
    });
    expect(body.data!.deletePartner).toMatchObject({ __typename: 'ReferencedError', code: 'REFERENCED' });
    expect(body.data!.deletePartner.references).toEqual(expect.arrayContaining([{ typename: 'Allocation', field: 'partner', count: 1 }]));
    expect(db.$client.prepare("SELECT count(*) AS n FROM partners WHERE slug = 'naver-cloud'").get()).toEqual({ n: 1 });
  });

  it('a failed write leaves no row and no audit entry', async () => {
    const before = db.$client.prepare('SELECT count(*) AS n FROM audit_events').get();
    await writer(createPartner, { input: { slug: 'kt', name: 'dup', kind: 'COMPANY' } });
    expect(db.$client.prepare('SELECT count(*) AS n FROM audit_events').get()).toEqual(before);
  });
});

describe('auth matrix', () => {
  const { db, keys, yoga, anonymous, reader, writer, admin } = setup();
  const revokedKey = createApiKey(db, { name: 'revoked', scopes: ['admin'] }).key;
  revokeApiKey(db, revokedKey.slice(0, 12));
  const revoked = client(yoga, revokedKey);
  const unknown = client(yoga, `afg_${'x'.repeat(43)}`);
  const read = '{ partners(first: 1) { totalCount } }';
  const write = mutation('createGpuModel', 'CreateGpuModelInput', '... on CreateGpuModelPayload { gpuModel { id } }');
  const audit = '{ auditEvents(first: 1) { totalCount } }';
  let counter = 0;
  const writeInput = () => ({ input: { slug: `model-${(counter += 1)}`, name: 'M', architecture: 'A', vendor: 'V' } });

  it('no key: reads, but cannot write or see the audit log', async () => {
    expect((await anonymous(read)).body.data).toBeTruthy();
    expect((await anonymous(write, writeInput())).body.data!.createGpuModel).toMatchObject({
      __typename: 'ForbiddenError',
      requiredScope: 'write',
    });
    expect((await anonymous(audit)).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('read key: reads only', async () => {
    expect((await reader(read)).body.data).toBeTruthy();
    expect((await reader(write, writeInput())).body.data!.createGpuModel.__typename).toBe('ForbiddenError');
    expect((await reader(audit)).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('write key: reads and writes, no audit log', async () => {
    expect((await writer(read)).body.data).toBeTruthy();
    expect((await writer(write, writeInput())).body.data!.createGpuModel.__typename).toBe('CreateGpuModelPayload');
    expect((await writer(audit)).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('admin key: everything, and the audit log names the key that wrote', async () => {
    expect((await admin(write, writeInput())).body.data!.createGpuModel.__typename).toBe('CreateGpuModelPayload');
    const log = await admin('{ auditEvents(first: 2) { totalCount edges { node { operation entityType apiKeyName } } } }');
    expect(log.body.data!.auditEvents.edges[0].node).toEqual({ operation: 'CREATE', entityType: 'GpuModel', apiKeyName: 'admin' });
    expect(log.body.data!.auditEvents.edges[1].node.apiKeyName).toBe('writer');
  });

  it('revoked, unknown or malformed keys: 401 with a code, for reads too', async () => {
    for (const call of [revoked, unknown]) {
      const response = await call(read);
      expect(response.status).toBe(401);
      expect(response.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
    const malformed = await yoga.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Basic abc' },
      body: JSON.stringify({ query: read }),
    });
    expect(malformed.status).toBe(401);
    expect(JSON.stringify(await malformed.json())).not.toContain(keys.admin);
  });

  it('reads can be made to require a key', async () => {
    const locked = setup({ readRequiresKey: true });
    expect((await locked.anonymous(read)).status).toBe(401);
    expect((await locked.reader(read)).body.data).toBeTruthy();
  });
});

describe('optimistic concurrency and transactions', () => {
  it('two writers on two connections with the same expected version: one wins, one is told', async () => {
    const folder = temporaryFolder();
    const path = join(folder.path, 'race.db');
    const first = openDatabase({ path });
    seedDatabase(first);
    const key = createApiKey(first, { name: 'racer', scopes: ['write'] }).key;
    const second = openDatabase({ path });
    const writers = [first, second].map((db: Db) => client(createGraphQLServer({ db, graphiql: false, logging: false }).yoga, key));
    const kt = (await writers[0]!('{ partner(slug: "kt") { id version } }')).body.data!.partner;
    const update = mutation('updatePartner', 'UpdatePartnerInput', '... on UpdatePartnerPayload { partner { name version } }');

    const results = await Promise.all(
      writers.map((write, index) => write(update, { input: { id: kt.id, expectedVersion: kt.version, name: `Writer ${index}` } })),
    );
    const outcomes = results.map((result) => result.body.data!.updatePartner);
    const winners = outcomes.filter((outcome) => outcome.__typename === 'UpdatePartnerPayload');
    const losers = outcomes.filter((outcome) => outcome.__typename === 'ConflictError');
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(1);
    expect(losers[0].currentVersion).toBe(kt.version + 1);
    const stored = first.$client.prepare("SELECT name, version FROM partners WHERE slug = 'kt'").get();
    expect(stored).toEqual({ name: winners[0].partner.name, version: kt.version + 1 });
    expect(first.$client.prepare("SELECT count(*) AS n FROM audit_events WHERE operation = 'UPDATE'").get()).toEqual({ n: 1 });
    first.$client.close();
    second.$client.close();
    folder.remove();
  });

  it('totals reflect a write immediately', async () => {
    const { writer } = setup();
    const refs = (await writer(ids)).body.data!;
    const total = async () =>
      (await writer('{ program(slug: "korea-2025") { gpuTotal { quantity } } }')).body.data!.program.gpuTotal.quantity;
    expect(await total()).toBe(260_000);
    await writer(mutation('createAllocation', 'CreateAllocationInput', '__typename'), {
      input: {
        programId: refs.program.id,
        partnerId: refs.kt.id,
        quantity: 1234,
        bound: 'EXACT',
        status: 'ANNOUNCED',
        announcedOn: '2026-01-01',
      },
    });
    expect(await total()).toBe(261_234);
  });

  it('the audit entry holds the row before and after', async () => {
    const { writer, admin } = setup();
    const refs = (await writer(ids)).body.data!;
    await writer(mutation('updatePartner', 'UpdatePartnerInput', '__typename'), {
      input: { id: refs.kt.id, expectedVersion: refs.kt.version, website: 'https://kt.com' },
    });
    const log = await admin(`{ auditEvents(filter: { entity: "${refs.kt.id}" }) { edges { node { operation entityId before after } } } }`);
    const [entry] = log.body.data!.auditEvents.edges.map((edge: { node: unknown }) => edge.node);
    expect(entry).toMatchObject({
      operation: 'UPDATE',
      entityId: refs.kt.id,
      before: { website: null, version: 1 },
      after: { website: 'https://kt.com', version: 2 },
    });
  });
});
