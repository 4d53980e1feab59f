// Peer: what a user would get from PostGraphile v5 over PostgreSQL instead of writing the
// service: the Amber preset, @graphile/pg-aggregates (sums, distinct counts, groupedAggregates)
// and postgraphile-plugin-connection-filter (`filter:` arguments, across relations too), over a
// PostgreSQL database the harness loads with the bench's SQLite tables (bench/postgres.ts).
// Served by grafserv on node:http. Needs Node 22 or newer (it uses `Promise.withResolvers`).
//
//   node --import tsx bench/peers/postgraphile/server.ts <postgres url> [port]
// prints `postgraphile serving http://127.0.0.1:<port>/graphql` once it listens.
import { createServer } from 'node:http';
import { PgAggregatesPreset } from '@graphile/pg-aggregates';
import { postgraphile } from 'postgraphile';
import { makePgService } from 'postgraphile/adaptors/pg';
import { grafserv } from 'postgraphile/grafserv/node';
import { PostGraphileAmberPreset } from 'postgraphile/presets/amber';
import { PostGraphileConnectionFilterPreset } from 'postgraphile-plugin-connection-filter';

const [connectionString, portText] = process.argv.slice(2);
if (!connectionString) {
  console.error('usage: node --import tsx bench/peers/postgraphile/server.ts <postgres url> [port]');
  process.exit(2);
}

const preset: GraphileConfig.Preset = {
  extends: [PostGraphileAmberPreset, PgAggregatesPreset, PostGraphileConnectionFilterPreset],
  pgServices: [makePgService({ connectionString, schemas: ['public'], poolConfig: { max: 20 } })],
  // Reads only, as the bench sends; no GraphiQL, no explain.
  disablePlugins: ['PgMutationCreatePlugin', 'PgMutationUpdateDeletePlugin'],
  schema: { connectionFilterRelations: true },
  grafserv: { graphqlPath: '/graphql', graphiql: false, watch: false },
  grafast: { explain: false },
};

const pgl = postgraphile(preset);
const serv = pgl.createServ(grafserv);
const server = createServer();
server.keepAliveTimeout = 60_000;
serv.addTo(server).then(
  () => {
    server.listen(Number(portText ?? 0), '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      console.log(`postgraphile serving http://127.0.0.1:${port}/graphql`);
    });
  },
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
const stop = () =>
  server.close(() => {
    void Promise.resolve(pgl.release()).finally(() => process.exit(0));
  });
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
