// CPU per request of the benchmark's operations, in process through `yoga.fetch` (no sockets, no
// load generator): the steadier figure on a shared machine, for comparing two checkouts or two
// designs. Uses the bench's database file (data/bench/, generated like `npm run bench` does).
//   npx tsx bench/cpu.ts [--allocations 100000] [--partners 1000] [--requests 200] [--rounds 5]
//                        [--only PartnersNested] [--save answers.json | --check answers.json] [--profile dir] [--no-planner] [--compare [planner|deadline|jit]]
// `--profile dir` writes a V8 CPU profile of each operation's timed rounds (open in Chrome DevTools).
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join, resolve } from 'node:path';
import { closeDatabase, openDatabase } from '../src/db/client.js';
import { generateSyntheticData } from '../src/db/synthetic.js';
import { requestBudget } from '../src/config.js';
import { createGraphQLServer } from '../src/server/yoga.js';
import { benchContext, operations, requestBody } from './operations.js';

const flag = (name: string) => {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? process.argv[index + 1] : undefined;
};
const allocations = Number(flag('allocations') ?? 100_000);
const partners = Number(flag('partners') ?? 1_000);
const requests = Number(flag('requests') ?? 200);
const rounds = Number(flag('rounds') ?? 5);
const only = flag('only')?.split(',');
const profileDir = flag('profile');

const root = resolve(import.meta.dirname, '..');
const path = join(root, 'data/bench', `synthetic-s1-a${allocations}-p${partners}-g5.db`);
if (!existsSync(path)) {
  mkdirSync(join(root, 'data/bench'), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  const db = openDatabase({ path: temporary });
  generateSyntheticData(db, { seed: 1, allocations, partners, programs: 5, initiatives: 40, investments: 100 });
  closeDatabase(db);
  renameSync(temporary, path);
}
const context = benchContext(path);
const db = openDatabase({ path });
// As the bench runs the service: no response cache, no metrics, jit as configured.
// `--no-planner`: nested lists through plugin-drizzle alone (src/graphql/planner/ off), to compare.
const readPlanner = !process.argv.includes('--no-planner');
const { yoga } = createGraphQLServer({ db, graphiql: false, logging: false, responseCache: false, metrics: false, readPlanner });
// `--compare`: also a server without the planner, measured in alternating rounds (same process, same
// moment of the shared machine), and the ratio of the two.
// `--compare deadline` compares with no request deadline (the per-resolver check), `--compare jit`
// with graphql-jit off.
const comparing = process.argv.includes('--compare')
  ? flag('compare')?.startsWith('--')
    ? 'planner'
    : (flag('compare') ?? 'planner')
  : undefined;
const without = {
  planner: { readPlanner: false },
  deadline: { budget: requestBudget({ requestTimeoutMs: 0 }) },
  jit: { jit: false },
}[comparing ?? 'planner'];
const compare = comparing
  ? createGraphQLServer({ db, graphiql: false, logging: false, responseCache: false, metrics: false, ...without }).yoga
  : undefined;

async function postTo(server: typeof yoga, body: string): Promise<string> {
  const response = await server.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  return response.text();
}

async function post(body: string): Promise<string> {
  const response = await yoga.fetch('http://localhost/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  return response.text();
}

const answers: Record<string, string> = {};
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
console.log(`${allocations} allocations; ${rounds} rounds of ${requests} requests; CPU ms per request (median of rounds)`);
for (const operation of operations) {
  if (only && !only.includes(operation.name)) continue;
  const body = requestBody(operation, context);
  answers[operation.name] = await post(body);
  for (let warm = 0; warm < 100; warm += 1) await post(body);
  const times: number[] = [];
  const baseline: number[] = [];
  if (compare) {
    if ((await postTo(compare, body)) !== answers[operation.name]) console.log(`${operation.name}: the unplanned answer differs`);
    for (let warm = 0; warm < 100; warm += 1) await postTo(compare, body);
  }
  // `--profile dir`: a V8 CPU profile of the timed rounds only (no start-up, no warm-up).
  const session = profileDir ? new Session() : undefined;
  if (session) {
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
  }
  for (let round = 0; round < rounds; round += 1) {
    const started = process.cpuUsage();
    for (let index = 0; index < requests; index += 1) await post(body);
    const used = process.cpuUsage(started);
    times.push((used.user + used.system) / 1000 / requests);
    if (compare) {
      const before = process.cpuUsage();
      for (let index = 0; index < requests; index += 1) await postTo(compare, body);
      const spent = process.cpuUsage(before);
      baseline.push((spent.user + spent.system) / 1000 / requests);
    }
  }
  if (session) {
    const { profile } = await session.post('Profiler.stop');
    mkdirSync(profileDir!, { recursive: true });
    writeFileSync(join(profileDir!, `${operation.name}.cpuprofile`), JSON.stringify(profile));
    session.disconnect();
  }
  const versus = compare
    ? `  without ${comparing} ${median(baseline).toFixed(3)} ms, ratio ${(median(baseline) / median(times)).toFixed(2)}x`
    : '';
  console.log(
    `${operation.name.padEnd(16)} ${median(times).toFixed(3)} ms  (rounds: ${times.map((t) => t.toFixed(3)).join(' ')})${versus}`,
  );
}
const save = flag('save');
if (save) writeFileSync(save, JSON.stringify(answers, null, 1));
const check = flag('check');
if (check) {
  const expected = JSON.parse(readFileSync(check, 'utf8')) as Record<string, string>;
  for (const [name, text] of Object.entries(answers)) {
    console.log(`${name.padEnd(16)} ${expected[name] === text ? 'same bytes' : `DIFFERENT (${text.slice(0, 300)})`}`);
  }
}
closeDatabase(db);
