// The loadedColumns plugin (src/graphql/plugins/loaded-columns-plugin.ts): which fields it recognises in the
// real schema, and that answers through it equal the database, whether the row carries the column
// (read from the row) or not (plugin-drizzle loads it as before).
import { getNamedType, getNullableType, isListType, isObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../src/db/synthetic.js';
import { exposedColumn, loadedRelation } from '../src/graphql/plugins/loaded-columns-plugin.js';
import { schema } from '../src/graphql/index.js';
import { execute, insertRandomAllocations, seededServer, StatementLog } from './helpers.js';

function fieldExtensions(type: string, field: string): Record<string, unknown> {
  const object = schema.getType(type);
  if (!isObjectType(object)) throw new Error(`${type} is not an object type`);
  const found = object.getFields()[field];
  if (!found) throw new Error(`${type}.${field} does not exist`);
  return found.extensions as Record<string, unknown>;
}

/** The seeded server with `count` random allocations more, counting the statements run after them. */
function serverWithAllocations(seed: number, count: number) {
  const statements = new StatementLog();
  const { db, yoga } = seededServer({ logger: statements });
  insertRandomAllocations(db, mulberry32(seed), count);
  statements.reset();
  return { db, yoga, statements: () => statements.count };
}

describe('loadedColumns', () => {
  it("recognises plugin-drizzle's exposed columns, and nothing else", () => {
    // A canary for upgrades: if either plugin renames these extension keys, this fails.
    expect(exposedColumn(fieldExtensions('Partner', 'name'))).toBe('name');
    expect(exposedColumn(fieldExtensions('Partner', 'nameKo'))).toBe('nameKo');
    expect(exposedColumn(fieldExtensions('Allocation', 'quantity'))).toBe('quantity');
    expect(exposedColumn(fieldExtensions('Allocation', 'version'))).toBe('version');
    expect(exposedColumn(fieldExtensions('Citation', 'quote'))).toBe('quote');
    expect(exposedColumn(fieldExtensions('Source', 'publisher'))).toBe('publisher');
    // Relations, connections, computed fields and non-drizzle types are left to their resolvers.
    expect(exposedColumn(fieldExtensions('Citation', 'source'))).toBeNull();
    expect(exposedColumn(fieldExtensions('Partner', 'allocations'))).toBeNull();
    expect(exposedColumn(fieldExtensions('Partner', 'gpuTotal'))).toBeNull();
    expect(exposedColumn(fieldExtensions('Program', 'nationalCapacity'))).toBeNull();
    expect(exposedColumn(fieldExtensions('AllocationGroup', 'label'))).toBeNull();
  });

  it("recognises plugin-drizzle's to-one relations without arguments, and nothing else", () => {
    const config = (type: string, field: string) => {
      const object = schema.getType(type);
      if (!isObjectType(object)) throw new Error(`${type} is not an object type`);
      const found = object.getFields()[field]!;
      const named = getNamedType(found.type);
      return {
        extensions: found.extensions as Record<string, unknown>,
        args: Object.fromEntries(found.args.map((arg) => [arg.name, arg])),
        type: { kind: isListType(getNullableType(found.type)) ? 'List' : isObjectType(named) ? 'Object' : 'Scalar' },
      };
    };
    expect(loadedRelation(config('Citation', 'source'))).toBeTypeOf('function');
    expect(loadedRelation(config('Allocation', 'partner'))).toBeTypeOf('function');
    expect(loadedRelation(config('Allocation', 'initiative'))).toBeTypeOf('function');
    expect(loadedRelation(config('Partner', 'allocations'))).toBeNull();
    expect(loadedRelation(config('Partner', 'name'))).toBeNull();
    expect(loadedRelation(config('Citation', 'subject'))).toBeNull();
    expect(loadedRelation(config('Program', 'nationalCapacity'))).toBeNull();
  });

  it('answers to-one relations from the row, or through plugin-drizzle when more is selected beneath', async () => {
    const { db, yoga, statements } = serverWithAllocations(9, 200);
    const { body } = await execute<{
      allocations: {
        edges: {
          node: {
            partner: { name: string; id: string };
            gpuModel: { slug: string } | null;
            initiative: { name: string; program: { slug: string } } | null;
          };
        }[];
      };
    }>(
      yoga,
      `{ allocations(first: 100, orderBy: [{ field: QUANTITY, direction: ASC }]) { edges { node {
          partner { __typename name id } gpuModel { slug } initiative { name program { slug } } } } } }`,
    );
    expect(body.errors).toBeUndefined();
    expect(statements()).toBe(1);
    const rows = db.$client
      .prepare(
        `SELECT p.name AS partner, p.id AS partnerId, g.slug AS model, i.name AS initiative, ip.slug AS initiativeProgram
         FROM allocations a JOIN partners p ON p.id = a.partner_id LEFT JOIN gpu_models g ON g.id = a.gpu_model_id
         LEFT JOIN initiatives i ON i.id = a.initiative_id LEFT JOIN programs ip ON ip.id = i.program_id
         ORDER BY a.quantity ASC, a.id ASC LIMIT 100`,
      )
      .all() as { partner: string; partnerId: number; model: string | null; initiative: string | null; initiativeProgram: string | null }[];
    expect(
      body.data!.allocations.edges.map(({ node }) => ({
        partner: node.partner.name,
        partnerId: Number(Buffer.from(node.partner.id, 'base64').toString().split(':')[1]),
        model: node.gpuModel?.slug ?? null,
        initiative: node.initiative?.name ?? null,
        initiativeProgram: node.initiative?.program.slug ?? null,
      })),
    ).toEqual(rows);
    expect(rows.some((row) => row.model === null) && rows.some((row) => row.initiative !== null)).toBe(true);
  });

  it('answers a nested list as the database holds it, in one statement', async () => {
    const { db, yoga, statements } = serverWithAllocations(5, 300);
    const { body } = await execute<{
      partners: {
        edges: {
          node: {
            slug: string;
            nameKo: string | null;
            allocations: {
              edges: {
                node: {
                  quantity: number;
                  bound: string;
                  purpose: string | null;
                  citations: { edges: { node: { quote: string; source: { publisher: string } } }[] };
                };
              }[];
            };
          };
        }[];
      };
    }>(
      yoga,
      `{ partners(first: 50) { edges { node { slug nameKo allocations(first: 5) { edges { node {
          quantity bound purpose citations(first: 3) { edges { node { quote source { publisher } } } } } } } } } } }`,
    );
    expect(body.errors).toBeUndefined();
    expect(statements()).toBe(1);
    const sqlite = db.$client;
    const partnerRows = sqlite.prepare('SELECT id, slug, name_ko AS nameKo FROM partners ORDER BY name, id LIMIT 50').all() as {
      id: number;
      slug: string;
      nameKo: string | null;
    }[];
    const allocationsOf = sqlite.prepare(
      'SELECT id, quantity, bound, purpose FROM allocations WHERE partner_id = ? ORDER BY quantity DESC, id DESC LIMIT 5',
    );
    const citationsOf = sqlite.prepare(
      'SELECT c.quote, s.publisher FROM citations c JOIN sources s ON s.id = c.source_id WHERE c.allocation_id = ? ORDER BY c.id LIMIT 3',
    );
    const expected = partnerRows.map((partner) => ({
      slug: partner.slug,
      nameKo: partner.nameKo,
      allocations: (allocationsOf.all(partner.id) as { id: number; quantity: number; bound: string; purpose: string | null }[]).map(
        (allocation) => ({
          quantity: allocation.quantity,
          bound: allocation.bound,
          purpose: allocation.purpose,
          citations: (citationsOf.all(allocation.id) as { quote: string; publisher: string }[]).map((citation) => ({
            quote: citation.quote,
            publisher: citation.publisher,
          })),
        }),
      ),
    }));
    const actual = body.data!.partners.edges.map(({ node }) => ({
      slug: node.slug,
      nameKo: node.nameKo,
      allocations: node.allocations.edges.map(({ node: allocation }) => ({
        quantity: allocation.quantity,
        bound: allocation.bound,
        purpose: allocation.purpose,
        citations: allocation.citations.edges.map(({ node: citation }) => ({
          quote: citation.quote,
          publisher: citation.source.publisher,
        })),
      })),
    }));
    expect(actual).toEqual(expected);
    // The data exercises both kinds of value the plugin passes through: nulls and citations.
    const allocationRows = expected.flatMap((partner) => partner.allocations);
    expect(allocationRows.some((allocation) => allocation.purpose === null)).toBe(true);
    expect(allocationRows.some((allocation) => allocation.purpose !== null)).toBe(true);
    expect(allocationRows.some((allocation) => allocation.citations.length > 0)).toBe(true);
  });

  it('leaves rows without the column to plugin-drizzle, which loads it', async () => {
    const { db, yoga } = seededServer();
    // Group rows hand their partner over as a bare `{ id }`: every column is missing.
    const { body } = await execute<{
      allocationTotals: { groups: { partner: { slug: string; name: string; kind: string; version: number } }[] };
    }>(yoga, '{ allocationTotals(groupBy: [PARTNER]) { groups { partner { slug name kind version } } } }');
    expect(body.errors).toBeUndefined();
    const groups = body.data!.allocationTotals.groups;
    expect(groups.length).toBeGreaterThan(2);
    const rows = db.$client.prepare('SELECT slug, name, kind, version FROM partners WHERE slug = ?');
    for (const { partner } of groups) expect(partner).toEqual(rows.get(partner.slug));
  });
});
