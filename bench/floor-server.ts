// The floor: the least a server can do to answer the benchmark's operations. node:http,
// better-sqlite3 prepared statements written by hand, JSON.stringify; no GraphQL at all. It
// answers the same request bodies as the service with the same JSON, byte for byte, so the
// ratio between the two is the cost of everything the service adds.
//
//   node --import tsx bench/floor-server.ts <database> [port]
// prints `floor serving http://127.0.0.1:<port>/graphql` once it listens.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import Database from 'better-sqlite3';

type Bound = 'EXACT' | 'UP_TO' | 'AT_LEAST' | 'APPROXIMATE';

/** The same rule as the service's `combinedBound`: how a sum of figures of these kinds is bounded. */
function combinedBound(_exact: number, upTo: number, atLeast: number, approximate: number): Bound {
  if (approximate > 0 || (upTo > 0 && atLeast > 0)) return 'APPROXIMATE';
  if (upTo > 0) return 'UP_TO';
  if (atLeast > 0) return 'AT_LEAST';
  return 'EXACT';
}

// Totals read the rollup tables the database keeps (see src/db/schema.ts), as the service does:
// the floor is the fastest hand-written answer over the same file, not a slower algorithm.
const boundCounts = ['EXACT', 'UP_TO', 'AT_LEAST', 'APPROXIMATE']
  .map((bound, index) => `coalesce(sum(r.allocation_count) FILTER (WHERE r.bound = '${bound}'), 0) AS ${'eulx'[index]}`)
  .join(', ');

interface BoundRow {
  q: number;
  e: number;
  u: number;
  l: number;
  x: number;
}

function createFloor(databasePath: string) {
  const sqlite = new Database(databasePath);
  sqlite.pragma('query_only = ON');
  sqlite.pragma('busy_timeout = 5000');

  const program = sqlite.prepare('SELECT id, name, installed_base_gpus AS before FROM programs WHERE slug = ?');
  const programTotal = sqlite.prepare(
    `SELECT coalesce(sum(r.quantity), 0) AS q, ${boundCounts} FROM allocation_rollups_by_partner r WHERE r.program_id = ?`,
  );
  const partnerCount = sqlite.prepare('SELECT count(DISTINCT partner_id) AS n FROM allocation_rollups_by_partner WHERE program_id = ?');
  const byPartner = sqlite.prepare(
    `SELECT p.name AS name, sum(r.quantity) AS q, ${boundCounts}
     FROM allocation_rollups_by_partner r JOIN partners p ON p.id = r.partner_id
     WHERE r.program_id = ? GROUP BY r.partner_id ORDER BY q DESC, r.partner_id`,
  );
  const partnerPage = sqlite.prepare('SELECT id, name FROM partners ORDER BY name, id LIMIT 50');
  // plugin-drizzle breaks ties on the primary key in the direction of the last sort key.
  const partnerAllocations = sqlite.prepare(
    'SELECT id, quantity FROM allocations WHERE partner_id = ? ORDER BY quantity DESC, id DESC LIMIT 5',
  );
  const allocationCitations = sqlite.prepare(
    'SELECT c.quote AS quote, s.publisher AS publisher FROM citations c JOIN sources s ON s.id = c.source_id WHERE c.allocation_id = ? ORDER BY c.id LIMIT 3',
  );
  // The service's default orderings, each with the primary key as the last tie-break.
  const programPage = sqlite.prepare('SELECT id, name FROM programs ORDER BY announced_on DESC, id DESC LIMIT 5');
  const programInitiatives = sqlite.prepare('SELECT id, name FROM initiatives WHERE program_id = ? ORDER BY name, id LIMIT 8');
  const initiativeAllocations = sqlite.prepare(
    `SELECT a.id AS id, a.quantity AS quantity, p.name AS partner FROM allocations a JOIN partners p ON p.id = a.partner_id
     WHERE a.initiative_id = ? ORDER BY a.quantity DESC, a.id DESC LIMIT 5`,
  );
  const companyPage = sqlite.prepare("SELECT id, name FROM partners WHERE kind = 'COMPANY' ORDER BY name DESC, id DESC LIMIT 20");
  const companyAllocations = sqlite.prepare(
    `SELECT a.quantity AS quantity, a.status AS status, a.announced_on AS announcedOn, g.name AS model
     FROM allocations a LEFT JOIN gpu_models g ON g.id = a.gpu_model_id
     WHERE a.partner_id = ? AND a.status IN ('CONTRACTED', 'DELIVERING', 'OPERATIONAL') AND a.quantity >= 1000
     ORDER BY a.announced_on DESC, a.id DESC LIMIT 5`,
  );
  const twoKeys = sqlite.prepare(
    `SELECT p.name AS partner, g.name AS model, sum(r.quantity) AS q, sum(r.allocation_count) AS n
     FROM allocation_rollups_by_partner_model r JOIN partners p ON p.id = r.partner_id LEFT JOIN gpu_models g ON g.id = r.gpu_model_id
     WHERE p.kind = 'GOVERNMENT' AND r.status IN ('CONTRACTED', 'DELIVERING', 'OPERATIONAL')
     GROUP BY r.partner_id, r.gpu_model_id ORDER BY q DESC, r.partner_id, r.gpu_model_id`,
  );
  const allocation = sqlite.prepare(
    `SELECT a.quantity, a.bound, a.status, a.announced_on AS announcedOn, p.name AS partner, g.name AS model
     FROM allocations a JOIN partners p ON p.id = a.partner_id LEFT JOIN gpu_models g ON g.id = a.gpu_model_id WHERE a.id = ?`,
  );
  const partnersById = new Map<number, Database.Statement>();
  const partnersIn = (count: number) => {
    let statement = partnersById.get(count);
    if (!statement) {
      statement = sqlite.prepare(`SELECT id, slug, name, kind FROM partners WHERE id IN (${Array(count).fill('?').join(', ')})`);
      partnersById.set(count, statement);
    }
    return statement;
  };

  const decodeId = (id: unknown, typename: string): number | null => {
    if (typeof id !== 'string') return null;
    const [type, value] = Buffer.from(id, 'base64').toString('utf8').split(':');
    return type === typename && value !== undefined && /^\d+$/.test(value) ? Number(value) : null;
  };

  const handlers: Record<string, (variables: Record<string, unknown>) => unknown> = {
    Dashboard(variables) {
      const row = program.get(variables.slug) as { id: number; name: string; before: number | null } | undefined;
      if (!row) return { program: null };
      const total = programTotal.get(row.id) as BoundRow;
      const gpuTotal = { quantity: total.q, bound: combinedBound(total.e, total.u, total.l, total.x) };
      const { n } = partnerCount.get(row.id) as { n: number };
      const groups = (byPartner.all(row.id) as (BoundRow & { name: string })[]).map((group) => ({
        label: group.name,
        gpuTotal: { quantity: group.q, bound: combinedBound(group.e, group.u, group.l, group.x) },
        share: total.q === 0 ? 0 : group.q / total.q,
      }));
      return {
        program: {
          name: row.name,
          gpuTotal,
          partnerCount: n,
          nationalCapacity: { before: row.before, after: row.before === null ? null : row.before + total.q },
        },
        allocationTotals: { gpuTotal, groups },
      };
    },
    PartnersNested() {
      const edges = (partnerPage.all() as { id: number; name: string }[]).map((partner) => ({
        node: {
          name: partner.name,
          allocations: {
            edges: (partnerAllocations.all(partner.id) as { id: number; quantity: number }[]).map((row) => ({
              node: {
                quantity: row.quantity,
                citations: {
                  edges: (allocationCitations.all(row.id) as { quote: string; publisher: string }[]).map((citation) => ({
                    node: { quote: citation.quote, source: { publisher: citation.publisher } },
                  })),
                },
              },
            })),
          },
        },
      }));
      return { partners: { edges } };
    },
    ProgramsDeep() {
      const citationEdges = (allocationId: number) =>
        (allocationCitations.all(allocationId) as { quote: string; publisher: string }[]).map((citation) => ({
          node: { quote: citation.quote, source: { publisher: citation.publisher } },
        }));
      const edges = (programPage.all() as { id: number; name: string }[]).map((program) => ({
        node: {
          name: program.name,
          initiatives: {
            edges: (programInitiatives.all(program.id) as { id: number; name: string }[]).map((initiative) => ({
              node: {
                name: initiative.name,
                allocations: {
                  edges: (initiativeAllocations.all(initiative.id) as { id: number; quantity: number; partner: string }[]).map((row) => ({
                    node: { quantity: row.quantity, partner: { name: row.partner }, citations: { edges: citationEdges(row.id) } },
                  })),
                },
              },
            })),
          },
        },
      }));
      return { programs: { edges } };
    },
    FilteredNested() {
      const edges = (companyPage.all() as { id: number; name: string }[]).map((partner) => ({
        node: {
          name: partner.name,
          allocations: {
            edges: (
              companyAllocations.all(partner.id) as { quantity: number; status: string; announcedOn: string; model: string | null }[]
            ).map((row) => ({
              node: {
                quantity: row.quantity,
                status: row.status,
                announcedOn: row.announcedOn,
                gpuModel: row.model === null ? null : { name: row.model },
              },
            })),
          },
        },
      }));
      return { partners: { edges } };
    },
    GroupByTwoKeys() {
      const rows = twoKeys.all() as { partner: string; model: string | null; q: number; n: number }[];
      let quantity = 0;
      const groups = rows.map((row) => {
        quantity += row.q;
        return {
          label: `${row.partner} · ${row.model ?? 'No GPU model stated'}`,
          gpuTotal: { quantity: row.q },
          allocationCount: row.n,
        };
      });
      return { allocationTotals: { gpuTotal: { quantity }, groups } };
    },
    Node(variables) {
      const id = decodeId(variables.id, 'Allocation');
      const row =
        id === null
          ? undefined
          : (allocation.get(id) as
              | { quantity: number; bound: string; status: string; announcedOn: string; partner: string; model: string | null }
              | undefined);
      if (!row) return { node: null };
      return {
        node: {
          id: variables.id,
          quantity: row.quantity,
          bound: row.bound,
          status: row.status,
          announcedOn: row.announcedOn,
          partner: { name: row.partner },
          gpuModel: row.model === null ? null : { name: row.model },
        },
      };
    },
    Entities(variables) {
      const representations = Array.isArray(variables.representations) ? (variables.representations as { id?: unknown }[]) : [];
      const ids = representations.map((representation) => decodeId(representation.id, 'Partner') ?? 0);
      const rows = partnersIn(ids.length).all(...ids) as { id: number; slug: string; name: string; kind: string }[];
      const byId = new Map(rows.map((row) => [row.id, row]));
      return {
        _entities: ids.map((id) => {
          const row = byId.get(id);
          return row ? { id: globalIdOf('Partner', row.id), slug: row.slug, name: row.name, kind: row.kind } : null;
        }),
      };
    },
  };

  function handle(request: IncomingMessage, response: ServerResponse): void {
    if (request.method !== 'POST' || !request.url?.startsWith('/graphql')) {
      response.writeHead(404).end();
      return;
    }
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { operationName?: string; variables?: Record<string, unknown> };
        const handler = body.operationName ? handlers[body.operationName] : undefined;
        if (!handler) {
          response
            .writeHead(400, { 'content-type': 'application/json; charset=utf-8' })
            .end('{"errors":[{"message":"unknown operation"}]}');
          return;
        }
        const text = JSON.stringify({ data: handler(body.variables ?? {}) });
        response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) }).end(text);
      } catch (error) {
        response
          .writeHead(500, { 'content-type': 'application/json; charset=utf-8' })
          .end(JSON.stringify({ errors: [{ message: String(error) }] }));
      }
    });
  }

  return { handle, close: () => sqlite.close() };
}

function globalIdOf(typename: string, id: number): string {
  return Buffer.from(`${typename}:${id}`).toString('base64');
}

{
  const [databasePath, portText] = process.argv.slice(2);
  if (!databasePath) {
    console.error('usage: node --import tsx bench/floor-server.ts <database> [port]');
    process.exit(2);
  }
  const floor = createFloor(databasePath);
  const server = createServer(floor.handle);
  server.keepAliveTimeout = 60_000;
  server.listen(Number(portText ?? 0), '127.0.0.1', () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    console.log(`floor serving http://127.0.0.1:${port}/graphql`);
  });
  const stop = () =>
    server.close(() => {
      floor.close();
      process.exit(0);
    });
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
