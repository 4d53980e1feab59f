// The bench's operations in drizzle-graphql's own query language, where it can express them.
// Its answers have another shape (plain lists, integer ids), so each operation also says how to
// reshape the floor's answer into the one drizzle-graphql should give; the harness compares the
// two. The orderings repeat the service's (name then id for partners; quantity then id, both
// descending, for a partner's allocations; id for citations), so the same rows come back.
import type { BenchContext } from '../operations.js';

export interface PeerOperation {
  query: string;
  variables: (context: BenchContext) => Record<string, unknown>;
  /** The floor's `data`, reshaped into what this peer must answer. */
  expected: (floor: FloorData, context: BenchContext) => unknown;
}

/** What the peer cannot express, and why (shown in the report). */
export interface Inexpressible {
  missing: string;
}

// The floor's answers as the harness receives them; only the fields read here are typed.
export type Edges<T> = { edges: { node: T }[] };
export interface FloorData {
  partners?: Edges<{
    name: string;
    allocations: Edges<{
      quantity: number;
      citations?: Edges<FloorCitation>;
      status?: string;
      announcedOn?: string;
      gpuModel?: { name: string } | null;
    }>;
  }>;
  programs?: Edges<{
    name: string;
    initiatives: Edges<{
      name: string;
      allocations: Edges<{ quantity: number; partner: { name: string }; citations: Edges<FloorCitation> }>;
    }>;
  }>;
  node?: {
    quantity: number;
    bound: string;
    status: string;
    announcedOn: string;
    partner: { name: string };
    gpuModel: { name: string } | null;
  } | null;
  _entities?: ({ id: string; slug: string; name: string; kind: string } | null)[];
}

export type FloorCitation = { quote: string; source: { publisher: string } };

const citationRows = (citations: Edges<FloorCitation>) =>
  citations.edges.map(({ node: citation }) => ({ quote: citation.quote, source: { publisher: citation.source.publisher } }));

function decodeGlobalId(id: string): number {
  return Number(Buffer.from(id, 'base64').toString('utf8').split(':')[1]);
}

export const drizzleGraphqlOperations: Record<string, PeerOperation | Inexpressible> = {
  Dashboard: { missing: 'no sums, counts or group-by in its generated schema' },
  GroupByTwoKeys: { missing: 'no sums, counts or group-by in its generated schema' },
  PartnersNested: {
    query: `query PartnersNested {
  partners(limit: 50, orderBy: { name: { direction: asc, priority: 2 }, id: { direction: asc, priority: 1 } }) {
    name
    allocations(limit: 5, orderBy: { quantity: { direction: desc, priority: 2 }, id: { direction: desc, priority: 1 } }) {
      quantity
      citations(limit: 3, orderBy: { id: { direction: asc, priority: 1 } }) { quote source { publisher } }
    }
  }
}`,
    variables: () => ({}),
    expected: (floor) => ({
      partners: floor.partners!.edges.map(({ node: partner }) => ({
        name: partner.name,
        allocations: partner.allocations.edges.map(({ node: allocation }) => ({
          quantity: allocation.quantity,
          citations: citationRows(allocation.citations!),
        })),
      })),
    }),
  },
  ProgramsDeep: {
    query: `query ProgramsDeep {
  programs(limit: 5, orderBy: { announcedOn: { direction: desc, priority: 2 }, id: { direction: desc, priority: 1 } }) {
    name
    initiatives(limit: 8, orderBy: { name: { direction: asc, priority: 2 }, id: { direction: asc, priority: 1 } }) {
      name
      allocations(limit: 5, orderBy: { quantity: { direction: desc, priority: 2 }, id: { direction: desc, priority: 1 } }) {
        quantity
        partner { name }
        citations(limit: 3, orderBy: { id: { direction: asc, priority: 1 } }) { quote source { publisher } }
      }
    }
  }
}`,
    variables: () => ({}),
    expected: (floor) => ({
      programs: floor.programs!.edges.map(({ node: program }) => ({
        name: program.name,
        initiatives: program.initiatives.edges.map(({ node: initiative }) => ({
          name: initiative.name,
          allocations: initiative.allocations.edges.map(({ node: allocation }) => ({
            quantity: allocation.quantity,
            partner: { name: allocation.partner.name },
            citations: citationRows(allocation.citations),
          })),
        })),
      })),
    }),
  },
  FilteredNested: {
    query: `query FilteredNested {
  partners(
    where: { kind: { eq: "COMPANY" } }
    limit: 20
    orderBy: { name: { direction: desc, priority: 2 }, id: { direction: desc, priority: 1 } }
  ) {
    name
    allocations(
      where: { status: { inArray: ["CONTRACTED", "DELIVERING", "OPERATIONAL"] }, quantity: { gte: 1000 } }
      limit: 5
      orderBy: { announcedOn: { direction: desc, priority: 2 }, id: { direction: desc, priority: 1 } }
    ) { quantity status announcedOn gpuModel { name } }
  }
}`,
    variables: () => ({}),
    expected: (floor) => ({
      partners: floor.partners!.edges.map(({ node: partner }) => ({
        name: partner.name,
        allocations: partner.allocations.edges.map(({ node: allocation }) => ({
          quantity: allocation.quantity,
          status: allocation.status,
          announcedOn: allocation.announcedOn,
          gpuModel: allocation.gpuModel ? { name: allocation.gpuModel.name } : null,
        })),
      })),
    }),
  },
  Node: {
    // No global ids: the allocation is looked up by its integer key.
    query: `query Node($id: Int!) {
  allocationsSingle(where: { id: { eq: $id } }) { id quantity bound status announcedOn partner { name } gpuModel { name } }
}`,
    variables: (context) => ({ id: context.allocationId }),
    expected: (floor, context) => {
      const node = floor.node;
      return {
        allocationsSingle: node
          ? {
              id: context.allocationId,
              quantity: node.quantity,
              bound: node.bound,
              status: node.status,
              announcedOn: node.announcedOn,
              partner: { name: node.partner.name },
              gpuModel: node.gpuModel ? { name: node.gpuModel.name } : null,
            }
          : null,
      };
    },
  },
  Entities: {
    // No federation: the nearest equivalent is one list query over the same 50 keys, in key order.
    query: `query Entities($ids: [Int!]!) {
  partners(where: { id: { inArray: $ids } }, orderBy: { id: { direction: asc, priority: 1 } }) { id slug name kind }
}`,
    variables: (context) => ({ ids: context.partnerIds }),
    expected: (floor) => ({
      partners: floor
        ._entities!.filter((entity) => entity !== null)
        .map((entity) => ({ id: decodeGlobalId(entity.id), slug: entity.slug, name: entity.name, kind: entity.kind }))
        .sort((a, b) => a.id - b.id),
    }),
  },
};

/** Rows in an answer by field name (`partners 50 · allocations 250 · …`), for the report. */
export function countRows(data: unknown): string {
  const counts = new Map<string, number>();
  const visit = (value: unknown, field: string | undefined): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item, field);
    } else if (value !== null && typeof value === 'object') {
      // PostGraphile's `{ nodes: [...] }`: its rows count under the connection's field.
      const connection = 'nodes' in value && Array.isArray(value.nodes);
      if (field !== undefined && !connection) counts.set(field, (counts.get(field) ?? 0) + 1);
      for (const [key, item] of Object.entries(value)) visit(item, connection && key === 'nodes' ? field : key);
    }
  };
  visit(data, undefined);
  return [...counts].map(([field, count]) => `${field} ${count}`).join(' · ');
}
