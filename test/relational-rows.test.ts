// A nested page's subquery selects only the columns read around it, and nested rows whose columns
// need no decoding are not walked (patches/drizzle-orm+1.0.0-rc.4.patch, dialect.js and
// relations.js). The SQL is read through a real logger; the answers are compared with what plain
// SQL finds, JSON columns beneath undecoded levels included.
import { describe, expect, it } from 'vitest';
import { createGraphQLServer } from '../src/server/yoga.js';
import { seededDatabase } from './helpers.js';

async function run(query: string) {
  const statements: string[] = [];
  const db = seededDatabase({ logger: { logQuery: (text) => statements.push(text) } });
  const yoga = createGraphQLServer({ db, graphiql: false, logging: false, responseCache: false }).yoga;
  statements.length = 0;
  const response = await yoga.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  return { db, statements, body: (await response.json()) as { data?: unknown; errors?: unknown } };
}

type Connection<T> = { edges: { node: T }[] };

describe('nested pages of a relational query', () => {
  it('select only the columns their level, its relations and its order read', async () => {
    const { db, statements, body } = await run(`{
      programs(first: 2, orderBy: [{ field: ANNOUNCED_ON, direction: DESC }]) { edges { node { name
        initiatives(first: 3) { edges { node { name
          allocations(first: 2) { edges { node { quantity partner { slug } citations(first: 2) { edges { node { quote source { publisher } } } } } } }
        } } }
      } } }
    }`);
    expect(body.errors).toBeUndefined();
    const root = statements.find((text) => text.includes('"programs" as "d0"'))!;
    expect(root).toBeDefined();
    expect(root).not.toContain('select *');
    // Each level's subquery carries the join column its to-one relation reads beneath it.
    expect(root).toMatch(
      /\(select "d2"\."[a-z_]+" as "[a-z_]+", [^()]*"d2"\."partner_id" as "partner_id"[^()]* from "allocations" as "d2" where /,
    );
    expect(root).toMatch(/\(select [^()]*"d3"\."source_id" as "source_id"[^()]* from "citations" as "d3" where /);
    const data = body.data as {
      programs: Connection<{ initiatives: Connection<{ allocations: Connection<{ quantity: number; partner: { slug: string } }> }> }>;
    };
    const sqlite = db.$client;
    const partners = data.programs.edges.flatMap((program) =>
      program.node.initiatives.edges.flatMap((initiative) => initiative.node.allocations.edges.map((edge) => edge.node.partner.slug)),
    );
    expect(partners.length).toBeGreaterThan(0);
    const slugs = new Set(sqlite.prepare('select slug from partners').pluck().all() as string[]);
    for (const slug of partners) expect(slugs.has(slug)).toBe(true);
  });

  it('still decodes JSON columns beneath levels that need no decoding', async () => {
    const { db, body } = await run(`{
      programs(first: 5) { edges { node { slug
        initiatives(first: 20) { edges { node { slug technologies
          allocations(first: 3) { edges { node { quantity partner { slug aliases } } } }
        } } }
      } } }
    }`);
    expect(body.errors).toBeUndefined();
    const data = body.data as {
      programs: Connection<{
        initiatives: Connection<{
          slug: string;
          technologies: string[];
          allocations: Connection<{ partner: { slug: string; aliases: string[] } }>;
        }>;
      }>;
    };
    const sqlite = db.$client;
    const technologiesOf = sqlite.prepare('select technologies from initiatives where slug = ?').pluck();
    const aliasesOf = sqlite.prepare('select aliases from partners where slug = ?').pluck();
    const initiatives = data.programs.edges.flatMap((program) => program.node.initiatives.edges.map((edge) => edge.node));
    const partners = initiatives.flatMap((initiative) => initiative.allocations.edges.map((edge) => edge.node.partner));
    // The data set must hold non-empty values, or the comparison proves nothing.
    expect(initiatives.some((initiative) => initiative.technologies.length > 0)).toBe(true);
    expect(partners.some((partner) => partner.aliases.length > 0)).toBe(true);
    for (const initiative of initiatives)
      expect(initiative.technologies).toEqual(JSON.parse(technologiesOf.get(initiative.slug) as string));
    for (const partner of partners) expect(partner.aliases).toEqual(JSON.parse(aliasesOf.get(partner.slug) as string));
  });
});
