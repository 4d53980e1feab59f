// With introspection off, `_service { sdl }` would hand the whole schema to anyone: it answers
// only keys with the `admin` scope (what a gateway or `rover subgraph introspect` sends when it
// composes from the live service). Checked at execution, where every transport (HTTP, SSE,
// graphql-sse, WebSocket) passes with its context and key.
import { GraphQLError, Kind, getOperationAST, type DocumentNode, type SelectionSetNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Context } from '../../graphql/builder.js';

/** Whether the operation asks for `_service` at its root, directly, aliased or through fragments. */
function selectsService(document: DocumentNode, operationName: string | null | undefined): boolean {
  const operation = getOperationAST(document, operationName);
  if (operation?.operation !== 'query') return false;
  const fragments = new Map(
    document.definitions.flatMap((definition) =>
      definition.kind === Kind.FRAGMENT_DEFINITION ? [[definition.name.value, definition] as const] : [],
    ),
  );
  const seen = new Set<string>();
  const visit = (set: SelectionSetNode): boolean =>
    set.selections.some((selection) => {
      if (selection.kind === Kind.FIELD) return selection.name.value === '_service';
      if (selection.kind === Kind.INLINE_FRAGMENT) return visit(selection.selectionSet);
      const name = selection.name.value;
      if (seen.has(name)) return false;
      seen.add(name);
      const fragment = fragments.get(name);
      return fragment ? visit(fragment.selectionSet) : false;
    });
  return visit(operation.selectionSet);
}

/**
 * `selectsService`'s verdicts per parsed document (yoga caches those per query text) and operation
 * name: a document's walk is the same on every request that sends it.
 */
const verdicts = new WeakMap<DocumentNode, Map<string, boolean>>();
function selectsServiceCached(document: DocumentNode, operationName: string | null | undefined): boolean {
  let byName = verdicts.get(document);
  if (!byName) verdicts.set(document, (byName = new Map()));
  const key = operationName ?? '';
  let verdict = byName.get(key);
  if (verdict === undefined) {
    verdict = selectsService(document, operationName);
    // Bounded: a client can send one document with any number of operation names.
    if (byName.size < 100) byName.set(key, verdict);
  }
  return verdict;
}

export function useServiceForGateways(): Plugin<Context> {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const context = args.contextValue as Partial<Context>;
      if (context.auth?.scopes.has('admin') || !selectsServiceCached(args.document, args.operationName)) return;
      setResultAndStopExecution({
        data: null,
        errors: [
          new GraphQLError('`_service` needs an API key with the admin scope while introspection is off.', {
            extensions: { code: 'FORBIDDEN' },
          }),
        ],
      });
    },
  };
}
