// The bench's operations in PostGraphile's query language (Amber preset inflection, the
// connection-filter plugin's `filter:`, pg-aggregates' `aggregates` and `groupedAggregates`),
// with the service's orderings and the primary key as the last tie-break. Its answers have
// another shape (`nodes` lists, integer `rowId`s, bigint sums as strings), so each operation says
// what PostGraphile must answer given the floor's data; the harness compares the two.
//
// Aggregates: PostGraphile groups by key columns (partner id, GPU model id), not by names, and
// computes no share or combined bound. For those two operations both answers are brought to one
// comparable form, row for row without the labels: the total, the partner count, and the
// groups' quantities (with bound, or allocation count), in one order.
import type { BenchContext } from '../../operations.js';
import type { Edges, FloorCitation, FloorData as BaseFloorData, Inexpressible, PeerOperation } from '../operations.js';

export interface PostgraphileOperation extends PeerOperation {
  /** Brings PostGraphile's `data` to the form `expected` gives, where the shapes cannot be made equal. */
  normalise?: (data: never) => unknown;
}

type Bound = 'EXACT' | 'UP_TO' | 'AT_LEAST' | 'APPROXIMATE';

/** The service's rule (src/graphql/features/gpu-total.ts `combinedBound`), repeated: importing it would build the whole schema. */
function combinedBound(kinds: readonly string[]): Bound {
  const has = (bound: Bound) => kinds.includes(bound);
  if (has('APPROXIMATE') || (has('UP_TO') && has('AT_LEAST'))) return 'APPROXIMATE';
  if (has('UP_TO')) return 'UP_TO';
  if (has('AT_LEAST')) return 'AT_LEAST';
  return 'EXACT';
}

/** The floor's answers as the drizzle-graphql checks type them, plus the aggregates only PostGraphile expresses. */
interface FloorData extends BaseFloorData {
  program?: {
    name: string;
    gpuTotal: { quantity: number; bound: string };
    partnerCount: number;
    nationalCapacity: { before: number | null };
  } | null;
  allocationTotals?: {
    gpuTotal: { quantity: number; bound?: string };
    groups: { gpuTotal: { quantity: number; bound?: string }; allocationCount?: number }[];
  };
}

const citations = (edges: Edges<FloorCitation>) => ({
  nodes: edges.edges.map(({ node }) => ({ quote: node.quote, sourceBySourceId: { publisher: node.source.publisher } })),
});

/** Groups in one order: largest quantity first, then by the rest of the row. */
const sortGroups = <T extends { quantity: number }>(groups: T[]) =>
  groups.sort((a, b) => b.quantity - a.quantity || JSON.stringify(a).localeCompare(JSON.stringify(b)));

interface Grouped {
  keys: (string | null)[];
  sum: { quantity: string | null };
  distinctCount?: { rowId: string };
}

export const postgraphileOperations: Record<string, PostgraphileOperation | Inexpressible> = {
  Dashboard: {
    query: `query Dashboard($slug: String!) {
  programBySlug(slug: $slug) {
    name
    installedBaseGpus
    allocationsByProgramId {
      aggregates { sum { quantity } distinctCount { partnerId } }
      groupedAggregates(groupBy: [PARTNER_ID, BOUND]) { keys sum { quantity } }
    }
  }
}`,
    variables: (context: BenchContext) => ({ slug: context.programSlug }),
    expected: (floor: FloorData) => {
      const program = floor.program!;
      return {
        name: program.name,
        before: program.nationalCapacity.before,
        quantity: program.gpuTotal.quantity,
        bound: program.gpuTotal.bound,
        partnerCount: program.partnerCount,
        groups: sortGroups(
          floor.allocationTotals!.groups.map((group) => ({ quantity: group.gpuTotal.quantity, bound: group.gpuTotal.bound! })),
        ),
      };
    },
    // One row per partner and bound: a partner's quantity is their sum, its bound the service's rule over the bounds present.
    normalise: (data: {
      programBySlug: {
        name: string;
        installedBaseGpus: number | null;
        allocationsByProgramId: {
          aggregates: { sum: { quantity: string }; distinctCount: { partnerId: string } };
          groupedAggregates: Grouped[];
        };
      };
    }) => {
      const program = data.programBySlug;
      const partners = new Map<string, { quantity: number; bounds: string[] }>();
      for (const group of program.allocationsByProgramId.groupedAggregates) {
        const [partner, bound] = group.keys as [string, string];
        const entry = partners.get(partner) ?? { quantity: 0, bounds: [] };
        entry.quantity += Number(group.sum.quantity);
        entry.bounds.push(bound);
        partners.set(partner, entry);
      }
      const allBounds = [...partners.values()].flatMap((entry) => entry.bounds);
      return {
        name: program.name,
        before: program.installedBaseGpus,
        quantity: Number(program.allocationsByProgramId.aggregates.sum.quantity),
        bound: combinedBound(allBounds),
        partnerCount: Number(program.allocationsByProgramId.aggregates.distinctCount.partnerId),
        groups: sortGroups([...partners.values()].map((entry) => ({ quantity: entry.quantity, bound: combinedBound(entry.bounds) }))),
      };
    },
  },
  GroupByTwoKeys: {
    query: `query GroupByTwoKeys {
  allAllocations(
    filter: { partnerByPartnerId: { kind: { equalTo: "GOVERNMENT" } }, status: { in: ["CONTRACTED", "DELIVERING", "OPERATIONAL"] } }
  ) {
    aggregates { sum { quantity } }
    groupedAggregates(groupBy: [PARTNER_ID, GPU_MODEL_ID]) { keys sum { quantity } distinctCount { rowId } }
  }
}`,
    variables: () => ({}),
    expected: (floor: FloorData) => ({
      quantity: floor.allocationTotals!.gpuTotal.quantity,
      groups: sortGroups(
        floor.allocationTotals!.groups.map((group) => ({ quantity: group.gpuTotal.quantity, allocationCount: group.allocationCount! })),
      ),
    }),
    normalise: (data: { allAllocations: { aggregates: { sum: { quantity: string | null } }; groupedAggregates: Grouped[] } }) => ({
      quantity: Number(data.allAllocations.aggregates.sum.quantity ?? 0),
      groups: sortGroups(
        data.allAllocations.groupedAggregates.map((group) => ({
          quantity: Number(group.sum.quantity),
          allocationCount: Number(group.distinctCount!.rowId),
        })),
      ),
    }),
  },
  PartnersNested: {
    query: `query PartnersNested {
  allPartners(first: 50, orderBy: [NAME_ASC, ROW_ID_ASC]) {
    nodes {
      name
      allocationsByPartnerId(first: 5, orderBy: [QUANTITY_DESC, ROW_ID_DESC]) {
        nodes { quantity citationsByAllocationId(first: 3, orderBy: [ROW_ID_ASC]) { nodes { quote sourceBySourceId { publisher } } } }
      }
    }
  }
}`,
    variables: () => ({}),
    expected: (floor: FloorData) => ({
      allPartners: {
        nodes: floor.partners!.edges.map(({ node: partner }) => ({
          name: partner.name,
          allocationsByPartnerId: {
            nodes: partner.allocations.edges.map(({ node }) => ({
              quantity: node.quantity,
              citationsByAllocationId: citations(node.citations!),
            })),
          },
        })),
      },
    }),
  },
  ProgramsDeep: {
    query: `query ProgramsDeep {
  allPrograms(first: 5, orderBy: [ANNOUNCED_ON_DESC, ROW_ID_DESC]) {
    nodes {
      name
      initiativesByProgramId(first: 8, orderBy: [NAME_ASC, ROW_ID_ASC]) {
        nodes {
          name
          allocationsByInitiativeId(first: 5, orderBy: [QUANTITY_DESC, ROW_ID_DESC]) {
            nodes {
              quantity
              partnerByPartnerId { name }
              citationsByAllocationId(first: 3, orderBy: [ROW_ID_ASC]) { nodes { quote sourceBySourceId { publisher } } }
            }
          }
        }
      }
    }
  }
}`,
    variables: () => ({}),
    expected: (floor: FloorData) => ({
      allPrograms: {
        nodes: floor.programs!.edges.map(({ node: program }) => ({
          name: program.name,
          initiativesByProgramId: {
            nodes: program.initiatives.edges.map(({ node: initiative }) => ({
              name: initiative.name,
              allocationsByInitiativeId: {
                nodes: initiative.allocations.edges.map(({ node }) => ({
                  quantity: node.quantity,
                  partnerByPartnerId: { name: node.partner.name },
                  citationsByAllocationId: citations(node.citations),
                })),
              },
            })),
          },
        })),
      },
    }),
  },
  FilteredNested: {
    query: `query FilteredNested {
  allPartners(first: 20, filter: { kind: { equalTo: "COMPANY" } }, orderBy: [NAME_DESC, ROW_ID_DESC]) {
    nodes {
      name
      allocationsByPartnerId(
        first: 5
        filter: { status: { in: ["CONTRACTED", "DELIVERING", "OPERATIONAL"] }, quantity: { greaterThanOrEqualTo: 1000 } }
        orderBy: [ANNOUNCED_ON_DESC, ROW_ID_DESC]
      ) { nodes { quantity status announcedOn gpuModelByGpuModelId { name } } }
    }
  }
}`,
    variables: () => ({}),
    expected: (floor: FloorData) => ({
      allPartners: {
        nodes: floor.partners!.edges.map(({ node: partner }) => ({
          name: partner.name,
          allocationsByPartnerId: {
            nodes: partner.allocations.edges.map(({ node }) => ({
              quantity: node.quantity,
              status: node.status,
              announcedOn: node.announcedOn,
              gpuModelByGpuModelId: node.gpuModel ? { name: node.gpuModel.name } : null,
            })),
          },
        })),
      },
    }),
  },
  Node: {
    // Its own global ids differ from the service's; the allocation is looked up by its integer key.
    query: `query Node($id: Int!) {
  allocationByRowId(rowId: $id) { rowId quantity bound status announcedOn partnerByPartnerId { name } gpuModelByGpuModelId { name } }
}`,
    variables: (context: BenchContext) => ({ id: context.allocationId }),
    expected: (floor: FloorData, context: BenchContext) => {
      const node = floor.node;
      return {
        allocationByRowId: node
          ? {
              rowId: context.allocationId,
              quantity: node.quantity,
              bound: node.bound,
              status: node.status,
              announcedOn: node.announcedOn,
              partnerByPartnerId: { name: node.partner.name },
              gpuModelByGpuModelId: node.gpuModel ? { name: node.gpuModel.name } : null,
            }
          : null,
      };
    },
  },
  Entities: {
    // No federation: one list query over the same 50 keys, in key order.
    query: `query Entities($ids: [Int!]!) {
  allPartners(filter: { rowId: { in: $ids } }, orderBy: [ROW_ID_ASC]) { nodes { rowId slug name kind } }
}`,
    variables: (context: BenchContext) => ({ ids: context.partnerIds }),
    expected: (floor: FloorData) => ({
      allPartners: {
        nodes: floor
          ._entities!.filter((entity) => entity !== null)
          .map((entity) => ({
            rowId: Number(Buffer.from(entity.id, 'base64').toString('utf8').split(':')[1]),
            slug: entity.slug,
            name: entity.name,
            kind: entity.kind,
          }))
          .sort((a, b) => a.rowId - b.rowId),
      },
    }),
  },
};
