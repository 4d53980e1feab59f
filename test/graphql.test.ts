// Reading the dataset through the real schema with yoga.fetch.
import { describe, expect, it } from 'vitest';
import { execute, seededServer } from './helpers.js';

interface AllocationNode {
  id: string;
  quantity: number;
  bound: string;
  partner: { slug: string; nameKo: string | null };
  citations: { edges: { node: { quote: string; source: { publisher: string } } }[] };
}

describe('program with its allocations', () => {
  const { yoga } = seededServer();

  it('returns the Korea 2025 programme with its five allocations, each cited', async () => {
    const { status, body } = await execute<{
      program: {
        slug: string;
        announcedOn: string;
        installedBaseGpus: number;
        supplier: { slug: string };
        allocations: { totalCount: number; edges: { node: AllocationNode }[] };
      };
    }>(
      yoga,
      /* GraphQL */ `
        query {
          program(slug: "korea-2025") {
            slug
            announcedOn
            installedBaseGpus
            supplier { slug }
            allocations(first: 10) {
              totalCount
              edges { node { id quantity bound partner { slug nameKo } citations { edges { node { quote source { publisher } } } } } }
            }
          }
        }
      `,
    );
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const program = body.data!.program;
    expect(program).toMatchObject({ slug: 'korea-2025', announcedOn: '2025-10-31', installedBaseGpus: 65_000 });
    expect(program.supplier.slug).toBe('nvidia');
    expect(program.allocations.totalCount).toBe(5);
    const nodes = program.allocations.edges.map((edge) => edge.node);
    expect(nodes).toHaveLength(5);
    expect(nodes.reduce((sum, node) => sum + node.quantity, 0)).toBe(260_000);
    expect(new Set(nodes.map((node) => node.partner.slug))).toEqual(
      new Set(['korea-government', 'samsung-electronics', 'sk-group', 'hyundai-motor-group', 'naver-cloud']),
    );
    for (const node of nodes) {
      expect(node.citations.edges.length).toBeGreaterThan(0);
      expect(node.citations.edges.every(({ node: citation }) => citation.quote.trim().length > 0)).toBe(true);
    }
  });

  it('answers null for an unknown slug, without an error', async () => {
    const { body } = await execute(yoga, '{ program(slug: "atlantis-2030") { slug } }');
    expect(body).toEqual({ data: { program: null } });
  });

  it('fetches an allocation again by its global ID', async () => {
    const first = await execute<{ program: { allocations: { edges: { node: { id: string; quantity: number } }[] } } }>(
      yoga,
      '{ program(slug: "korea-2025") { allocations(first: 1) { edges { node { id quantity } } } } }',
    );
    const { id, quantity } = first.body.data!.program.allocations.edges[0]!.node;
    const again = await execute(yoga, 'query ($id: ID!) { node(id: $id) { id ... on Allocation { quantity } } }', { id });
    expect(again.body.data).toEqual({ node: { id, quantity } });
  });
});

describe('partners', () => {
  const { yoga } = seededServer();

  it('lists partners by name with Korean names and their allocations', async () => {
    const { body } = await execute<{
      partners: {
        totalCount: number;
        edges: { node: { name: string; nameKo: string | null; allocations: { totalCount: number } } }[];
      };
    }>(yoga, '{ partners(first: 100) { totalCount edges { node { name nameKo allocations { totalCount } } } } }');
    expect(body.errors).toBeUndefined();
    const nodes = body.data!.partners.edges.map((edge) => edge.node);
    expect(nodes).toHaveLength(body.data!.partners.totalCount);
    const names = nodes.map((node) => node.name);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(nodes.find((node) => node.nameKo === '삼성전자')?.allocations.totalCount).toBe(1);
    expect(nodes.find((node) => node.name === 'SK Telecom')?.allocations.totalCount).toBe(0);
  });

  it('pages forward with cursors and visits every partner once', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 20; page += 1) {
      const result: Awaited<
        ReturnType<
          typeof execute<{
            partners: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: { name: string } }[] };
          }>
        >
      > = await execute(
        yoga,
        'query ($after: String) { partners(first: 4, after: $after) { pageInfo { hasNextPage endCursor } edges { node { name } } } }',
        { after },
      );
      const connection = result.body.data!.partners;
      seen.push(...connection.edges.map((edge) => edge.node.name));
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    const total = await execute<{ partners: { totalCount: number } }>(yoga, '{ partners { totalCount } }');
    expect(seen).toHaveLength(total.body.data!.partners.totalCount);
    expect(new Set(seen).size).toBe(seen.length);
  });
});
