// CPU per execution of the totals operations, in process through yoga.fetch (no HTTP, response
// cache off), for comparing two checkouts of the service on one database:
//   npm run db:synthetic -- --allocations 20000 --with-seed --database /tmp/synth.db
//   npx tsx bench/totals-cpu.ts <checkout root> /tmp/synth.db [executions, default 200]
// Prints the CPU milliseconds per execution and a hash of each answer (equal answers, equal hash).
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';

const [root = '.', database, countArgument] = process.argv.slice(2);
if (!database) throw new Error('usage: tsx bench/totals-cpu.ts <checkout root> <database> [executions]');
const count = Number(countArgument ?? 200);
// The checkout under test is loaded by path, so one script measures a baseline and a branch alike.
const { createApp } = (await import(resolve(root, 'src/app.ts'))) as typeof import('../src/app.js');
const { operations, requestBody, benchContext } = (await import(resolve(root, 'bench/operations.ts'))) as typeof import('./operations.js');

const extra = [
  {
    name: 'TotalsByPartnerAndKind',
    query: `query TotalsByPartnerAndKind {
  allocationTotals(groupBy: [PARTNER_KIND, STATUS]) {
    gpuTotal { quantity bound lowerBound }
    groups { label labelKo partnerKind status gpuTotal { quantity byBound { bound quantity } } share }
  }
}`,
  },
  {
    name: 'InvestmentTotals',
    query: `query InvestmentTotals {
  investmentTotals(groupBy: [INVESTOR, CURRENCY], currency: "KRW") {
    total { amount bound investmentCount }
    groups { label labelKo currency total { amount exact investmentCount } }
  }
  programs(first: 5) { edges { node { name gpuTotal { quantity } investmentTotal(currency: "KRW") { amount } } } }
  partners(first: 50) { edges { node { name gpuTotal { quantity } gpuShare } } }
}`,
  },
].map((operation) => ({ ...operation, description: operation.name, variables: () => ({}) }));

const context = benchContext(database);
const app = createApp({
  databasePath: database,
  seedOnStart: false,
  graphiql: false,
  logging: false,
  responseCache: false,
  metrics: false,
});
const picked = [...operations.filter((operation) => ['Dashboard', 'GroupByTwoKeys'].includes(operation.name)), ...extra];

async function send(body: string): Promise<string> {
  const headers = { 'content-type': 'application/json' };
  const response = await app.yoga.fetch('http://localhost/graphql', { method: 'POST', headers, body });
  const text = await response.text();
  if ((JSON.parse(text) as { errors?: unknown }).errors) throw new Error(text);
  return text;
}

const results: Record<string, number> = {};
const hashes: Record<string, string> = {};
for (const operation of picked) {
  const body = requestBody(operation, context);
  hashes[operation.name] = createHash('sha256')
    .update(await send(body))
    .digest('hex')
    .slice(0, 12);
  for (let warm = 0; warm < 20; warm += 1) await send(body);
  const start = process.cpuUsage();
  for (let run = 0; run < count; run += 1) await send(body);
  const used = process.cpuUsage(start);
  results[operation.name] = (used.user + used.system) / 1000 / count;
}
console.log(JSON.stringify({ results, hashes }));
app.close();
