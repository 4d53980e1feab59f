// The operations GraphiQL preloads run as they are against the seed.
import { parse, OperationTypeNode, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { exampleOperations } from '../src/server/example-operations.js';
import { execute, seededServer } from './helpers.js';

const operations = parse(exampleOperations).definitions.filter(
  (definition): definition is OperationDefinitionNode =>
    definition.kind === 'OperationDefinition' && definition.operation === OperationTypeNode.QUERY,
);

describe('GraphiQL example operations', () => {
  // The whole bundled seed, as a server starts with it.
  const { yoga } = seededServer({ world: true });

  it('include a dashboard summary, quotes, a search and paging', () => {
    expect(operations.map((operation) => operation.name?.value)).toEqual(
      expect.arrayContaining(['DashboardSummary', 'PartnersWithAllocationsAndQuotes', 'SearchInKoreanOrEnglish', 'PageThroughPartners']),
    );
  });

  it('compare programmes: totals by country, the largest allocations, programmes by supplier, disagreements', () => {
    expect(operations.map((operation) => operation.name?.value)).toEqual(
      expect.arrayContaining([
        'CompareProgrammesByCountry',
        'InvestmentTotalsByProgrammeInUSD',
        'LargestAllocationsWorldwide',
        'ProgrammesBySupplier',
        'WhereSourcesDisagreeMost',
      ]),
    );
  });

  it('the comparisons span the world: many programmes and countries, the largest allocation first', async () => {
    const run = async (name: string) => {
      const response = await yoga.fetch('http://localhost/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: exampleOperations, operationName: name }),
      });
      return (await response.json()) as { data: Record<string, any> };
    };
    // Counts as the bundled seed gives them: a figure no stored page with both a title and a date states is held back
    // (docs/research/gaps.txt), so India, Japan, Italy and Sweden have no GPU allocation to compare.
    const compare = await run('CompareProgrammesByCountry');
    const countries = new Set(compare.data.allocationTotals.groups.map((group: any) => group.program.country));
    expect(countries.size).toBeGreaterThanOrEqual(11);
    const largest = (await run('LargestAllocationsWorldwide')).data.allocations.edges.map((edge: any) => edge.node.quantity);
    expect(largest).toEqual([...largest].sort((a: number, b: number) => b - a));
    expect(largest[0]).toBeGreaterThanOrEqual(100000);
    // Every programme that states money has a rate within 14 days of it: each is a group, none is left out.
    const money = (await run('InvestmentTotalsByProgrammeInUSD')).data.investmentTotals;
    const investments = (
      await execute<any>(yoga, '{ investments(first: 100) { totalCount edges { node { excludedFromTotals program { name } } } } }')
    ).body.data!.investments;
    expect(investments.totalCount).toBeLessThanOrEqual(100);
    const withMoney = new Set(
      investments.edges.filter((edge: any) => edge.node.excludedFromTotals === null).map((edge: any) => edge.node.program.name),
    );
    expect(money.groups.map((group: any) => group.program.name).sort()).toEqual([...withMoney].sort());
    expect(money.groups.length).toBeGreaterThanOrEqual(12);
    const bySupplier = (await run('ProgrammesBySupplier')).data.programs;
    expect(bySupplier.totalCount).toBeGreaterThanOrEqual(12);
  });

  it.each(operations.map((operation) => [operation.name!.value]))('%s runs without errors and finds data', async (name) => {
    const response = await yoga.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: exampleOperations, operationName: name }),
    });
    const body = (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
    expect(body.errors).toBeUndefined();
    expect(JSON.stringify(body.data)).not.toMatch(/"edges":\[\]/);
  });

  it('the search example finds Samsung Electronics from its Korean name', async () => {
    const { body } = await execute<{ partners: { edges: { node: { name: string } }[] } }>(
      yoga,
      exampleOperations.slice(
        exampleOperations.indexOf('query SearchInKoreanOrEnglish'),
        exampleOperations.indexOf('query GovernmentAllocations'),
      ),
    );
    expect(body.data!.partners.edges.map((edge) => edge.node.name)).toEqual(['Samsung Electronics']);
  });
});
