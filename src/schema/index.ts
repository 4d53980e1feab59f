// Builds the GraphQL schema: importing each type module registers its types and root fields.
import { isObjectType, lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { builder } from './builder.js';
import './scalars.js';
import './errors.js';
import './enums.js';
import './versioned.js';
import './money.js';
import './gpu-total.js';
import './program-totals.js';
import './ordering.js';
import './filters.js';
import './source.js';
import './citation.js';
import './discrepancy.js';
import './gpu-model.js';
import './partner.js';
import './allocation.js';
import './program.js';
import './initiative.js';
import './initiative-participant.js';
import './investment.js';
import './investment-investor.js';
import './exchange-rate.js';
import './allocation-totals.js';
import './investment-totals.js';
import './audit-event.js';

export const schema: GraphQLSchema = describeTotalCounts(builder.toSchema());

/**
 * plugin-drizzle adds `totalCount` to its connections with no way to pass a description, and
 * every field must be documented for GraphiQL; so it is filled in here, once, after the build.
 */
function describeTotalCounts(built: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(built.getTypeMap())) {
    if (!isObjectType(type) || !type.name.endsWith('Connection')) continue;
    const totalCount = type.getFields().totalCount;
    if (totalCount && !totalCount.description) {
      totalCount.description = 'How many items the whole list holds, across all pages.';
    }
  }
  return built;
}

/** The SDL checked in as `schema.graphql`: sorted, so the file changes only when the schema does. */
export function printSchemaSdl(): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
