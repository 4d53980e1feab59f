// Compiled results are written by graphql-jit's compiled serializer (fast-json-stringify) where it
// can write every field of the document, with the bytes JSON.stringify writes; a document it
// cannot compile a serializer for (a custom scalar such as Date) is answered as before.
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../src/graphql/index.js';
import { compilable, serializable } from '../src/server/jit.js';
import { createGraphQLServer } from '../src/server/yoga.js';
import { seededDatabase } from './helpers.js';

const nested = `{
  programs(first: 3) { edges { node { name initiatives(first: 4) { edges { node { name
    allocations(first: 3) { edges { node { quantity status partner { name } citations(first: 2) { edges { node { quote source { publisher } } } } } } }
  } } } } } }
}`;
const withDates = `{
  partners(first: 5, orderBy: [{ field: NAME, direction: DESC }]) { edges { node { name
    allocations(first: 3, orderBy: [{ field: ANNOUNCED_ON, direction: DESC }]) { edges { node { quantity announcedOn } } }
  } } }
}`;

async function answers(query: string): Promise<{ compiled: string; interpreted: string }> {
  const db = seededDatabase();
  const post = async (jit: boolean) => {
    const { yoga } = createGraphQLServer({ db, graphiql: false, logging: false, responseCache: false, jit });
    const response = await yoga.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
    });
    return response.text();
  };
  return { compiled: await post(true), interpreted: await post(false) };
}

describe("graphql-jit's compiled serializer", () => {
  it('writes a nested list of built-in scalars and enums with the bytes JSON.stringify writes', async () => {
    const document = parse(nested);
    expect(compilable(schema, document)).toBe(true);
    expect(serializable(schema, document)).toBe(true);
    const { compiled, interpreted } = await answers(nested);
    expect(JSON.parse(compiled).errors).toBeUndefined();
    expect(JSON.parse(compiled).data.programs.edges.length).toBeGreaterThan(0);
    expect(compiled).toBe(interpreted);
  });

  it('is not used for a document with a custom scalar, which still answers as before', async () => {
    const document = parse(withDates);
    expect(compilable(schema, document)).toBe(true);
    expect(serializable(schema, document)).toBe(false);
    const { compiled, interpreted } = await answers(withDates);
    const answer = JSON.parse(compiled) as {
      errors?: unknown;
      data: { partners: { edges: { node: { allocations: { edges: { node: { announcedOn: string } }[] } } }[] } };
    };
    expect(answer.errors).toBeUndefined();
    const dates = answer.data.partners.edges.flatMap(({ node }) => node.allocations.edges.map((edge) => edge.node.announcedOn));
    expect(dates.length).toBeGreaterThan(0);
    for (const date of dates) expect(date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(compiled).toBe(interpreted);
  });

  it('is refused for interfaces, unions and custom scalars anywhere in the document', () => {
    const verdict = (query: string) => serializable(schema, parse(query));
    expect(verdict('{ partners(first: 2) { edges { node { name kind } } } }')).toBe(true);
    expect(verdict('{ node(id: "x") { id } }')).toBe(false);
    expect(verdict('{ partners(first: 2) { edges { node { allocations(first: 1) { edges { node { announcedOn } } } } } } }')).toBe(false);
  });
});
