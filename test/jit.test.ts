// Compiled execution (graphql-jit) runs only where it cannot hurt, and answers as graphql-js does.
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../src/schema/index.js';
import { compilable } from '../src/server/jit.js';
import { createGraphQLServer } from '../src/server/yoga.js';
import { execute, seededDatabase } from './helpers.js';

describe('which operations are compiled', () => {
  it('totals, group-bys and counts below root fields; nothing that loads rows below the root', () => {
    const verdict = (query: string) => compilable(schema, parse(query));
    expect(verdict('{ allocationTotals(groupBy: [PARTNER]) { gpuTotal { quantity } groups { label share } } }')).toBe(true);
    expect(verdict('{ program(slug: "korea-2025") { name gpuTotal { quantity bound } partnerCount } }')).toBe(true);
    expect(verdict('{ partners { totalCount } }')).toBe(true);
    expect(verdict('query Q { ...Totals } fragment Totals on Query { allocationTotals(groupBy: []) { gpuTotal { quantity } } }')).toBe(true);
    // Below the root these come from plugin-drizzle's preloading, which jit defeats.
    expect(verdict('{ allocationTotals(groupBy: [PARTNER]) { groups { partner { name } } } }')).toBe(false);
    expect(verdict('{ partners(first: 2) { edges { node { name } } } }')).toBe(false);
    expect(verdict('{ node(id: "x") { id ... on Allocation { partner { name } } } }')).toBe(false);
    expect(verdict('{ program(slug: "korea-2025") { ...P } } fragment P on Program { allocations { totalCount } }')).toBe(false);
    expect(verdict('mutation { deleteSource(input: { id: "x", expectedVersion: 1 }) { __typename } }')).toBe(false);
  });
});

describe('compiled and interpreted execution', () => {
  it('give the same answers, errors with their locations included, and the same statement count', async () => {
    let statements = 0;
    const db = seededDatabase({ logger: { logQuery: () => (statements += 1) } });
    const compiled = createGraphQLServer({ db, graphiql: false, logging: false, responseCache: false });
    const interpreted = createGraphQLServer({ db, graphiql: false, logging: false, responseCache: false, jit: false });
    const queries = [
      '{ allocationTotals(groupBy: [PARTNER_KIND, STATUS]) { gpuTotal { quantity bound lowerBound upperBound exact byBound { bound quantity } } groups { label labelKo partnerKind status share allocationCount } } }',
      '{ program(slug: "korea-2025") { name gpuTotal { quantity bound } partnerCount nationalCapacity { before after } } }',
      // An error in a compiled query: EXCHANGE_RATE_MISSING at line 3.
      '{\n  programs { totalCount }\r\n  x: investmentTotals(groupBy: [PROGRAM], currency: "JPY") { total { amount } } }',
      '{ partners(first: 3) { edges { node { name allocations(first: 2) { edges { node { quantity } } } } } } }',
    ];
    for (const query of queries) {
      // Twice each: jit compiles on first use and serves later ones from its cache.
      for (let round = 0; round < 2; round += 1) {
        statements = 0;
        const fast = await execute(compiled, query);
        const fastStatements = statements;
        statements = 0;
        const plain = await execute(interpreted, query);
        expect(fast, query).toEqual(plain);
        expect(fastStatements, query).toBe(statements);
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
