// `npm run schema:print`: writes schema.graphql and subgraph.graphql at the repository root.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { printSchemaSdl, printSubgraphSdl } from '../schema/index.js';

// schema.graphql is the API as clients see it; subgraph.graphql is what a federation gateway
// composes (printed by @apollo/subgraph, which keeps the @link and @key directives).
for (const [file, sdl] of [
  ['schema.graphql', printSchemaSdl()],
  ['subgraph.graphql', printSubgraphSdl()],
] as const) {
  const target = fileURLToPath(new URL(`../../${file}`, import.meta.url));
  writeFileSync(target, sdl);
  console.log(`wrote ${target}`);
}
