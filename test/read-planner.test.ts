// The read planner (src/graphql/planner/): nested lists served from one pass over the rows of a
// root list's query must answer byte for byte what plugin-drizzle's per-row resolution answers,
// cursors and pageInfo included, with the same SQL statements; and it must plan what it claims.
import { isObjectType, Kind, parse, type FieldNode, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../src/db/synthetic.js';
import { schema } from '../src/graphql/index.js';
import { planNode } from '../src/graphql/planner/plan.js';
import { compilable } from '../src/server/jit.js';
import { createGraphQLServer, type Yoga } from '../src/server/yoga.js';
import { insertRandomAllocations, seededDatabase } from './helpers.js';

function servers(seed: number, extra: number) {
  let statements = 0;
  const db = seededDatabase({ logger: { logQuery: () => (statements += 1) } });
  insertRandomAllocations(db, mulberry32(seed), extra);
  const make = (readPlanner: boolean, jit: boolean) =>
    createGraphQLServer({ db, graphiql: false, logging: false, responseCache: false, readPlanner, jit }).yoga;
  // Planned documents run compiled by graphql-jit (src/server/jit.ts); the unplanned path is
  // compared on graphql-js, where plugin-drizzle finds its preloaded rows.
  return {
    db,
    planned: make(true, true),
    plannedWithoutJit: make(true, false),
    unplanned: make(false, false),
    statements: () => statements,
    reset: () => (statements = 0),
  };
}

async function post(yoga: Yoga, query: string, variables: Record<string, unknown> = {}): Promise<string> {
  const response = await yoga.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return `${response.status} ${await response.text()}`;
}

const nested = `query Nested($n: Int, $order: [AllocationOrder!], $withCursor: Boolean!) {
  partners(first: 4, orderBy: [{ field: NAME, direction: DESC }]) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { name
      allocations(first: $n, orderBy: $order) {
        totalCount
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
        edges { cursor @include(if: $withCursor) node { id quantity status partner { name slug } ...Model
          citations(first: 2) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { quote source { publisher title } } } } } }
      }
    } }
  }
}
fragment Model on Allocation { gpuModel { name } }`;

/** The same relation under two response keys: plugin-drizzle loads one, the planner plans neither. */
const twice = `{ partners(first: 3) { edges { node { name
  allocations(first: 2) { edges { node { quantity citations { edges { node { id } } } cited: citations(first: 1) { totalCount edges { node { quote } } } } } }
  big: allocations(first: 1, filter: { quantity: { gte: 50000 } }) { pageInfo { hasNextPage } edges { node { quantity } } }
} } } }`;

const cases: [name: string, query: string, variables?: Record<string, unknown>][] = [
  [
    'the bench nested list',
    '{ partners(first: 50) { edges { node { name allocations(first: 5) { edges { node { quantity citations(first: 3) { edges { node { quote source { publisher } } } } } } } } } } }',
  ],
  [
    'cursors, pageInfo, totalCount, aliases, fragments',
    nested,
    { n: 3, order: [{ field: 'ANNOUNCED_ON', direction: 'DESC' }], withCursor: true },
  ],
  ['the same without cursors, default ordering', nested, { n: 2, order: null, withCursor: false }],
  ['empty pages', nested, { n: 0, order: null, withCursor: true }],
  ['a relation under two response keys', twice],
  [
    'four levels',
    '{ programs(first: 5, orderBy: [{ field: ANNOUNCED_ON, direction: DESC }]) { edges { node { name initiatives(first: 8) { totalCount edges { node { name allocations(first: 5) { edges { cursor node { quantity partner { name } citations(first: 3) { edges { node { quote source { publisher } } } } } } } } } } } } } }',
  ],
  [
    'filtered and ordered',
    '{ partners(first: 20, filter: { kind: { eq: COMPANY } }, orderBy: [{ field: NAME, direction: DESC }]) { edges { node { name allocations(first: 5, filter: { status: { in: [CONTRACTED, DELIVERING, OPERATIONAL] }, quantity: { gte: 1000 } }, orderBy: [{ field: ANNOUNCED_ON, direction: DESC }]) { edges { node { quantity status announcedOn gpuModel { name } } } } } } } }',
  ],
  [
    'a field plugin-drizzle resolves by response path (a computed one)',
    '{ programs(first: 3) { totalCount edges { cursor node { name nationalCapacity { before after } initiatives(first: 2) { edges { node { name } } } } } } }',
  ],
  [
    'a field plugin-drizzle resolves by response path (a citation subject)',
    '{ programs(first: 3) { edges { node { name initiatives(first: 2) { edges { node { name citations(first: 1) { edges { node { subject { id } } } } } } } } } } }',
  ],
  [
    'an oversized nested page is refused the same way',
    '{ partners(first: 2) { edges { node { allocations(first: 500) { edges { node { id } } } } } } }',
  ],
  [
    'a forged nested cursor is refused the same way',
    '{ partners(first: 2) { edges { node { allocations(first: 1, after: "bm9wZQ") { edges { node { id } } } } } } }',
  ],
];

describe('the read planner', () => {
  const { planned, plannedWithoutJit, unplanned, statements, reset } = servers(22, 80);

  for (const [name, query, variables] of cases) {
    it(`answers ${name} byte for byte as plugin-drizzle alone does, with as many statements`, async () => {
      reset();
      const expected = await post(unplanned, query, variables);
      const unplannedStatements = statements();
      for (const server of [planned, plannedWithoutJit]) {
        // Twice: the second request reruns the root list's prepared statement (planner-plugin.ts).
        for (const time of ['first', 'again']) {
          reset();
          const answer = await post(server, query, variables);
          expect(answer, time).toBe(expected);
          expect(statements(), time).toBe(unplannedStatements);
        }
      }
      const answer = await post(planned, query, variables);
      // Only the two refusals answer errors; every other case must be data, or it tests nothing.
      expect(answer.includes('"errors"')).toBe(/refused/.test(name));
    });
  }

  it('issues nested cursors that page on correctly (the page after is read through plugin-drizzle)', async () => {
    const page = (after: string | null) =>
      `{ partners(first: 3) { edges { node { allocations(first: 2${after ? `, after: "${after}"` : ''}) { pageInfo { endCursor hasNextPage } edges { cursor node { id } } } } } } }`;
    type Answer = {
      data: {
        partners: { edges: { node: { allocations: { pageInfo: { endCursor: string | null }; edges: { node: { id: string } }[] } } }[] };
      };
    };
    const first = JSON.parse((await post(planned, page(null))).slice(4)) as Answer;
    const whole = JSON.parse(
      (await post(planned, '{ partners(first: 3) { edges { node { allocations(first: 4) { edges { node { id } } } } } } }')).slice(4),
    ) as Answer;
    const cursor = first.data.partners.edges.find((edge) => edge.node.allocations.pageInfo.endCursor)!.node.allocations.pageInfo.endCursor!;
    const index = first.data.partners.edges.findIndex((edge) => edge.node.allocations.pageInfo.endCursor === cursor);
    const next = JSON.parse((await post(planned, page(cursor))).slice(4)) as Answer;
    // Every partner's list pages after the cursor; the partner it came from continues its own list.
    const ids = (answer: Answer, at: number) => answer.data.partners.edges[at]!.node.allocations.edges.map((edge) => edge.node.id);
    expect(ids(next, index)).toEqual(ids(whole, index).slice(2, 4));
  });

  it("reruns a repeated document's statement, reading the rows as they are now", async () => {
    const { db, planned: fresh, unplanned: reference } = servers(5, 20);
    const query = `query Page($first: Int) { partners(first: $first, orderBy: [{ field: NAME, direction: ASC }]) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { name allocations(first: 2) { totalCount edges { node { quantity } } } } } } }`;
    await post(fresh, query, { first: 3 });
    await post(fresh, query, { first: 3 });
    // A renamed partner, and a partner added at the head of the order, change the page.
    db.$client.prepare("UPDATE partners SET name = 'Aaa renamed' WHERE id = (SELECT max(id) FROM partners)").run();
    db.$client.prepare("INSERT INTO partners (slug, name, kind) VALUES ('aaa-added', 'Aaa added', 'COMPANY')").run();
    const now = await post(reference, query, { first: 3 });
    expect(now).toContain('Aaa added');
    expect(await post(fresh, query, { first: 3 })).toBe(now);
    // Other variables are another statement, learned and then rerun.
    const other = await post(reference, query, { first: 1 });
    expect(await post(fresh, query, { first: 1 })).toBe(other);
    expect(await post(fresh, query, { first: 1 })).toBe(other);
  });

  it('keeps the statements per request constant in the size of the result', async () => {
    const query = cases[0]![1];
    const small = servers(1, 10);
    await post(small.planned, query);
    small.reset();
    await post(small.planned, query);
    const few = small.statements();
    const large = servers(2, 600);
    await post(large.planned, query);
    large.reset();
    await post(large.planned, query);
    expect(large.statements()).toBe(few);
    // One relational query, as plugin-drizzle alone runs it.
    expect(few).toBe(1);
  });

  it('lets graphql-jit compile the planned nested lists, and only those', () => {
    expect(compilable(schema, parse(cases[0]![1]))).toBe(true);
    expect(compilable(schema, parse(cases.find(([name]) => name === 'four levels')![1]))).toBe(true);
    // A page after a cursor is plugin-drizzle's, which finds its rows by path: not compiled.
    expect(compilable(schema, parse(cases.find(([name]) => name.startsWith('a forged'))![1]))).toBe(false);
    // A field the planner does not serve (a citation's subject) keeps graphql-js.
    expect(compilable(schema, parse('{ partners { edges { node { citations { edges { node { subject { id } } } } } } } }'))).toBe(false);
  });

  it('plans the connections and relations beneath a root list, and leaves pages after a cursor out', () => {
    const document = parse(
      '{ partners { edges { node { name allocations(first: 2) { edges { node { partner { name } citations { totalCount edges { node { id } } } } } } later: investments(after: "x") { totalCount } } } } }',
    );
    const root = (document.definitions[0] as OperationDefinitionNode).selectionSet.selections[0] as FieldNode;
    const edges = root.selectionSet!.selections[0] as FieldNode;
    const node = edges.selectionSet!.selections[0] as FieldNode;
    const partner = schema.getType('Partner');
    if (!isObjectType(partner)) throw new Error('Partner is not an object type');
    const plan = planNode(partner, [node], { schema, fragments: {}, variableValues: {} }, {});
    expect(plan?.fields.map((field) => [field.kind, field.key, field.name])).toEqual([['connection', 'allocations', 'allocations']]);
    const allocations = plan!.fields[0]!;
    expect(allocations.kind === 'connection' && allocations.limit).toBe(3);
    expect(allocations.child?.fields.map((field) => [field.kind, field.key])).toEqual([
      ['relation', 'partner'],
      ['connection', 'citations'],
    ]);
    expect(node.kind).toBe(Kind.FIELD);
  });
});
