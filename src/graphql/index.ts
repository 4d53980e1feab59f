// Builds the GraphQL schema: importing each type module registers its types and root fields.
import { printSubgraphSchema } from '@apollo/subgraph';
import { isObjectType, lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { builder } from './builder.js';
import './scalars.js';
import './conventions/errors.js';
import './enums.js';
import './entities/versioned.js';
import './entities/money.js';
import './features/gpu-total.js';
import './features/program-totals.js';
import './conventions/ordering.js';
import './conventions/filters.js';
// The one place that orders the entity modules (none imports another only to run first): each registers
// its root fields as it runs, so this is the order of Query and Mutation fields in
// subgraph.graphql. investment-totals' root field sits among theirs.
import './entities/gpu-model.js';
import './entities/exchange-rate.js';
import './features/investment-totals.js';
import './entities/program.js';
import './entities/investment.js';
import './entities/partner.js';
import './entities/initiative-participant.js';
import './entities/initiative.js';
import './entities/allocation.js';
import './entities/investment-investor.js';
import './entities/citation.js';
import './entities/discrepancy.js';
import './entities/source.js';
import './entities/phase.js';
import './entities/power-capacity.js';
import './entities/commitment.js';
import './entities/program-country.js';
import './features/allocation-totals.js';
import './entities/audit-event.js';
// After every entity: adds the fields several of them share, by table.
import './features/shared-connections.js';
import { guardEntities } from './features/federation.js';
import './features/subscriptions.js';

/** The executable schema, with Federation v2's `_service` and `_entities` for gateways. */
export const schema: GraphQLSchema = guardEntities(
  describeGenerated(
    builder.toSubGraphSchema({ linkUrl: 'https://specs.apollo.dev/federation/v2.6', federationDirectives: ['@key', '@shareable'] }),
  ),
);

/**
 * Plugins add a few fields and types without a way to pass descriptions (plugin-drizzle's
 * `totalCount`, the federation plugin's `_service`, `_entities` and their types), and every
 * field must be documented for GraphiQL; so they are filled in here, once, after the build.
 */
function describeGenerated(built: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(built.getTypeMap())) {
    if (!isObjectType(type) || !type.name.endsWith('Connection')) continue;
    const totalCount = type.getFields().totalCount;
    if (totalCount && !totalCount.description) {
      totalCount.description = 'How many items the whole list holds, across all pages.';
    }
  }
  const federation: Record<string, string> = {
    _Any: 'A reference to an entity, as a federation gateway sends it: its `__typename` and key fields.',
    _Entity: 'Every type another subgraph can extend or reference: Program, Partner, GpuModel, Allocation, Initiative, Investment, Source.',
    _Service: "This subgraph's schema, for federation gateways.",
  };
  for (const [name, description] of Object.entries(federation)) {
    const type = built.getType(name);
    if (type && !type.description) type.description = description;
  }
  const service = built.getType('_Service');
  if (isObjectType(service)) {
    const sdl = service.getFields().sdl;
    if (sdl && !sdl.description) sdl.description = 'The subgraph SDL, with its `@link` to Federation v2 and its `@key`s.';
  }
  const query = built.getQueryType()?.getFields();
  if (query?._service && !query._service.description) query._service.description = "This subgraph's schema, for gateways.";
  if (query?._entities) {
    query._entities.description ||=
      'Loads entities from their key fields, for federation gateways; null (with an error) for a key no entity has.';
    const representations = query._entities.args.find((arg) => arg.name === 'representations');
    if (representations && !representations.description) representations.description = 'The references to load.';
  }
  return built;
}

/** The SDL checked in as `schema.graphql`: sorted, so the file changes only when the schema does. */
export function printSchemaSdl(): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}

/** The subgraph SDL gateways compose (`subgraph.graphql`), with its `@link` and `@key`s. */
export function printSubgraphSdl(): string {
  return `${printSubgraphSchema(schema)}\n`;
}
