// A page of a list that selects relations is ordered and cut before the relations' JSON is built
// (patches/drizzle-orm+1.0.0-rc.4.patch, dialect.js): SQLite's sorter otherwise builds the nested
// JSON of every matching row and keeps the page. The answer must be the page a plain SQL query
// finds, in its order, and the statement must cut the rows in a subquery.
// A limit given as a number is written into the SQL (the same patch): SQLite compiles a statement
// again on every execution that binds anew a limit inside a subquery. A placeholder stays bound.
import { sql } from 'drizzle-orm';
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
    expect(root).toMatch(/ from \(select [^()]* from "partners" as "d0" where .* order by .* limit 5\) as "d0" order by /);
    expect(root).toMatch(/from \(select [^()]* from "allocations" as "d1" where .* limit 4\) as "d1" order by /);
  });
});

describe('limits in relational queries', () => {
  it("writes numeric limits, a one-relation's included, into the SQL", async () => {
    const statements: string[] = [];
    const db = seededDatabase({ logger: { logQuery: (text) => statements.push(text) } });
    const yoga = createGraphQLServer({ db, graphiql: false, logging: false, responseCache: false }).yoga;
    const id = Buffer.from(
      `Allocation:${(db.$client.prepare('select min(id) as id from allocations').get() as { id: number }).id}`,
    ).toString('base64');
    statements.length = 0;
    const response = await yoga.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ node(id: "${id}") { ... on Allocation { quantity partner { name } gpuModel { name } } } }` }),
    });
    const answer = (await response.json()) as { data: { node: { partner: { name: string } } } };
    expect(answer.data.node.partner.name).toBeTruthy();
    const lookup = statements.find((text) => text.includes('"allocations" as "d0"'));
    expect(lookup?.match(/ limit 1\) as "t"/g)).toHaveLength(2);
    expect(lookup).not.toMatch(/limit \?/);
  });

  it('keeps a placeholder limit bound, and answers each value it is given', () => {
    const db = seededDatabase();
    const prepared = db.query.partners
      .findMany({
        columns: { id: true },
        orderBy: { id: 'asc' },
        limit: sql.placeholder('partners'),
        with: { allocations: { columns: { id: true }, orderBy: { id: 'asc' }, limit: sql.placeholder('allocations') } },
      })
      .prepare();
    expect(prepared.getQuery().sql.match(/ limit \?\)/g)).toHaveLength(2);
    const sqlite = db.$client;
    for (const [partners, allocations] of [
      [2, 1],
      [3, 2],
    ] as const) {
      const rows = prepared.all({ partners, allocations }) as { id: number; allocations: { id: number }[] }[];
      expect(rows.map((row) => row.id)).toEqual(
        (sqlite.prepare('select id from partners order by id limit ?').all(partners) as { id: number }[]).map((row) => row.id),
      );
      for (const row of rows)
        expect(row.allocations.map((allocation) => allocation.id)).toEqual(
          (
            sqlite.prepare('select id from allocations where partner_id = ? order by id limit ?').all(row.id, allocations) as {
              id: number;
            }[]
          ).map((allocation) => allocation.id),
        );
    }
  });
});
