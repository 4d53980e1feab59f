// A Pothos plugin that binds every connection's cursors to their list and ordering, and makes
// them opaque. plugin-drizzle's cursors are base64 of `DC:` and the sort values in readable form
// (a partner's name), and it accepts any such cursor on any list: one from another list or
// ordering silently restarted from page 1, and a forged one (`DC:J:{…}`, a value of a type the
// driver cannot bind) was a 500. Here a cursor is base64url of `[fingerprint, values]`, the
// fingerprint a short hash of the field (`Program.allocations`) and its `orderBy`; an argument
// mapper checks it and hands plugin-drizzle its own cursor again, with values of checked types,
// and the resolver's result gets its cursors wrapped. Keyset paging is unchanged: the values are
// the same sort values, so a page stays correct while rows are inserted.
// Written here because neither plugin-relay nor plugin-drizzle has a hook for the cursor format;
// argument mappers are also what plugin-drizzle's planner reads nested connections' arguments
// through, so nested and root connections are covered alike.
import SchemaBuilder, {
  BasePlugin,
  completeValue,
  decodeBase64,
  decodeCursorChunk,
  encodeBase64,
  encodeCursorChunk,
  encodeCursorTuple,
  PothosValidationError,
  type PothosOutputFieldConfig,
  type SchemaTypes,
} from '@pothos/core';
import { createHash } from 'node:crypto';
import type { GraphQLFieldResolver } from 'graphql';

const pluginName = 'cursorBinding';

declare global {
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      cursorBinding: CursorBindingPlugin<Types>;
    }
  }
}

/** Longest cursor read: a few sort values of at most a few hundred characters each. */
export const MAX_CURSOR_LENGTH = 4096;
const MAX_CURSOR_VALUES = 16;
const base64url = /^[A-Za-z0-9_-]+$/;

type SortValue = string | number | null;

function isSortValue(value: unknown): value is SortValue {
  return value === null || (typeof value === 'number' && Number.isFinite(value)) || (typeof value === 'string' && value.length <= 1000);
}

function invalid(reason: string): PothosValidationError {
  return new PothosValidationError(`Invalid cursor: ${reason}`);
}

/** The list a cursor belongs to: the field and its ordering, hashed (12 base64url characters). */
export function cursorFingerprint(field: string, orderBy: unknown): string {
  const ordering =
    Array.isArray(orderBy) && orderBy.length > 0
      ? orderBy.map((order: { field?: unknown; direction?: unknown }) => [order.field, order.direction ?? 'ASC'])
      : null;
  return createHash('sha256')
    .update(JSON.stringify([field, ordering]))
    .digest('base64url')
    .slice(0, 12);
}

/** plugin-drizzle's cursor → ours. */
export function wrapCursor(fingerprint: string, drizzleCursor: string): string {
  const decoded = decodeBase64(drizzleCursor);
  if (!decoded.startsWith('DC:')) throw new Error('not a plugin-drizzle cursor');
  const values = decodeCursorChunk(decoded.slice(3)) as unknown;
  if (!(Array.isArray(values) ? values.every(isSortValue) : isSortValue(values))) throw new Error('a sort value of an unsupported type');
  return Buffer.from(JSON.stringify([fingerprint, values])).toString('base64url');
}

/** Ours → plugin-drizzle's, or an INVALID_CURSOR error for anything this list did not issue. */
export function unwrapCursor(fingerprint: string, cursor: unknown): string {
  if (typeof cursor !== 'string' || cursor.length > MAX_CURSOR_LENGTH || !base64url.test(cursor))
    throw invalid('not a cursor this API issued.');
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid('not a cursor this API issued.');
  }
  if (!Array.isArray(parsed) || parsed.length !== 2 || typeof parsed[0] !== 'string') throw invalid('not a cursor this API issued.');
  if (parsed[0] !== fingerprint) throw invalid('this cursor belongs to another list or ordering.');
  const values: unknown = parsed[1];
  if (Array.isArray(values)) {
    if (values.length === 0 || values.length > MAX_CURSOR_VALUES || !values.every(isSortValue))
      throw invalid('not a cursor this API issued.');
    return encodeBase64(`DC:${encodeCursorTuple(values)}`);
  }
  if (!isSortValue(values)) throw invalid('not a cursor this API issued.');
  return encodeBase64(`DC:${encodeCursorChunk(values)}`);
}

/** True for a Relay connection field: one taking first/after/last/before. */
function isConnectionField(args: Record<string, unknown>): boolean {
  return ['first', 'after', 'last', 'before'].every((name) => name in args);
}

interface Connection {
  edges?: ({ cursor?: unknown } | null)[];
  pageInfo?: { startCursor?: unknown; endCursor?: unknown };
}

const wrapped = new WeakSet<object>();

/**
 * Replaces `holder[key]`, a plugin-drizzle cursor, with ours, made when it is first read: a list's
 * edges carry a cursor each, and most selections read none of them (the bench's nested list reads
 * none of its 50), while decoding and re-encoding one takes a few microseconds.
 */
function wrapLazily(holder: Record<string, unknown>, key: string, fingerprint: () => string): void {
  const cursor = holder[key];
  if (typeof cursor !== 'string') return;
  let value: unknown;
  let made = false;
  Object.defineProperty(holder, key, {
    configurable: true,
    enumerable: true,
    get() {
      if (!made) {
        value = wrapCursor(fingerprint(), cursor);
        made = true;
      }
      return value;
    },
    set(next: unknown) {
      value = next;
      made = true;
    },
  });
}

function wrapConnection(fingerprint: () => string, connection: unknown): unknown {
  if (connection === null || typeof connection !== 'object' || wrapped.has(connection)) return connection;
  wrapped.add(connection);
  const { edges, pageInfo } = connection as Connection;
  for (const edge of edges ?? []) if (edge) wrapLazily(edge as Record<string, unknown>, 'cursor', fingerprint);
  if (pageInfo) {
    wrapLazily(pageInfo as Record<string, unknown>, 'startCursor', fingerprint);
    wrapLazily(pageInfo as Record<string, unknown>, 'endCursor', fingerprint);
  }
  return connection;
}

export class CursorBindingPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override onOutputFieldConfig(fieldConfig: PothosOutputFieldConfig<Types>): PothosOutputFieldConfig<Types> {
    if (!isConnectionField(fieldConfig.args)) return fieldConfig;
    const field = `${fieldConfig.parentType}.${fieldConfig.name}`;
    return {
      ...fieldConfig,
      argMappers: [
        ...(fieldConfig.argMappers ?? []),
        (args: Record<string, unknown>) => {
          if (args.after == null && args.before == null) return args;
          const fingerprint = cursorFingerprint(field, args.orderBy);
          return {
            ...args,
            ...(args.after == null ? {} : { after: unwrapCursor(fingerprint, args.after) }),
            ...(args.before == null ? {} : { before: unwrapCursor(fingerprint, args.before) }),
          };
        },
      ],
    };
  }

  override wrapResolve(
    resolver: GraphQLFieldResolver<unknown, Types['Context'], object>,
    fieldConfig: PothosOutputFieldConfig<Types>,
  ): GraphQLFieldResolver<unknown, Types['Context'], object> {
    if (!isConnectionField(fieldConfig.args)) return resolver;
    const field = `${fieldConfig.parentType}.${fieldConfig.name}`;
    return (parent, args, context, info) => {
      // A digest of the field and ordering, made only if a cursor is read.
      let known: string | undefined;
      const fingerprint = () => (known ??= cursorFingerprint(field, (args as { orderBy?: unknown }).orderBy));
      return completeValue(resolver(parent, args, context, info), (connection) => wrapConnection(fingerprint, connection));
    };
  }
}

SchemaBuilder.registerPlugin(pluginName, CursorBindingPlugin);

export default pluginName;
