// `search` folds case by JavaScript's toLowerCase on both engines (issue #20): libSQL cannot run
// a JavaScript SQL function, so the folded text is stored with each row by every write path
// (mutations, dataset import and merge, the migrator's fill for older rows) and the search reads
// it. Run on both engines: `TEST_ENGINE=libsql npx vitest run test/search-folding.test.ts`.
import { describe, expect, it } from 'vitest';
import { createApiKey } from '../src/auth/api-keys.js';
import { migrateDatabase } from '../src/db/client.js';
import { exportDataset, importDataset, mergeDataset } from '../src/db/dataset-io.js';
import { searchFoldDifferences } from '../src/db/search-folds.js';
import { defineFilter } from '../src/graphql/conventions/filters.js';
import type { TableColumns } from '../src/read/filters.js';
import { createGraphQLServer } from '../src/server/yoga.js';
import { seededDatabase } from './helpers.js';

function setup() {
  const db = seededDatabase();
  const yoga = createGraphQLServer({ db, graphiql: false, logging: false }).yoga;
  const key = createApiKey(db, { name: 'writer', scopes: ['write'] }).key;
  const post = async (query: string, variables: Record<string, unknown> = {}) => {
    const response = await yoga.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: any; errors?: unknown[] };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };
  /** The slugs of the partners `search` finds. */
  const partners = async (search: string): Promise<string[]> =>
    (
      await post('query ($s: String) { partners(first: 100, filter: { search: $s }) { edges { node { slug } } } }', { s: search })
    ).partners.edges
      .map((edge: { node: { slug: string } }) => edge.node.slug)
      .sort();
  return { db, post, partners };
}

const createPartner = `mutation ($input: CreatePartnerInput!) {
  createPartner(input: $input) { __typename ... on CreatePartnerPayload { partner { id version } } ... on Error { message } } }`;
const updatePartner = `mutation ($input: UpdatePartnerInput!) {
  updatePartner(input: $input) { __typename ... on UpdatePartnerPayload { partner { version } } ... on Error { message } } }`;

describe('search folds Unicode case on this engine', () => {
  const { db, post, partners } = setup();

  it('has the fold of every seeded row (the seed writes them, not only a later migration)', async () => {
    expect(searchFoldDifferences(db.$client)).toEqual({});
    expect(await partners('SAMSUNG')).toContain('samsung-electronics');
    expect(await partners('삼성')).toContain('samsung-electronics');
  });

  it('finds created rows by any case of their non-ASCII text, in names and aliases', async () => {
    const made = await Promise.all(
      [
        { slug: 'ecole-polytechnique', name: 'École Polytechnique', kind: 'UNIVERSITY' },
        { slug: 'athena-compute', name: 'ΑΘΗΝΑ Compute', kind: 'COMPANY' },
        { slug: 'istanbul-ai', name: 'Acme', nameKo: 'İSTANBUL', kind: 'COMPANY' },
        { slug: 'strasse-labs', name: 'Labs', kind: 'COMPANY', aliases: ['STRAẞE LABS', 'Эльбрус'] },
      ].map(async (input) => (await post(createPartner, { input })).createPartner),
    );
    for (const result of made) expect(result.__typename).toBe('CreatePartnerPayload');

    expect(await partners('é')).toEqual(['ecole-polytechnique']);
    expect(await partners('ÉCOLE')).toEqual(['ecole-polytechnique']);
    expect(await partners('αθ')).toEqual(['athena-compute']);
    expect(await partners('ΑΘΗΝΑ')).toEqual(['athena-compute']);
    // Whatever toLowerCase does on both sides: "İ" becomes "i̇" (i and a combining dot), "ẞ" "ß".
    expect(await partners('i̇stanbul')).toEqual(['istanbul-ai']);
    expect(await partners('İstanbul')).toEqual(['istanbul-ai']);
    expect(await partners('straße')).toEqual(['strasse-labs']);
    expect(await partners('эльб')).toEqual(['strasse-labs']);
    // ASCII as before.
    expect(await partners('POLYTECHNIQUE')).toEqual(['ecole-polytechnique']);
  });

  it('finds an updated row by its new text only, in every searched column it changed', async () => {
    const { partner } = (await post('{ partner(slug: "ecole-polytechnique") { id version } }')) as {
      partner: { id: string; version: number };
    };
    const result = (
      await post(updatePartner, { input: { id: partner.id, expectedVersion: partner.version, name: 'Zürich Lab', aliases: ['ÉTH'] } })
    ).updatePartner;
    expect(result.__typename).toBe('UpdatePartnerPayload');
    expect(await partners('ZÜRICH')).toEqual(['ecole-polytechnique']);
    expect(await partners('éth')).toEqual(['ecole-polytechnique']);
    expect(await partners('école')).toEqual([]);
    // Changing another column keeps the folded text.
    await post(updatePartner, { input: { id: partner.id, expectedVersion: partner.version + 1, website: 'https://zurich.example' } });
    expect(await partners('zürich')).toEqual(['ecole-polytechnique']);
  });

  it('folds the other searched entities too (a GPU model by its name)', async () => {
    const created = (
      await post(`mutation ($input: CreateGpuModelInput!) { createGpuModel(input: $input) { __typename } }`, {
        input: { slug: 'elbrus-gpu', name: 'ЭЛЬБРУС-GPU', architecture: 'Elbrus', vendor: 'MCST' },
      })
    ).createGpuModel;
    expect(created.__typename).toBe('CreateGpuModelPayload');
    const found = await post('{ gpuModels(first: 10, filter: { search: "эльбрус" }) { edges { node { slug } } } }');
    expect(found.gpuModels.edges.map((edge: { node: { slug: string } }) => edge.node.slug)).toEqual(['elbrus-gpu']);
  });

  it('fills the folded text of rows written before it existed when the database migrates', async () => {
    db.$client.prepare('UPDATE partners SET name_folded = NULL, name_ko_folded = NULL, aliases_folded = NULL').run();
    // (Distinct needles: a raw write does not invalidate the response cache.)
    expect(await partners('zürich lab')).toEqual([]);
    migrateDatabase(db);
    expect(await partners('ZÜRICH LAB')).toEqual(['ecole-polytechnique']);
    expect(await partners('İSTANBUL')).toEqual(['istanbul-ai']);
    expect(await partners('ЭЛЬБ')).toEqual(['strasse-labs']);
  });

  it('keeps every folded column equal to the fold of its text after all these writes', () => {
    expect(searchFoldDifferences(db.$client)).toEqual({});
  });
});

it('refuses at start-up a search declared over a column without its fold', () => {
  const declaration = {
    typename: 'Unfolded',
    table: 'partners' as const,
    description: 'A filter that must not be built.',
    fields: { search: { search: (table: TableColumns) => [table.name!], description: 'By name.' } },
  };
  expect(() => defineFilter(declaration)).toThrow('UnfoldedFilter.search: name is not a folded search column');
});

describe('dataset files carry no folded text; import and merge fold what they load', () => {
  const { db, partners } = setup();
  const document = exportDataset(db);
  const template = document.tables.partners[0]!;

  it('leaves the derived columns out of an export, as it does the rollups', () => {
    expect(Object.keys(template)).toContain('name');
    expect(Object.keys(template).filter((column) => column.endsWith('_folded'))).toEqual([]);
  });

  it('merge folds the rows it adds', async () => {
    const empty = Object.fromEntries(Object.keys(document.tables).map((name) => [name, []]));
    const merged = mergeDataset(db, {
      ...document,
      tables: {
        ...empty,
        dataset_loads: [{ dataset: 'athens-test', loaded_at: '2026-12-01T00:00:00.000Z' }],
        partners: [{ ...template, id: 1, slug: 'athens', name: 'ΑΘΗΝΑ', name_ko: null, aliases: ['Ωmega'] }],
      },
    });
    expect(merged.ok, JSON.stringify(merged)).toBe(true);
    expect(await partners('αθηνα')).toEqual(['athens']);
    expect(await partners('ωm')).toEqual(['athens']);
    expect(searchFoldDifferences(db.$client)).toEqual({});
  });

  // On libSQL this failed with `InvalidParserState("Init")` until src/db/client.ts nested transactions
  // through a savepoint, as better-sqlite3 does (the import rebuilds rollups in a nested transaction).
  it('import (replace) folds every row it loads', async () => {
    const next = { ...document, tables: { ...document.tables, partners: [...document.tables.partners] } };
    const nextId = Math.max(...next.tables.partners.map((row) => Number(row.id))) + 1;
    next.tables.partners.push({ ...template, id: nextId, slug: 'ecole', name: 'ÉCOLE', name_ko: null, aliases: [] });
    const imported = importDataset(db, next, { replace: true });
    expect(imported.ok, JSON.stringify(imported)).toBe(true);
    expect(await partners('école')).toEqual(['ecole']);
    expect(searchFoldDifferences(db.$client)).toEqual({});
  });
});
