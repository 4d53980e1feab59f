// Text the service stores: no lone surrogates anywhere, no control characters, and line breaks
// only in multi-line fields. Through the real schema (yoga.fetch) and the real importer.
import { describe, expect, it } from 'vitest';
import { createApiKey } from '../src/auth/api-keys.js';
import { openDatabase, type Db } from '../src/db/client.js';
import { exportDataset, importDataset } from '../src/db/dataset-io.js';
import type { Yoga } from '../src/server/yoga.js';
import { seededDatabase } from './helpers.js';
import { graphql, test } from './fixtures.js';

/** Posts as a writer: an API key with the `write` scope on the test's database. */
function writer(db: Db, yoga: Yoga) {
  const key = createApiKey(db, { name: 'writer', scopes: ['write'] }).key;
  return (query: string, variables: Record<string, unknown> = {}) =>
    graphql<Record<string, any>>(yoga, query, variables, { key, accept: null });
}

const createPartner = `mutation ($input: CreatePartnerInput!) { createPartner(input: $input) {
  __typename ... on CreatePartnerPayload { partner { name description } } ... on ValidationError { issues { path message } } } }`;

const bad = {
  'a lone high surrogate': 'a\ud800b',
  'a lone low surrogate': 'a\udc00b',
  'a surrogate at the end': 'ab\ud83d',
  NUL: 'a\u0000b',
  ESC: 'a\u001b[31mb',
  DEL: 'a\u007fb',
  'a C1 control': 'a\u0085b',
};

describe('text rules', () => {
  test('refuse lone surrogates and control characters in a name, with the field path', async ({ db, yoga }) => {
    const post = writer(db, yoga);
    const cases = { ...bad, LF: 'a\nb', CR: 'a\rb', TAB: 'a\tb', 'a leading LF': '\nab', 'a line separator': 'a\u2028b' };
    for (const [what, name] of Object.entries(cases)) {
      const { body } = await post(createPartner, { input: { slug: 'x-partner', name, kind: 'COMPANY' } });
      expect(body.data?.createPartner, what).toMatchObject({ __typename: 'ValidationError', issues: [{ path: ['input', 'name'] }] });
    }
  });

  test('keep line breaks and tabs in a description, refuse the rest there too', async ({ db, yoga }) => {
    const post = writer(db, yoga);
    const description = 'Line one\r\nLine two\n\tindented';
    const ok = await post(createPartner, { input: { slug: 'multi-line', name: 'Multi 한국 😀', kind: 'COMPANY', description } });
    expect(ok.body.data?.createPartner).toEqual({ __typename: 'CreatePartnerPayload', partner: { name: 'Multi 한국 😀', description } });
    for (const [what, text] of Object.entries(bad)) {
      const { body } = await post(createPartner, { input: { slug: 'multi-line-2', name: 'M', kind: 'COMPANY', description: text } });
      expect(body.data?.createPartner, what).toMatchObject({ __typename: 'ValidationError', issues: [{ path: ['input', 'description'] }] });
    }
  });

  test('refuse them in updates, lists of strings and ID fields', async ({ db, yoga }) => {
    const post = writer(db, yoga);
    const kt = (await post('{ partner(slug: "kt") { id version } }')).body.data!.partner;
    const update = await post(
      `mutation ($input: UpdatePartnerInput!) { updatePartner(input: $input) { __typename ... on ValidationError { issues { path } } } }`,
      { input: { id: kt.id, expectedVersion: kt.version, nameKo: '케이\ud800티' } },
    );
    expect(update.body.data?.updatePartner).toEqual({ __typename: 'ValidationError', issues: [{ path: ['input', 'nameKo'] }] });
    const program = (await post('{ program(slug: "korea-2025") { id } }')).body.data!.program.id;
    const initiative = await post(
      `mutation ($input: CreateInitiativeInput!) { createInitiative(input: $input) { __typename ... on ValidationError { issues { path } } } }`,
      { input: { slug: 'x-init', name: 'X', programId: program, technologies: ['ok', 'b\u0000d'], domain: 'MOBILITY' } },
    );
    expect(initiative.body.data?.createInitiative, JSON.stringify(initiative.body)).toMatchObject({
      __typename: 'ValidationError',
      issues: [{ path: ['input', 'technologies', '1'] }],
    });
    const allocation = await post(
      `mutation ($input: CreateAllocationInput!) { createAllocation(input: $input) { __typename ... on ValidationError { issues { path } } } }`,
      {
        input: {
          programId: `${program}\ud800`,
          partnerId: kt.id,
          quantity: 1,
          bound: 'EXACT',
          status: 'ANNOUNCED',
          announcedOn: '2025-10-31',
        },
      },
    );
    expect(allocation.body.data?.createAllocation).toMatchObject({
      __typename: 'ValidationError',
      issues: [{ path: ['input', 'programId'] }],
    });
  });

  test('answer query arguments with them with BAD_USER_INPUT', async ({ db, yoga }) => {
    const post = writer(db, yoga);
    const queries: [string, Record<string, unknown>][] = [
      ['query ($s: String) { partners(filter: { search: $s }) { totalCount } }', { s: 'sam\ud800' }],
      ['query ($s: String!) { partner(slug: $s) { id } }', { s: 'kt\u0000' }],
      ['query ($s: [String!]) { partners(filter: { slug: { in: $s } }) { totalCount } }', { s: ['kt', '\u001b'] }],
      [
        'query ($s: String) { program(slug: "korea-2025") { allocations(filter: { partner: { search: $s } }) { totalCount } } }',
        { s: '\udfff' },
      ],
    ];
    for (const [query, variables] of queries) {
      const { status, body } = await post(query, variables);
      expect(status, query).toBeLessThan(500);
      expect(body.errors?.[0]?.extensions?.code, query).toBe('BAD_USER_INPUT');
    }
    const search = await post('query ($s: String) { partners(filter: { search: $s }) { totalCount } }', { s: 'samsung\n' });
    expect(search.body.errors).toBeUndefined();
  });

  it('data:import refuses them, with the row and column', () => {
    const source = seededDatabase();
    const document = exportDataset(source);
    const partner = document.tables.partners![0]!;
    for (const [what, name] of Object.entries({ ...bad, LF: 'a\nb' })) {
      const target = openDatabase({ path: ':memory:' });
      const result = importDataset(target, {
        ...document,
        tables: { ...document.tables, partners: [{ ...partner, name }, ...document.tables.partners!.slice(1)] },
      });
      expect(result.ok, what).toBe(false);
      if (!result.ok) expect(result.problems[0]?.path, what).toBe('tables.partners[0].name');
    }
    const target = openDatabase({ path: ':memory:' });
    const multiLine = importDataset(target, {
      ...document,
      tables: { ...document.tables, partners: [{ ...partner, description: 'one\ntwo' }, ...document.tables.partners!.slice(1)] },
    });
    expect(multiLine).toMatchObject({ ok: true });
  });
});
