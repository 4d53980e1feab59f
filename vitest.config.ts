import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

/** Files that drive Chromium (Debian's chromium through playwright-core). */
const browser = ['test/graphiql-browser.test.ts', 'test/dashboard.test.ts'];
/** The whole benchmark against its floor and peers. */
const bench = ['test/bench.test.ts', 'test/bench-replicas.test.ts'];
/** Files that spawn `npm run`/`tsx` processes or fork workers: correct, but seconds each. */
const processes = [
  'test/crash-safety.test.ts',
  'test/backup.test.ts',
  'test/cluster.test.ts',
  'test/lifecycle.test.ts',
  'test/cli.test.ts',
  // several service processes over a real Redis or sqld
  'test/redis-instances.test.ts',
  'test/redis-workers.test.ts',
  'test/libsql-instances.test.ts',
  'test/libsql-redis.test.ts',
];

export default defineConfig({
  resolve: {
    // graphql 16 ships both index.mjs and index.js. Vite picks the .mjs for our files while Node
    // loads the .js for Pothos and yoga: two graphql realms, and "Cannot use GraphQLObjectType
    // from another module or realm". Point every import at the one Node uses.
    alias: { graphql: require.resolve('graphql') },
  },
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Stops the sqld processes TEST_ENGINE=libsql's workers leave behind (see the file).
    globalSetup: ['test/support/sqld-reaper.ts'],
    // `npm test` runs every project; `npm run test:fast` only `fast`, the edit loop.
    projects: [
      // The fast files share one module graph per worker instead of re-importing the app per file
      // (2 cores give vitest one worker, so 51 files ran one after another, each importing it):
      // `npx vitest run --project fast` took 505 s wall and 263 s of user CPU isolated, 157 s and
      // 127 s not, all 579 tests green both ways. No test in them writes process.env or a
      // module's state that another file reads; a test that starts to should move to `processes`.
      {
        extends: true,
        test: { name: 'fast', isolate: false, include: ['test/**/*.test.ts'], exclude: [...browser, ...bench, ...processes] },
      },
      { extends: true, test: { name: 'processes', include: processes } },
      { extends: true, test: { name: 'browser', include: browser } },
      { extends: true, test: { name: 'bench', include: bench } },
    ],
  },
});
