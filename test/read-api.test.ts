// The read API: filters, ordering, paging, node lookups, errors and SQL statement counts, through
// the real schema with yoga.fetch over real SQLite databases.
import { describe, expect, it } from 'vitest';
import { allocations, citations, partners, programs, sources } from '../src/db/schema.js';
import type { Db } from '../src/db/client.js';
import { execute, type GraphQLResponse, seededDatabase, seededServer, StatementLog } from './helpers.js';
import { createGraphQLServer } from '../src/server/yoga.js';
import { withSearchFolds } from '../src/db/search-folds.js';

interface Page<T> {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  edges: { cursor: string; node: T }[];
}

async function names(yoga: ReturnType<typeof seededServer>['yoga'], field: string, args: string): Promise<string[]> {
  const { body } = await execute<Record<string, Page<{ name: string }>>>(
    yoga,
    `{ ${field}(first: 100${args ? `, ${args}` : ''}) { totalCount edges { node { name } } } }`,
  );
  expect(body.errors).toBeUndefined();
  const page = body.data![field]!;
  expect(page.edges).toHaveLength(page.totalCount);
  return page.edges.map((edge) => edge.node.name);
}

describe('filters', () => {
  const { yoga } = seededServer();

  it('search finds Samsung Electronics in Korean and in English, in any letter case', async () => {
    expect(await names(yoga, 'partners', 'filter: { search: "삼성" }')).toEqual(['Samsung Electronics']);
    expect(await names(yoga, 'partners', 'filter: { search: "samsung" }')).toEqual(['Samsung Electronics']);
    expect(await names(yoga, 'partners', 'filter: { search: "SAMSUNG ELEC" }')).toEqual(['Samsung Electronics']);
    expect(await names(yoga, 'partners', 'filter: { search: "no such partner" }')).toEqual([]);
  });

  it('search treats % and _ as text, not wildcards', async () => {
    expect(await names(yoga, 'partners', 'filter: { search: "%" }')).toEqual([]);
    expect(await names(yoga, 'partners', 'filter: { search: "_" }')).toEqual([]);
  });

  it('eq and in on enums', async () => {
    const telecoms = await names(yoga, 'partners', 'filter: { kind: { eq: TELECOM } }');
    expect(telecoms.sort()).toEqual(['KT Corp.', 'LG Uplus', 'SK Telecom']);
    const mixed = await names(yoga, 'partners', 'filter: { kind: { in: [UNIVERSITY, GOVERNMENT] } }');
    expect(mixed.sort()).toEqual(['Government of the Republic of Korea', 'Yonsei University']);
    const notCompanies = await names(yoga, 'partners', 'filter: { kind: { ne: COMPANY } }');
    expect(notCompanies).not.toContain('NVIDIA');
    expect(notCompanies).toContain('KT Corp.');
  });

  it('ranges on numbers and dates', async () => {
    const { body } = await execute<{ allocations: Page<{ quantity: number }> }>(
      yoga,
      '{ allocations(filter: { quantity: { gt: 50000, lte: 60000 } }) { totalCount edges { node { quantity } } } }',
    );
    expect(body.data!.allocations.edges.map((edge) => edge.node.quantity)).toEqual([60_000]);
    const dated = await execute<{ programs: Page<{ slug: string }> }>(
      yoga,
      `{ before: programs(filter: { announcedOn: { lt: "2025-10-31" } }) { totalCount }
         programs(filter: { announcedOn: { gte: "2025-10-31", lte: "2025-10-31" } }) { totalCount edges { node { slug } } } }`,
    );
    expect(dated.body.data).toMatchObject({ before: { totalCount: 0 }, programs: { totalCount: 1 } });
  });

  it('relation filters: allocations whose partner is a GOVERNMENT', async () => {
    const { body } = await execute<{ allocations: Page<{ partner: { kind: string }; quantity: number }> }>(
      yoga,
      '{ allocations(filter: { partner: { kind: { eq: GOVERNMENT } } }) { totalCount edges { node { quantity partner { kind } } } } }',
    );
    expect(body.data!.allocations.totalCount).toBe(1);
    expect(body.data!.allocations.edges[0]!.node).toEqual({ quantity: 50_000, partner: { kind: 'GOVERNMENT' } });
  });

  it('relation filters through a link table: initiatives a given partner takes part in, by role', async () => {
    const all = await names(yoga, 'initiatives', 'filter: { participants: { partner: { slug: { eq: "samsung-electronics" } } } }');
    expect(all.sort()).toEqual(['AI-native 6G (AI-RAN)', 'Samsung AI factory']);
    const led = await names(
      yoga,
      'initiatives',
      'filter: { participants: { partner: { slug: { eq: "samsung-electronics" } }, role: { eq: LEAD } } }',
    );
    expect(led).toEqual(['Samsung AI factory']);
  });

  it('AND, OR and NOT compose', async () => {
    const either = await names(yoga, 'partners', 'filter: { OR: [{ search: "naver" }, { search: "kakao" }] }');
    expect(either.sort()).toEqual(['Kakao', 'NAVER Cloud']);
    const both = await names(yoga, 'partners', 'filter: { AND: [{ kind: { eq: CLOUD_PROVIDER } }, { search: "cloud" }] }');
    expect(both.sort()).toEqual(['NAVER Cloud', 'NHN Cloud']);
    const excluded = await names(yoga, 'partners', 'filter: { kind: { eq: CLOUD_PROVIDER }, NOT: { search: "cloud" } }');
    expect(excluded).toEqual(['Kakao']);
  });

  it('empty compositions follow logic: AND [] and OR [{}] match all, OR [] and NOT {} match none', async () => {
    const all = await names(yoga, 'partners', '');
    expect(all.length).toBeGreaterThan(10);
    expect(await names(yoga, 'partners', 'filter: { AND: [] }')).toEqual(all);
    expect(await names(yoga, 'partners', 'filter: { OR: [{ search: "samsung" }, {}] }')).toEqual(all);
    expect(await names(yoga, 'partners', 'filter: { OR: [] }')).toEqual([]);
    expect(await names(yoga, 'partners', 'filter: { NOT: {} }')).toEqual([]);
  });

  it("filters nested lists: a partner's allocations, an allocation's citations", async () => {
    const { body } = await execute<{
      partner: { allocations: Page<{ citations: Page<{ stance: string; field: string | null }> }> };
    }>(
      yoga,
      `{ partner(slug: "hyundai-motor-group") { allocations(filter: { bound: { eq: EXACT } }) { totalCount edges { node {
          citations(filter: { stance: { eq: CONTRADICTS } }) { totalCount edges { node { stance field } } } } } } } }`,
    );
    const allocation = body.data!.partner.allocations;
    expect(allocation.totalCount).toBe(1);
    const contradicting = allocation.edges[0]!.node.citations;
    expect(contradicting.totalCount).toBe(contradicting.edges.length);
    expect(contradicting.edges.length).toBeGreaterThanOrEqual(2);
    expect(contradicting.edges.every((edge) => edge.node.stance === 'CONTRADICTS')).toBe(true);
  });

  it('filters by global ID and refuses an ID of another type with a code', async () => {
    const first = await execute<{ partner: { id: string } }>(yoga, '{ partner(slug: "kt") { id } }');
    const id = first.body.data!.partner.id;
    expect(await names(yoga, 'partners', `filter: { id: { eq: "${id}" } }`)).toEqual(['KT Corp.']);
    const wrong = await execute(yoga, `{ allocations(filter: { id: { eq: "${id}" } }) { totalCount } }`);
    expect(wrong.body.errors?.[0]?.extensions?.code).toBe('INVALID_ID');
    expect(wrong.body.errors?.[0]?.message).toMatch(/Allocation/);
  });
});

describe('a document sent again', () => {
  // The read planner reruns a root list's statement for a document and variables it answered
  // before, also under graphql-js, where documents whose filter is a variable run (graphql-jit
  // cannot compile a recursive input). Without the response cache, each answer is read afresh.
  it('with its filter in a variable: answers from the rows as they are now, like a new document', async () => {
    const db = seededDatabase();
    const { yoga } = createGraphQLServer({ db, graphiql: false, logging: false, responseCache: false });
    const query = (space: string) =>
      `query Page($filter: PartnerFilter) {${space}partners(first: 3, filter: $filter, orderBy: [{ field: NAME, direction: ASC }]) { totalCount edges { cursor node { name allocations(first: 2) { totalCount edges { node { quantity } } } } } } }`;
    const variables = { filter: { kind: { eq: 'COMPANY' } } };
    const answer = async (text: string) => JSON.stringify((await execute(yoga, text, variables)).body);
    const before = await answer(query(' '));
    expect(await answer(query(' '))).toBe(before);
    insertBulkPartners(db, 1, 'Aaaa');
    const after = await answer(query(' '));
    expect(after).not.toBe(before);
    expect(after).toContain('Aaaa 000');
    // A document the server has not seen (one more space) is planned afresh: the same answer.
    expect(await answer(query('  '))).toBe(after);
  });
});

describe('ordering', () => {
  const { yoga } = seededServer();

  it('sorts by the requested keys with a stable tie-break', async () => {
    const query = (direction: string) =>
      execute<{ allocations: Page<{ id: string; quantity: number }> }>(
        yoga,
        `{ allocations(orderBy: [{ field: QUANTITY, direction: ${direction} }]) { edges { node { id quantity } } } }`,
      );
    const ascending = (await query('ASC')).body.data!.allocations.edges.map((edge) => edge.node);
    const descending = (await query('DESC')).body.data!.allocations.edges.map((edge) => edge.node);
    expect(ascending.map((node) => node.quantity)).toEqual([50_000, 50_000, 50_000, 50_000, 60_000]);
    expect(descending.map((node) => node.quantity)).toEqual([60_000, 50_000, 50_000, 50_000, 50_000]);
    // Four allocations tie at 50,000: the tie-break orders them the same way on every request.
    const again = (await query('ASC')).body.data!.allocations.edges.map((edge) => edge.node.id);
    expect(again).toEqual(ascending.map((node) => node.id));
  });

  it('applies several keys in order', async () => {
    const { body } = await execute<{ partners: Page<{ kind: string; name: string }> }>(
      yoga,
      '{ partners(first: 100, orderBy: [{ field: KIND }, { field: NAME, direction: DESC }]) { edges { node { kind name } } } }',
    );
    const nodes = body.data!.partners.edges.map((edge) => edge.node);
    const expected = [...nodes].sort((a, b) =>
      a.kind !== b.kind ? (a.kind < b.kind ? -1 : 1) : a.name < b.name ? 1 : a.name > b.name ? -1 : 0,
    );
    expect(nodes).toEqual(expected);
  });
});

/** Inserts `count` partners named "Bulk NNN", each with an allocation and a citation. */
function insertBulkPartners(db: Db, count: number, prefix = 'Bulk'): void {
  const program = db.select().from(programs).limit(1).get()!;
  const source = db.select().from(sources).limit(1).get()!;
  db.transaction((tx) => {
    for (let index = 0; index < count; index += 1) {
      const label = `${prefix} ${String(index).padStart(3, '0')}`;
      const partner = tx
        .insert(partners)
        .values(withSearchFolds(partners, { slug: label.toLowerCase().replace(/ /g, '-'), name: label, kind: 'COMPANY' as const }))
        .returning()
        .get();
      const allocation = tx
        .insert(allocations)
        .values({
          programId: program.id,
          partnerId: partner.id,
          quantity: 100 + index,
          bound: 'EXACT',
          status: 'ANNOUNCED',
          announcedOn: '2026-01-01',
        })
        .returning()
        .get();
      tx.insert(citations)
        .values({ sourceId: source.id, allocationId: allocation.id, quote: `quote ${index}`, quoteKind: 'VERBATIM', statement: 's' })
        .run();
    }
  });
}

type PartnerPage = { partners: Page<{ name: string }> };

describe('paging', () => {
  const pageQuery = `query ($first: Int, $after: String, $last: Int, $before: String) {
    partners(first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      edges { cursor node { name } }
    } }`;

  it('forward and backward across the whole list return every row exactly once, in order', async () => {
    const { db, yoga } = seededServer();
    insertBulkPartners(db, 23);
    const all = await names(yoga, 'partners', '');

    const forward: string[] = [];
    let after: string | null = null;
    for (;;) {
      const result: { body: GraphQLResponse<PartnerPage> } = await execute<PartnerPage>(yoga, pageQuery, { first: 7, after });
      const page: Page<{ name: string }> = result.body.data!.partners;
      forward.push(...page.edges.map((edge) => edge.node.name));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(forward).toEqual(all);

    const backward: string[][] = [];
    let before: string | null = null;
    for (;;) {
      const result: { body: GraphQLResponse<PartnerPage> } = await execute<PartnerPage>(yoga, pageQuery, { last: 6, before });
      const page: Page<{ name: string }> = result.body.data!.partners;
      backward.unshift(page.edges.map((edge) => edge.node.name));
      if (!page.pageInfo.hasPreviousPage) break;
      before = page.pageInfo.startCursor;
    }
    expect(backward.flat()).toEqual(all);
  });

  it('stays correct when rows are inserted between pages (keyset cursors)', async () => {
    const { db, yoga } = seededServer();
    insertBulkPartners(db, 10);
    const original = await names(yoga, 'partners', '');

    const first = await execute<{ partners: Page<{ name: string }> }>(yoga, pageQuery, { first: 8 });
    const seen = first.body.data!.partners.edges.map((edge) => edge.node.name);
    // One new partner sorts before the cursor ("AAA…"), one after it ("ZZZ…").
    db.insert(partners)
      .values([
        { slug: 'aaa-new', name: 'AAA New Partner', kind: 'COMPANY' },
        { slug: 'zzz-new', name: 'ZZZ New Partner', kind: 'COMPANY' },
      ])
      .run();
    let after = first.body.data!.partners.pageInfo.endCursor;
    for (;;) {
      const result: { body: GraphQLResponse<PartnerPage> } = await execute<PartnerPage>(yoga, pageQuery, { first: 8, after });
      const page: Page<{ name: string }> = result.body.data!.partners;
      seen.push(...page.edges.map((edge) => edge.node.name));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    // Every original row exactly once, nothing skipped or repeated; the later insert shows up.
    expect(seen.filter((name) => !name.endsWith('New Partner'))).toEqual(original);
    expect(seen).toContain('ZZZ New Partner');
    expect(seen).not.toContain('AAA New Partner');
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('refuses a page larger than the maximum, a negative page, and a broken cursor, with codes', async () => {
    const { yoga } = seededServer();
    const tooLarge = await execute(yoga, '{ partners(first: 101) { edges { node { name } } } }');
    expect(tooLarge.body.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(tooLarge.body.errors?.[0]?.message).toMatch(/at most 100/);
    const nested = await execute(yoga, '{ program(slug: "korea-2025") { allocations(last: 500) { totalCount } } }');
    expect(nested.body.errors?.[0]?.message).toMatch(/at most 100/);
    const negative = await execute(yoga, '{ partners(first: -1) { edges { node { name } } } }');
    expect(negative.body.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    const cursor = await execute(yoga, '{ partners(first: 2, after: "not-a-cursor") { edges { node { name } } } }');
    expect(cursor.body.errors?.[0]).toMatchObject({ extensions: { code: 'INVALID_CURSOR' } });
  });
});

describe('node(id:) and nodes(ids:)', () => {
  const { yoga } = seededServer();
  const lists: [string, string][] = [
    ['programs', 'Program'],
    ['partners', 'Partner'],
    ['gpuModels', 'GpuModel'],
    ['allocations', 'Allocation'],
    ['initiatives', 'Initiative'],
    ['investments', 'Investment'],
    ['sources', 'Source'],
    ['discrepancies', 'Discrepancy'],
    ['exchangeRates', 'ExchangeRate'],
  ];

  it.each(lists)('round-trips every %s row', async (field, typename) => {
    const { body } = await execute<Record<string, Page<{ id: string; __typename: string }>>>(
      yoga,
      `{ ${field}(first: 100) { totalCount edges { node { id __typename } } } }`,
    );
    const nodes = body.data![field]!.edges.map((edge) => edge.node);
    expect(nodes.length).toBeGreaterThan(0);
    const ids = nodes.map((node) => node.id);
    const again = await execute<{ nodes: { id: string; __typename: string }[] }>(
      yoga,
      'query ($ids: [ID!]!) { nodes(ids: $ids) { id __typename } }',
      { ids },
    );
    expect(again.body.errors).toBeUndefined();
    expect(again.body.data!.nodes).toEqual(nodes.map((node) => ({ id: node.id, __typename: typename })));
  });

  it('round-trips the types reached only through others: citations and participants', async () => {
    const { body } = await execute<{
      initiative: { participants: Page<{ id: string }>; citations: Page<{ id: string }> };
      investment: Page<{ investors: Page<{ id: string }> }>;
    }>(
      yoga,
      `{ initiative(slug: "ai-native-6g") { participants { edges { node { id } } } citations { edges { node { id } } } }
         investment: investments { edges { node { investors { edges { node { id } } } } } } }`,
    );
    const ids = [
      body.data!.initiative.participants.edges[0]!.node.id,
      body.data!.initiative.citations.edges[0]!.node.id,
      body.data!.investment.edges[0]!.node.investors.edges[0]!.node.id,
    ];
    for (const id of ids) {
      const again = await execute<{ node: { id: string } }>(yoga, 'query ($id: ID!) { node(id: $id) { id } }', { id });
      expect(again.body.data!.node.id).toBe(id);
    }
  });

  it('answers an unknown but well-formed ID with null and a malformed one with a coded error', async () => {
    const unknown = Buffer.from('Partner:999999').toString('base64');
    const missing = await execute(yoga, `{ node(id: "${unknown}") { id } }`);
    expect(missing.body).toEqual({ data: { node: null } });
    const kt = (await execute<{ partner: { id: string } }>(yoga, '{ partner(slug: "kt") { id } }')).body.data!.partner.id;
    const mixed = await execute(yoga, 'query ($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: [kt, unknown, kt] });
    expect(mixed.body).toEqual({ data: { nodes: [{ id: kt }, null, { id: kt }] } });
    const malformed = await execute(yoga, '{ node(id: "%%%") { id } }');
    expect(malformed.body.errors?.[0]?.extensions?.code).toBe('INVALID_ID');
  });
});

describe('provenance in the API', () => {
  const { yoga } = seededServer();

  it('shows each discrepancy with its subject and the citations on both sides', async () => {
    const { body } = await execute<{
      discrepancies: Page<{
        slug: string;
        subject: { __typename: string; quantity?: number };
        citations: Page<{ stance: string; quote: string }>;
      }>;
    }>(
      yoga,
      `{ discrepancies(filter: { slug: { eq: "hyundai-gpu-quantity" } }) { totalCount edges { node {
          slug subject { __typename ... on Allocation { quantity } } citations { edges { node { stance quote } } } } } } }`,
    );
    const discrepancy = body.data!.discrepancies.edges[0]!.node;
    expect(discrepancy.subject).toEqual({ __typename: 'Allocation', quantity: 50_000 });
    const stances = new Set(discrepancy.citations.edges.map((edge) => edge.node.stance));
    expect(stances).toEqual(new Set(['SUPPORTS', 'CONTRADICTS']));
    expect(discrepancy.citations.edges.some((edge) => edge.node.quote.includes('5000개'))).toBe(true);
  });

  it('gives every citation a subject that leads back to it', async () => {
    const { body } = await execute<{ sources: Page<{ citations: Page<{ id: string; subject: { id: string } }> }> }>(
      yoga,
      '{ sources(filter: { slug: { eq: "newspim-2025-10-31" } }) { edges { node { citations(first: 100) { totalCount edges { node { id subject { id } } } } } } } }',
    );
    const cited = body.data!.sources.edges[0]!.node.citations;
    expect(cited.totalCount).toBeGreaterThan(20);
    expect(cited.edges.every((edge) => typeof edge.node.subject.id === 'string')).toBe(true);
  });
});

describe('SQL statements per request', () => {
  it('do not grow with the number of rows: a three-level nested query over 1 and over 60 partners', async () => {
    const statements = new StatementLog();
    const { db, yoga } = seededServer({ logger: statements });
    insertBulkPartners(db, 60);
    const query = `query ($first: Int!) {
      partners(first: $first, filter: { search: "bulk" }) { totalCount edges { node {
        name
        allocations(first: 5) { totalCount edges { node {
          quantity gpuModel { name } program { slug }
          citations(first: 5) { edges { node { quote source { publisher } } } }
        } } }
      } } } }`;

    statements.reset();
    const one = await execute<{ partners: Page<unknown> }>(yoga, query, { first: 1 });
    const forOne = statements.count;
    statements.reset();
    const sixty = await execute<{ partners: Page<unknown> }>(yoga, query, { first: 60 });
    const forSixty = statements.count;

    expect(one.body.data!.partners.edges).toHaveLength(1);
    expect(sixty.body.data!.partners.edges).toHaveLength(60);
    expect(forOne).toBeGreaterThan(0);
    expect(forSixty).toBe(forOne);
  });
});
