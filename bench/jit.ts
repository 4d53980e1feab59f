// What graphql-jit still buys: every shipped operation that jit.ts lets compile, executed in
// process through `yoga.fetch` by a server with jit and one without (response cache and metrics
// off, one shared database), alternating rounds; prints the median time per request of each.
//   npx tsx bench/jit.ts [--allocations 20000] [--rounds 7] [--requests 200]
import { parse } from 'graphql';
import { generateSyntheticData } from '../src/db/synthetic.js';
import { openDatabase } from '../src/db/client.js';
import { seedDatabase } from '../src/db/seed/index.js';
import { schema } from '../src/graphql/index.js';
import { compilable } from '../src/server/jit.js';
import { isSubscription, loadManifest } from '../src/server/persisted-operations.js';
import { createGraphQLServer, type Yoga } from '../src/server/yoga.js';
import { operations } from './operations.js';

const argument = (name: string, fallback: number) => {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? Number(process.argv[index + 1]) : fallback;
};
const allocations = argument('allocations', 20_000);
const rounds = argument('rounds', 7);
const requests = argument('requests', 200);

const db = openDatabase({ path: ':memory:' });
// The bundled dataset (which the shipped operations name) plus synthetic rows.
if (allocations > 0) generateSyntheticData(db, { allocations, withSeed: true });
else seedDatabase(db);
const servers = {
  jit: createGraphQLServer({ db, graphiql: false, logging: false, responseCache: false, metrics: false, jit: true }).yoga,
  none: createGraphQLServer({ db, graphiql: false, logging: false, responseCache: false, metrics: false, jit: false }).yoga,
};

/** Variables the shipped operations take, as the dashboard sends them. */
const variables = { slug: 'korea-2025', currency: 'KRW', search: 'samsung' };

async function runWith(yoga: Yoga, query: string, values: Record<string, unknown> = variables): Promise<number> {
  const body = JSON.stringify({ query, variables: values });
  const started = process.cpuUsage();
  for (let index = 0; index < requests; index += 1) {
    const response = await yoga.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    const result = (await response.json()) as { errors?: unknown };
    if (result.errors) throw new Error(`${query.slice(0, 60)}: ${JSON.stringify(result.errors)}`);
  }
  // CPU time of this process: the machine is shared, and wall time measures the neighbours too.
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1000 / requests;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

// The shipped operations (persisted-operations.json) and the benchmark's (bench/operations.ts).
const benchContext = {
  programSlug: 'korea-2025',
  allocationId: 1,
  partnerIds: [1, 2, 3],
  allocationCount: 0,
  partnerCount: 0,
  programCount: 0,
};
const candidates: [query: string, values: Record<string, unknown>][] = [
  ...Object.values(loadManifest()).map((query): [string, Record<string, unknown>] => [query, variables]),
  ...operations.map((operation): [string, Record<string, unknown>] => [operation.query, operation.variables(benchContext)]),
];
const shipped = candidates.filter(([document]) => !isSubscription(document) && compilable(schema, parse(document)));
console.log(`${allocations} synthetic allocations; ${rounds} alternating rounds of ${requests} requests; ms of CPU per request (median)`);
for (const [query, values] of shipped) {
  const name = /query (\w+)/.exec(query)?.[1] ?? query.slice(0, 40);
  const run = (yoga: Yoga, text: string) => runWith(yoga, text, values);
  const times: { jit: number[]; none: number[] } = { jit: [], none: [] };
  await run(servers.jit, query);
  await run(servers.none, query);
  for (let round = 0; round < rounds; round += 1) {
    times.jit.push(await run(servers.jit, query));
    times.none.push(await run(servers.none, query));
  }
  const [withJit, without] = [median(times.jit), median(times.none)];
  console.log(`${name.padEnd(32)} jit ${withJit.toFixed(3)}  graphql-js ${without.toFixed(3)}  ratio ${(without / withJit).toFixed(2)}x`);
}
