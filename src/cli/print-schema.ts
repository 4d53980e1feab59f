// `npm run schema:print`: writes schema.graphql, subgraph.graphql and persisted-operations.json
// at the repository root, and what client caches need to know (clients/*.json).
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { cacheTypesOf, possibleTypesOf } from '../graphql/features/cache-facts.js';
import { printSchemaSdl, printSubgraphSdl, schema } from '../graphql/index.js';
import { buildManifest } from '../server/persisted-operations.js';

// schema.graphql is the API as clients see it; subgraph.graphql is what a federation gateway
// composes (printed by @apollo/subgraph, which keeps the @link and @key directives).
for (const [file, sdl] of [
  ['schema.graphql', printSchemaSdl()],
  ['subgraph.graphql', printSubgraphSdl()],
  ['persisted-operations.json', `${JSON.stringify(buildManifest(), null, 2)}\n`],
  ['clients/possible-types.json', `${JSON.stringify(possibleTypesOf(schema), null, 2)}\n`],
  ['clients/cache-types.json', `${JSON.stringify(cacheTypesOf(schema), null, 2)}\n`],
] as const) {
  const target = fileURLToPath(new URL(`../../${file}`, import.meta.url));
  writeFileSync(target, sdl);
  console.log(`wrote ${target}`);
}
