// Compiled execution (graphql-jit) runs only where it cannot hurt, and answers as graphql-js does.
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../src/graphql/index.js';
import { compilable } from '../src/server/jit.js';
import { createGraphQLServer } from '../src/server/yoga.js';
import { execute, seededDatabase, StatementLog } from './helpers.js';

const globalId = (typename: string, id: number) => Buffer.from(`${typename}:${id}`).toString('base64');

describe('which operations are compiled', () => {
  it("totals, group-bys, counts and one row's relations; nothing that loads rows beneath a list", () => {
    const verdict = (query: string) => compilable(schema, parse(query));
    expect(verdict('{ allocationTotals(groupBy: [PARTNER]) { gpuTotal { quantity } groups { label share } } }')).toBe(true);
    expect(verdict('{ program(slug: "korea-2025") { name gpuTotal { quantity bound } partnerCount } }')).toBe(true);
    expect(verdict('{ partners { totalCount } }')).toBe(true);
    expect(verdict('query Q { ...Totals } fragment Totals on Query { allocationTotals(groupBy: []) { gpuTotal { quantity } } }')).toBe(
      true,
    );
    // One row and its to-one relations: plugin-drizzle finds what it preloaded without paths.
    expect(verdict('{ node(id: "x") { id ... on Allocation { partner { name } gpuModel { name } } } }')).toBe(true);
    expect(verdict('{ program(slug: "korea-2025") { name allocations { totalCount } } }')).toBe(true);
    expect(verdict('{ _entities(representations: []) { ... on Partner { slug name } } }')).toBe(true);
    // Beneath a list's items they come from plugin-drizzle's preloading by path, which jit defeats.
    expect(verdict('{ allocationTotals(groupBy: [PARTNER]) { groups { partner { name } } } }')).toBe(false);
    expect(verdict('{ partners(first: 2) { edges { node { name } } } }')).toBe(false);
    expect(verdict('{ node(id: "x") { ... on Partner { allocations(first: 2) { edges { node { quantity } } } } } }')).toBe(false);
    expect(verdict('{ _entities(representations: []) { ... on Partner { allocations { totalCount } } } }')).toBe(false);
    // A fragment counts as beneath a list wherever it is spread.
    expect(verdict('{ program(slug: "korea-2025") { ...P } } fragment P on Program { allocations { totalCount } }')).toBe(false);
    expect(verdict('mutation { deleteSource(input: { id: "x", expectedVersion: 1 }) { __typename } }')).toBe(false);
    // A variable of a recursive input type (every filter, through AND / OR / NOT): graphql-jit's
    // compiler unrolls it without end. Scalars and literal filters compile as before.
    expect(verdict('query ($f: PartnerFilter) { partners(filter: $f) { totalCount } }')).toBe(false);
    expect(verdict('query ($f: [AllocationFilter!]) { allocations(filter: { AND: $f }) { totalCount } }')).toBe(false);
    expect(verdict('query ($slug: String!) { program(slug: $slug) { partnerCount } }')).toBe(true);
    expect(verdict('{ partners(filter: { search: "samsung" }) { totalCount } }')).toBe(true);
  });
});

describe('compiled and interpreted execution', () => {
  it('give the same answers, errors with their locations included, and the same statement count', async () => {
    const statements = new StatementLog();
    const db = seededDatabase({ logger: statements });
    const compiled = createGraphQLServer({ db, graphiql: false, logging: false, responseCache: false }).yoga;
    const interpreted = createGraphQLServer({ db, graphiql: false, logging: false, responseCache: false, jit: false }).yoga;
    const queries = [
      '{ allocationTotals(groupBy: [PARTNER_KIND, STATUS]) { gpuTotal { quantity bound lowerBound upperBound exact byBound { bound quantity } } groups { label labelKo partnerKind status share allocationCount } } }',
      '{ program(slug: "korea-2025") { name gpuTotal { quantity bound } partnerCount nationalCapacity { before after } } }',
      // An error in a compiled query: EXCHANGE_RATE_MISSING at line 3.
      '{\n  programs { totalCount }\r\n  x: investmentTotals(groupBy: [PROGRAM], currency: "JPY") { total { amount } } }',
      '{ partners(first: 3) { edges { node { name allocations(first: 2) { edges { node { quantity } } } } } } }',
      // Compiled: one row with its relations, by global ID and by federation reference.
      `{ node(id: "${globalId('Allocation', 1)}") { id ... on Allocation { quantity bound status announcedOn partner { name slug } gpuModel { name } initiative { name } } } }`,
      `{ nodes(ids: ["${globalId('Partner', 1)}", "${globalId('Program', 1)}", "${globalId('Partner', 999)}"]) { id ... on Partner { name kind } ... on Program { slug partnerCount } } }`,
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Partner { id slug name kind } ... on Program { name } } }`,
      '{ partner(slug: "kt") { name gpuTotal { quantity } allocations { totalCount } } }',
    ];
    const variables = {
      r: [
        { __typename: 'Partner', slug: 'kt' },
        { __typename: 'Program', slug: 'korea-2025' },
        { __typename: 'Partner', slug: 'none' },
      ],
    };
    // The `_entities` case ends in an unknown reference, whose null item graphql-jit leaves out
    // of the list unless useCompiledErrors puts it back.
    expect(queries.slice(4).map((query) => compilable(schema, parse(query)))).toEqual([true, true, true, true]);
    for (const query of queries) {
      // Twice each: jit compiles on first use and serves later ones from its cache.
      for (let round = 0; round < 2; round += 1) {
        statements.reset();
        const fast = await execute(compiled, query, variables);
        const fastStatements = statements.count;
        statements.reset();
        const plain = await execute(interpreted, query, variables);
        expect(fast, query).toEqual(plain);
        expect(fastStatements, query).toBe(statements.count);
      }
    }
    // Variables refused before execution: a 400, as without jit.
    const refused = await execute(compiled, 'query ($n: Int) { partners(first: $n) { totalCount } }', { n: 'ten' });
    expect(refused.status).toBe(400);
    expect(refused.body.errors?.[0]?.message).toMatch(/\$n/);
    const failed = await execute(compiled, queries[2]!);
    expect(failed.body.errors?.[0]).toMatchObject({ extensions: { code: 'EXCHANGE_RATE_MISSING' }, locations: [{ line: 3, column: 3 }] });
  });
});
