// createYoga with the schema and the request context. Behaviour is added as yoga/envelop plugins.
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { createYoga, type YogaServerInstance } from 'graphql-yoga';
import type { Db } from '../db/client.js';
import { schema } from '../schema/index.js';
import type { Context } from '../schema/builder.js';
import { authenticate } from './auth.js';
import { maskError } from './errors.js';
import { exampleOperations } from './example-operations.js';

export interface YogaOptions {
  db: Db;
  /** Refuse requests that carry no API key; reads are public otherwise. */
  readRequiresKey?: boolean;
  /** Serve GraphiQL to browsers at the GraphQL endpoint. */
  graphiql: boolean;
  /** Log to the console (off in tests). */
  logging?: boolean;
}

export type Yoga = YogaServerInstance<Record<string, never>, Context>;

/** The GraphQL server for one database; `yoga.fetch` serves a request without a port. */
export function createGraphQLServer(options: YogaOptions): Yoga {
  return createYoga<Record<string, never>, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    context: ({ request }) => ({
      db: options.db,
      auth: authenticate(options.db, request.headers.get('authorization'), {
        readRequiresKey: options.readRequiresKey ?? false,
      }),
    }),
    graphiql: options.graphiql
      ? { title: 'ai-factory-graph', defaultQuery: exampleOperations, shouldPersistHeaders: false }
      : false,
    // GraphiQL's assets come from the package, not a CDN, so it works on a machine with no internet.
    renderGraphiQL,
    landingPage: false,
    logging: options.logging ?? true,
    // Unexpected errors reach clients as "Unexpected error." with no message, stack or SQL.
    maskedErrors: { maskError },
  });
}
