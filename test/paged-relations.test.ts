// A page of a list that selects relations is ordered and cut before the relations' JSON is built
// (patches/drizzle-orm+1.0.0-rc.4.patch, dialect.js): SQLite's sorter otherwise builds the nested
// JSON of every matching row and keeps the page. The answer must be the page a plain SQL query
// finds, in its order, and the statement must cut the rows in a subquery.
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../src/db/synthetic.js';
import { createGraphQLServer } from '../src/server/yoga.js';
import { insertRandomAllocations, seededDatabase } from './helpers.js';

const query = `{
  partners(first: 4, filter: { kind: { eq: COMPANY } }, orderBy: [{ field: NAME, direction: DESC }]) { edges { node { name
    allocations(first: 3, filter: { quantity: { gte: 100 } }, orderBy: [{ field: QUANTITY, direction: DESC }]) { edges { node { quantity gpuModel { name } } } }
  } } }
}`;

describe('a page of rows with relations', () => {
  it('is the page plain SQL finds, and is cut before the nested JSON is built', async () => {
    const statements: string[] = [];
    const db = seededDatabase({ logger: { logQuery: (text) => statements.push(text) } });
    insertRandomAllocations(db, mulberry32(11), 400);
    const yoga = createGraphQLServer({ db, graphiql: false, logging: false, responseCache: false }).yoga;
    statements.length = 0;
    const response = await yoga.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
    });
    const answer = (await response.json()) as {
      data: { partners: { edges: { node: { name: string; allocations: { edges: { node: { quantity: number } }[] } } }[] } };
    };
    const sqlite = db.$client;
    const expected = (
      sqlite.prepare("select id, name from partners where kind = 'COMPANY' order by name desc, id desc limit 4").all() as {
        id: number;
        name: string;
      }[]
    ).map((partner) => ({
      name: partner.name,
      quantities: (
        sqlite
          .prepare('select quantity from allocations where partner_id = ? and quantity >= 100 order by quantity desc, id desc limit 3')
          .all(partner.id) as { quantity: number }[]
      ).map((row) => row.quantity),
    }));
    expect(expected.some((partner) => partner.quantities.length > 0)).toBe(true);
    expect(
      answer.data.partners.edges.map(({ node }) => ({
        name: node.name,
        quantities: node.allocations.edges.map((edge) => edge.node.quantity),
      })),
    ).toEqual(expected);
    const root = statements.find((text) => text.includes('"partners" as "d0"'));
    expect(root).toMatch(/ from \(select [^()]* from "partners" as "d0" where .* order by .* limit \?\) as "d0" order by /);
    expect(root).toMatch(/from \(select [^()]* from "allocations" as "d1" where .* limit \?\) as "d1" order by /);
  });
});
