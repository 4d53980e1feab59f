// Which operations run compiled by graphql-jit (@envelop/graphql-jit).
//
// jit executes large results of plain objects (totals, group-bys) much faster than graphql-js,
// but it builds `info.path` differently, and plugin-drizzle keys the rows it preloads for
// nested relations by that path: under jit they are loaded again, a statement per parent
// (STACK-NOTES; mercurius' column in bench/RESULTS.md: 4 statements and a seventh of the speed on
// the nested list). So only queries that select no database-backed object below their root
// fields are compiled; everything else runs as before. The plugin has no such rule of its own,
// and its errors differ from graphql-js's on the way out, which `useCompiledErrors` mends.
import type { Plugin } from '@envelop/core';
import {
  BREAK,
  GraphQLError,
  getNamedType,
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLSchema,
  type SourceLocation,
} from 'graphql';
import { nodeTables } from '../schema/node-tables.js';

/** Types whose objects plugin-drizzle loads (or may load) from the database. */
function loadedByDrizzle(name: string): boolean {
  return (
    name in nodeTables ||
    name === 'Node' ||
    name === 'Versioned' ||
    name === '_Entity' ||
    name.endsWith('Connection') ||
    name.endsWith('Edge')
  );
}

const verdicts = new WeakMap<DocumentNode, boolean>();

/**
 * True when `document` is a query whose fields below the root return no database-backed type.
 * Remembered per parsed document (yoga caches those per query text).
 */
export function compilable(schema: GraphQLSchema, document: DocumentNode): boolean {
  const known = verdicts.get(document);
  if (known !== undefined) return known;
  let safe = document.definitions.every(
    (definition) => definition.kind !== Kind.OPERATION_DEFINITION || definition.operation === 'query',
  );
  if (safe) {
    const roots = new Set([schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]);
    const typeInfo = new TypeInfo(schema);
    visit(
      document,
      visitWithTypeInfo(typeInfo, {
        Field() {
          if (roots.has(typeInfo.getParentType() as never)) return;
          const type = typeInfo.getType();
          if (!type || loadedByDrizzle(getNamedType(type).name)) {
            safe = false;
            return BREAK;
          }
        },
      }),
    );
  }
  verdicts.set(document, safe);
  return safe;
}

/** The offset in `body` of a 1-based line and column (GraphQL's line terminators). */
function offsetOf(body: string, line: number, column: number): number {
  let offset = 0;
  for (let current = 1; current < line; current += 1) {
    const match = /\r\n|[\n\r]/g;
    match.lastIndex = offset;
    const found = match.exec(body);
    if (!found) break;
    offset = found.index + found[0].length;
  }
  return offset + column - 1;
}

/**
 * Errors of compiled executions as graphql-js's executor reports them. graphql-jit's errors carry
 * `locations` but not the source positions they come from, and yoga rebuilds every error from
 * those when it serializes (the plugin's own stringifier drops them too): they get their source
 * and positions back, and the result is serialized by yoga. A result without `data` means the
 * variables were refused before execution: a 400, as the executor marks it.
 */
export function useCompiledErrors(): Plugin {
  return {
    onExecute({ args }) {
      return {
        onExecuteDone({ result, setResult }) {
          if (!('errors' in result) || !result.errors?.length || !('stringify' in result)) return;
          const { stringify: _compiled, ...plain } = result as typeof result & { stringify?: unknown };
          const source = args.document.loc?.source;
          const refused = !('data' in plain) || plain.data === undefined;
          setResult({
            ...plain,
            errors: result.errors.map(
              (error) =>
                new GraphQLError(error.message, {
                  ...(source && error.locations && !error.positions
                    ? { source, positions: error.locations.map(({ line, column }: SourceLocation) => offsetOf(source.body, line, column)) }
                    : { source: error.source, positions: error.positions }),
                  path: error.path,
                  originalError: error.originalError ?? undefined,
                  extensions: refused ? { ...error.extensions, http: { status: 400 } } : error.extensions,
                }),
            ),
          });
        },
      };
    },
  };
}
