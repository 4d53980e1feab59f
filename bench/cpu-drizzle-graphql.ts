// CPU per request of the service and of drizzle-graphql (bench/peers/drizzle-graphql-yoga.ts) in
// one process, through each server's `yoga.fetch`, in alternating rounds: both figures come from
// the same moment of the shared machine, which a full `npm run bench` on a loaded machine cannot
// promise. The service gets bench/operations.ts's bodies, drizzle-graphql its own query for the
// operation (bench/peers/operations.ts); each answer is checked against the other (the service's
// reshaped into drizzle-graphql's shape) before measuring. Uses the database bench/cpu.ts uses.
//   npx tsx bench/cpu-drizzle-graphql.ts [--allocations 100000] [--partners 1000] [--requests 100]
//                                        [--rounds 3] [--only PartnersNested,ProgramsDeep]
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { closeDatabase, openDatabase } from '../src/db/client.js';
import { createGraphQLServer } from '../src/server/yoga.js';
import { benchContext, operations, requestBody } from './operations.js';
import { drizzleGraphqlYoga } from './peers/drizzle-graphql-yoga.js';
import { drizzleGraphqlOperations } from './peers/operations.js';

const flag = (name: string) => {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? process.argv[index + 1] : undefined;
};
const allocations = Number(flag('allocations') ?? 100_000);
const partners = Number(flag('partners') ?? 1_000);
const requests = Number(flag('requests') ?? 100);
const rounds = Number(flag('rounds') ?? 3);
const only = flag('only')?.split(',');

const root = resolve(import.meta.dirname, '..');
const path = join(root, 'data/bench', `synthetic-s1-a${allocations}-p${partners}-g5.db`);
if (!existsSync(path)) {
  console.error(`${path} is missing: run bench/cpu.ts once with the same --allocations and --partners to generate it`);
  process.exit(2);
}
const context = benchContext(path);
const db = openDatabase({ path });
// As the bench runs the service (and as bench/cpu.ts does): no response cache, no metrics.
const { yoga } = createGraphQLServer({ db, graphiql: false, logging: false, responseCache: false, metrics: false });
const peer = drizzleGraphqlYoga(path);

type Fetcher = (url: string, init: RequestInit) => Promise<Response> | Response;
async function post(fetcher: Fetcher, body: string): Promise<string> {
  const response = await fetcher('http://localhost/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  return response.text();
}
const service: Fetcher = (url, init) => yoga.fetch(url, init);
const drizzleGraphql: Fetcher = (url, init) => peer.yoga.fetch(url, init);

/** CPU ms per request of `requests` sequential requests. */
async function round(fetcher: Fetcher, body: string): Promise<number> {
  const started = process.cpuUsage();
  for (let index = 0; index < requests; index += 1) await post(fetcher, body);
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1000 / requests;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const format = (values: number[]) => `${median(values).toFixed(3)} ms (${values.map((value) => value.toFixed(2)).join(' ')})`;
console.log(`${allocations} allocations; ${rounds} alternating rounds of ${requests} requests; CPU ms per request (median of rounds)`);
console.log(`${'operation'.padEnd(16)} ${'service'.padEnd(32)} ${'drizzle-graphql'.padEnd(32)} service / drizzle-graphql`);
for (const operation of operations) {
  if (only && !only.includes(operation.name)) continue;
  const body = requestBody(operation, context);
  const answer = await post(service, body);
  const own = drizzleGraphqlOperations[operation.name];
  const peerBody =
    own && !('missing' in own)
      ? JSON.stringify({ operationName: operation.name, query: own.query, variables: own.variables(context) })
      : undefined;
  if (peerBody && own && !('missing' in own)) {
    // The service's answer has the floor's shape (the bench checks they are equal), so it reshapes the same way.
    const expected = JSON.stringify(own.expected((JSON.parse(answer) as { data: never }).data, context));
    const actual = JSON.stringify((JSON.parse(await post(drizzleGraphql, peerBody)) as { data?: unknown }).data ?? null);
    if (actual !== expected) console.log(`! ${operation.name}: drizzle-graphql's answer differs from the service's, reshaped`);
  }
  for (let warm = 0; warm < 100; warm += 1) {
    await post(service, body);
    if (peerBody) await post(drizzleGraphql, peerBody);
  }
  const ours: number[] = [];
  const theirs: number[] = [];
  for (let index = 0; index < rounds; index += 1) {
    ours.push(await round(service, body));
    if (peerBody) theirs.push(await round(drizzleGraphql, peerBody));
  }
  const versus = peerBody ? `${format(theirs).padEnd(32)} ${(median(ours) / median(theirs)).toFixed(2)}x` : 'n/a (cannot express it)';
  console.log(`${operation.name.padEnd(16)} ${format(ours).padEnd(32)} ${versus}`);
}
peer.close();
closeDatabase(db);
