// The one SchemaBuilder: plugins, context type and scalars are declared here once.
import SchemaBuilder from '@pothos/core';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import DirectivePlugin from '@pothos/plugin-directives';
import DrizzlePlugin from '@pothos/plugin-drizzle';
import ErrorsPlugin from '@pothos/plugin-errors';
import FederationPlugin from '@pothos/plugin-federation';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin, { type AuthFailure } from '@pothos/plugin-scope-auth';
import ValidationPlugin from '@pothos/plugin-validation';
import CursorBindingPlugin from './plugins/cursor-binding-plugin.js';
import StringRulesPlugin from './plugins/string-rules-plugin.js';
import LoadedColumnsPlugin from './plugins/loaded-columns-plugin.js';
import ReadPlannerPlugin from './planner/planner-plugin.js';
import { z } from 'zod';
import { eq, getTableColumns } from 'drizzle-orm';
import { getTableConfig, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { Db } from '../db/client.js';
import { relations } from '../db/relations.js';
import type { Events } from '../events/bus.js';
import { tableOfType } from './conventions/node-tables.js';
import { decodeCanonicalGlobalId } from './conventions/global-id.js';
import { ForbiddenError, ValidationError } from './conventions/error-classes.js';

/** Who is asking: the API key's id (null without a key) and its effective scopes. */
export interface Auth {
  keyId: number | null;
  scopes: ReadonlySet<string>;
}

/** Per-request context; `db` is the request's database handle. */
export interface Context {
  db: Db;
  auth: Auth;
  events: Events;
  /** False resolves nested lists through plugin-drizzle alone, without the read planner (tests compare both). */
  readPlanner?: boolean;
}

export interface PothosTypes {
  Context: Context;
  DrizzleRelations: typeof relations;
  DefaultFieldNullability: false;
  AuthScopes: { read: boolean; write: boolean; admin: boolean };
  Scalars: {
    Date: { Input: string; Output: string };
    DateTime: { Input: string; Output: string };
    Money: { Input: string; Output: string };
    Currency: { Input: string; Output: string };
    SafeInt: { Input: number; Output: number };
    JSONObject: { Input: Record<string, unknown>; Output: Record<string, unknown> };
  };
}

/** The largest page a connection returns; asking for more is an error, not a silent clamp. */
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

const pageSize = z
  .number()
  .int()
  .min(0, { message: 'must not be negative' })
  .max(MAX_PAGE_SIZE, { message: `must be at most ${MAX_PAGE_SIZE}; page through larger lists with cursors` })
  .nullish();

/**
 * plugin-drizzle's node loader rejects with "Model <table>(<id>) not found" for an ID no row has;
 * Relay's contract is null. Only that rejection is turned into null; anything else still fails.
 */
function isMissingNode(error: unknown): boolean {
  return error instanceof Error && /^Model \w+\(.*\) not found$/.test(error.message);
}

async function nullWhenMissing(load: unknown): Promise<unknown> {
  try {
    return await load;
  } catch (error) {
    if (isMissingNode(error)) return null;
    throw error;
  }
}

function nodeExists(db: Db, id: { typename: string; id: string }): boolean {
  const target = tableOfType(id.typename);
  if (!target) return false;
  const idColumn = (getTableColumns(target) as Record<string, AnySQLiteColumn>).id!;
  return (
    db
      .select({ id: idColumn })
      .from(target)
      .where(eq(idColumn, Number(id.id)))
      .get() !== undefined
  );
}

/** The first scope a failed check asked for, for the error message. */
function requiredScope(failure: AuthFailure): string {
  if ('scope' in failure) return failure.scope;
  if ('failures' in failure && failure.failures[0]) return requiredScope(failure.failures[0]);
  return 'write';
}

export const builder = new SchemaBuilder<PothosTypes>({
  // Errors wraps outermost so it returns scope-auth's and validation's failures as typed
  // results. Input rules are checked before the key's scope (plugin-validation maps arguments
  // first); they are public in the schema, and every check that reads data (IDs, versions,
  // references) runs in the resolver, after authorization.
  // LoadedColumns sits just outside Drizzle, whose check it skips for a column the row carries.
  // StringRules and CursorBinding come after Validation: the zod rules' messages come first,
  // and page sizes are checked before cursors are read.
  // Dataloader batches per request (its getters back the totals loaders; see per-request-loader.ts).
  // Federation comes after the plugins that wrap resolvers, as its documentation asks.
  // ReadPlanner wraps outermost: a value it prepared for a nested list skips the rest (it never
  // plans a field with auth scopes; see src/graphql/planner/planner-plugin.ts).
  plugins: [
    ReadPlannerPlugin,
    ErrorsPlugin,
    ScopeAuthPlugin,
    RelayPlugin,
    ValidationPlugin,
    StringRulesPlugin,
    CursorBindingPlugin,
    LoadedColumnsPlugin,
    DrizzlePlugin,
    DataloaderPlugin,
    DirectivePlugin,
    FederationPlugin,
  ],
  errors: { defaultTypes: [], unsafelyHandleInputErrors: true, directResult: true },
  scopeAuth: {
    authScopes: (context) => ({
      read: context.auth.scopes.has('read'),
      write: context.auth.scopes.has('write'),
      admin: context.auth.scopes.has('admin'),
    }),
    unauthorizedError: (_parent, _context, _info, result) => new ForbiddenError(requiredScope(result.failure)),
  },
  validation: {
    validationError: (failure) => ValidationError.fromIssues(failure.issues),
  },
  defaultFieldNullability: false,
  drizzle: {
    client: (context) => context.db,
    getTableConfig,
    relations,
    defaultConnectionSize: DEFAULT_PAGE_SIZE,
    maxConnectionSize: MAX_PAGE_SIZE,
  },
  relay: {
    clientMutationId: 'omit',
    // One form per object: a non-canonical spelling of an ID is INVALID_ID, not the same object.
    decodeGlobalID: decodeCanonicalGlobalId,
    cursorType: 'String',
    nodeTypeOptions: {
      description: 'An object with a globally unique, opaque ID that `node(id:)` can fetch again.',
    },
    pageInfoTypeOptions: {
      description: 'Where a page sits in its connection, with cursors to fetch the pages around it.',
      // Federation: every Relay-style subgraph defines this same type (the Relay spec fixes its
      // shape), and composition refuses a field two subgraphs define unless both say @shareable.
      shareable: true,
    },
    idFieldOptions: {
      description: 'Globally unique, opaque ID; pass it to `node(id:)` to fetch this object again.',
      // Encoded from the key column its row was loaded with: nothing is loaded, so the request
      // deadline's check per resolver (use-request-budget.ts) skips it, as it skips exposed columns.
      extensions: { readsParentOnly: true },
    },
    nodeQueryOptions: {
      description: 'Fetches any object by its global ID; null when no object has it.',
      args: { id: { description: 'A global ID, as returned in any `id` field.' } },
      // The read planner serves the rows it can from a statement prepared per document (src/graphql/planner/keyed-load.ts).
      extensions: { readPlannerNode: true },
      resolve: (_root, args, _context, _info, resolveNode) => nullWhenMissing(resolveNode(args.id)),
    },
    nodesQueryOptions: {
      description: 'Fetches several objects by their global IDs, in the order given; null for an ID no object has.',
      args: { ids: { description: 'Global IDs, as returned in `id` fields.' } },
      resolve: async (_root, args, context, _info, resolveNodes) => {
        try {
          return await resolveNodes(args.ids);
        } catch (error) {
          if (!isMissingNode(error)) throw error;
          // Some ID names no row: load the ones that exist and leave null in the others' places.
          // plugin-relay's resolveNodes reads `args.ids` itself (its parameter is ignored), so
          // the list is narrowed in place.
          const requested = args.ids;
          const present = requested.map((id) => nodeExists(context.db, id));
          args.ids = requested.filter((_id, index) => present[index]);
          const found = await resolveNodes(args.ids);
          let next = 0;
          return present.map((exists) => (exists ? found[next++] : null));
        }
      },
    },
    cursorFieldOptions: { description: 'Opaque cursor of this edge; pass it as `after` or `before` to page from here.' },
    nodeFieldOptions: { description: 'The object at this edge.' },
    edgesFieldOptions: { description: 'The edges of this page, in order.' },
    pageInfoFieldOptions: { description: 'Cursors and flags for paging from this page.' },
    hasNextPageFieldOptions: { description: 'True when more items follow this page.' },
    hasPreviousPageFieldOptions: { description: 'True when items precede this page.' },
    startCursorFieldOptions: { description: 'Cursor of the first edge of this page.' },
    endCursorFieldOptions: { description: 'Cursor of the last edge of this page.' },
    // plugin-drizzle clamps an oversized page silently; validating the argument makes it an error.
    firstArgOptions: {
      description: `Return the first N items after \`after\` (0 to ${MAX_PAGE_SIZE}).`,
      validate: pageSize,
    },
    lastArgOptions: {
      description: `Return the last N items before \`before\` (0 to ${MAX_PAGE_SIZE}).`,
      validate: pageSize,
    },
    afterArgOptions: { description: 'Return items after this cursor.' },
    beforeArgOptions: { description: 'Return items before this cursor.' },
    defaultConnectionTypeOptions: {
      description: 'A page of a list, with its edges, paging information and the total count.',
    },
    defaultEdgeTypeOptions: { description: 'One item of a page, with its cursor.' },
  },
});

builder.queryType({ description: 'The entry points for reading the dataset.' });
builder.subscriptionType({
  description:
    'Live updates for dashboards, over SSE (`Accept: text/event-stream` or the graphql-sse protocol at /graphql/stream) or graphql-ws (WebSocket at /graphql). Events are sent after the write commits. When this server may have missed events from other instances (its link to them was lost, or is back), the stream carries a result with `data: null` and one error coded `EVENTS_MAY_BE_MISSED` (its `connected` extension says whether events flow again) and stays open: refetch what you show.',
});
builder.mutationType({
  description:
    'Changes to the dataset. Each needs an API key with the `write` scope, runs in one transaction with its audit entry, and returns a payload or a typed error.',
});
