// The fixed operations the benchmark sends, identical bytes to the service and to the floor
// server. The floor recognises each by `operationName` and answers with hand-written SQL.
import Database from 'better-sqlite3';

/** Values the operations need from the database under test (the busiest programme, some ids). */
export interface BenchContext {
  programSlug: string;
  allocationId: number;
  partnerIds: number[];
  /** Row counts, for the report. */
  allocationCount: number;
  partnerCount: number;
  programCount: number;
}

export interface Operation {
  /** Also the GraphQL operationName, which the floor dispatches on. */
  name: string;
  description: string;
  query: string;
  variables: (context: BenchContext) => Record<string, unknown>;
}

/** plugin-relay's default global ID: base64 of `Typename:id`. */
export function globalId(typename: string, id: number): string {
  return Buffer.from(`${typename}:${id}`).toString('base64');
}

export const operations: Operation[] = [
  {
    name: 'Dashboard',
    description: 'dashboard summary: programme totals and group-by partner',
    query: `query Dashboard($slug: String!) {
  program(slug: $slug) { name gpuTotal { quantity bound } partnerCount nationalCapacity { before after } }
  allocationTotals(filter: { program: { slug: { eq: $slug } } }, groupBy: [PARTNER]) {
    gpuTotal { quantity bound }
    groups { label gpuTotal { quantity bound } share }
  }
}`,
    variables: (context) => ({ slug: context.programSlug }),
  },
  {
    name: 'PartnersNested',
    description: '50 partners, 5 allocations each, 3 citations each with source',
    query: `query PartnersNested {
  partners(first: 50) { edges { node { name allocations(first: 5) { edges { node { quantity citations(first: 3) { edges { node { quote source { publisher } } } } } } } } } }
}`,
    variables: () => ({}),
  },
  {
    // Four levels of lists: a programme page showing, per programme, its initiatives, each with
    // its largest allocations (and who gets them) and the evidence for each. The schema has no
    // programme → partners list (a programme's partners are reached through its allocations), so
    // the initiative is the level between programme and allocation; the partner is a to-one.
    name: 'ProgramsDeep',
    description: '5 programmes, 8 initiatives each, 5 allocations each with partner, 3 citations each with source',
    query: `query ProgramsDeep {
  programs(first: 5, orderBy: [{ field: ANNOUNCED_ON, direction: DESC }]) { edges { node { name initiatives(first: 8) { edges { node { name allocations(first: 5) { edges { node { quantity partner { name } citations(first: 3) { edges { node { quote source { publisher } } } } } } } } } } } } }
}`,
    variables: () => ({}),
  },
  {
    // A filtered, ordered nested list, as a list page with filters sends it: companies by name
    // (Z first), each with its five latest allocations past a size and in the later stages.
    name: 'FilteredNested',
    description: '20 companies by name descending, each with its 5 latest contracted-or-later allocations of 1,000+ GPUs',
    query: `query FilteredNested {
  partners(first: 20, filter: { kind: { eq: COMPANY } }, orderBy: [{ field: NAME, direction: DESC }]) { edges { node { name allocations(first: 5, filter: { status: { in: [CONTRACTED, DELIVERING, OPERATIONAL] }, quantity: { gte: 1000 } }, orderBy: [{ field: ANNOUNCED_ON, direction: DESC }]) { edges { node { quantity status announcedOn gpuModel { name } } } } } } }
}`,
    variables: () => ({}),
  },
  {
    name: 'GroupByTwoKeys',
    description: 'filtered group-by partner and GPU model',
    query: `query GroupByTwoKeys {
  allocationTotals(
    filter: { partner: { kind: { eq: GOVERNMENT } }, status: { in: [CONTRACTED, DELIVERING, OPERATIONAL] } }
    groupBy: [PARTNER, GPU_MODEL]
  ) { gpuTotal { quantity } groups { label gpuTotal { quantity } allocationCount } }
}`,
    variables: () => ({}),
  },
  {
    name: 'Node',
    description: 'node(id:) of one allocation with partner and GPU model',
    query: `query Node($id: ID!) {
  node(id: $id) { id ... on Allocation { quantity bound status announcedOn partner { name } gpuModel { name } } }
}`,
    variables: (context) => ({ id: globalId('Allocation', context.allocationId) }),
  },
  {
    name: 'Entities',
    description: '_entities for 50 Partner references',
    query: `query Entities($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on Partner { id slug name kind } }
}`,
    variables: (context) => ({
      representations: context.partnerIds.map((id) => ({ __typename: 'Partner', id: globalId('Partner', id) })),
    }),
  },
];

/** The request body an operation sends, byte for byte the same to every server. */
export function requestBody(operation: Operation, context: BenchContext): string {
  return JSON.stringify({ operationName: operation.name, query: operation.query, variables: operation.variables(context) });
}

/** Picks the programme with the most allocations, a middle allocation and 50 spread-out partners. */
export function benchContext(databasePath: string): BenchContext {
  const sqlite = new Database(databasePath, { readonly: true });
  try {
    const program = sqlite
      .prepare(
        'SELECT p.slug AS slug FROM programs p JOIN allocations a ON a.program_id = p.id GROUP BY p.id ORDER BY count(*) DESC, p.id LIMIT 1',
      )
      .get() as { slug: string } | undefined;
    if (!program) throw new Error(`${databasePath} has no allocations`);
    const { n } = sqlite.prepare('SELECT count(*) AS n FROM allocations').get() as { n: number };
    const allocation = sqlite.prepare('SELECT id FROM allocations ORDER BY id LIMIT 1 OFFSET ?').get(Math.floor(n / 2)) as { id: number };
    const partnerIds = (sqlite.prepare('SELECT id FROM partners ORDER BY id').all() as { id: number }[]).map((row) => row.id);
    const step = Math.max(1, Math.floor(partnerIds.length / 50));
    const picked = partnerIds.filter((_id, index) => index % step === 0).slice(0, 50);
    const { programs } = sqlite.prepare('SELECT count(*) AS programs FROM programs').get() as { programs: number };
    return {
      programSlug: program.slug,
      allocationId: allocation.id,
      partnerIds: picked,
      allocationCount: n,
      partnerCount: partnerIds.length,
      programCount: programs,
    };
  } finally {
    sqlite.close();
  }
}
