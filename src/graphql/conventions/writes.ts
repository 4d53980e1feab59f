// The write path shared by every entity: one IMMEDIATE transaction per mutation covering the
// row, its links and its audit entry; optimistic concurrency on `version`; database constraint
// failures turned into typed errors. `defineWrites` declares an entity's create/update/delete
// mutations from a field list, so every entity follows the same Relay-style contract.
import { and, count, eq, getTableColumns, is, sql } from 'drizzle-orm';
import { getTableConfig, SQLiteTable, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { ObjectRef } from '@pothos/core';
import type { ZodType } from 'zod';
import type { Db } from '../../db/client.js';
import { PrimaryUnavailableError } from '../../db/replication.js';
import type { AuditOperation } from '../../db/enums.js';
import * as schema from '../../db/schema.js';
import { withoutSearchFolds, withSearchFolds } from '../../db/search-folds.js';
import { builder, type Auth, type Context } from '../builder.js';
import { ConflictError, NotFoundError, ReferencedError, ValidationError, type Reference } from './error-classes.js';
import { mutationErrors } from './errors.js';
import { decodeGlobalId } from './global-id.js';
import { multiLineNote, singleLineNote } from '../../domain/text-rules.js';
import { multiLineRules } from './validators.js';
import { tableOfType, typeOfTable } from './node-tables.js';

export type Transaction = Parameters<Parameters<Db['transaction']>[0]>[0];
type Row = Record<string, unknown>;

/** Runs `work` in one IMMEDIATE transaction: the write lock is taken first, so writers queue. */
export function runWrite<T>(context: Context, work: (tx: Transaction) => T): T {
  // A libSQL primary known to be down: refuse at once rather than block the event loop trying.
  if (!context.db.$replication.writable()) throw new PrimaryUnavailableError();
  let result: T | undefined;
  context.db.transaction(
    (tx) => {
      result = work(tx);
    },
    { behavior: 'immediate' },
  );
  return result as T;
}

/** Appends an audit entry inside the write's transaction. */
export function audit(
  tx: Transaction,
  auth: Auth,
  operation: AuditOperation,
  entityType: string,
  entityId: number,
  before: Row | null,
  after: Row | null,
): void {
  // The folded search text is derived from the row's own columns: not part of what changed.
  tx.insert(schema.auditEvents)
    .values({ apiKeyId: auth.keyId, operation, entityType, entityId, before: withoutSearchFolds(before), after: withoutSearchFolds(after) })
    .run();
}

function idColumn(table: SQLiteTable): AnySQLiteColumn {
  return (getTableColumns(table) as Record<string, AnySQLiteColumn>).id!;
}

/**
 * Decodes a global ID given in `field` and checks a row of `typename` has it; throws
 * InvalidIdError for an ID of no `typename`, NotFoundError naming the field when no row has it.
 * Returns the database id.
 */
export function resolveId(tx: Transaction, globalId: string, typename: string, field: string): number {
  const decoded = decodeGlobalId(globalId, typename, field);
  const table = tableOfType(typename);
  if (!table) throw new NotFoundError(typename, globalId, field);
  const found = tx
    .select({ id: idColumn(table) })
    .from(table)
    .where(eq(idColumn(table), decoded.id))
    .get();
  if (!found) throw new NotFoundError(typename, globalId, field);
  return decoded.id;
}

const allTables: SQLiteTable[] = (Object.values(schema) as unknown[]).filter((value): value is SQLiteTable => is(value, SQLiteTable));

/**
 * What still points at a row through foreign keys that forbid deleting it (ON DELETE RESTRICT),
 * read from the table definitions so a new reference is covered without code here.
 */
export function referencesTo(tx: Transaction, table: SQLiteTable, id: number): Reference[] {
  const target = getTableConfig(table).name;
  const references: Reference[] = [];
  for (const candidate of allTables) {
    const config = getTableConfig(candidate);
    for (const foreignKey of config.foreignKeys) {
      const reference = foreignKey.reference();
      if (getTableConfig(reference.foreignTable).name !== target) continue;
      if (foreignKey.onDelete !== 'restrict' && foreignKey.onDelete !== 'no action' && foreignKey.onDelete !== undefined) continue;
      const column = reference.columns[0]!;
      const pointing = tx.select({ n: count() }).from(candidate).where(eq(column, id)).get()?.n ?? 0;
      if (pointing > 0) {
        const field = column.name.replace(/_id$/, '').replace(/_([a-z])/g, (_match, letter: string) => letter.toUpperCase());
        references.push({ typename: typeOfTable(config.name), field, count: pointing });
      }
    }
  }
  return references;
}

/** Turns a SQLite constraint failure into the typed error a client can act on. */
export function constraintError(error: unknown, typename: string): unknown {
  let cause: unknown = error;
  while (cause instanceof Error && !('code' in cause && String((cause as { code: unknown }).code).startsWith('SQLITE')) && cause.cause) {
    cause = cause.cause;
  }
  if (!(cause instanceof Error) || !('code' in cause)) return error;
  const code = String((cause as { code: unknown }).code);
  const message = cause.message;
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    const column = /UNIQUE constraint failed: \w+\.(\w+)/.exec(message)?.[1] ?? null;
    const field = column?.replace(/_([a-z])/g, (_match, letter: string) => letter.toUpperCase()) ?? null;
    return new ConflictError(
      field === 'slug' ? `Another ${typename} already has this slug.` : `This ${typename} already exists.`,
      null,
      field,
    );
  }
  if (code === 'SQLITE_CONSTRAINT_CHECK') {
    const rule = /CHECK constraint failed: (\w+)/.exec(message)?.[1] ?? 'a rule';
    return new ValidationError(`The values break the rule ${rule}.`, [{ path: ['input'], message: `breaks ${rule}` }]);
  }
  if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
    return new ValidationError('A referenced object does not exist.', [{ path: ['input'], message: 'references a missing object' }]);
  }
  return error;
}

// ---------------------------------------------------------------------------------------------

/** One writable field of an entity, as the create and update inputs expose it. */
export interface WritableField {
  /** The input field's GraphQL type: a scalar name, an enum ref, or a one-element list of one. */
  type: unknown;
  description: string;
  /** Required on create; on update every field is optional. */
  required?: boolean;
  /** The column may be set to null (on update) or left out (on create). */
  nullable?: boolean;
  validate?: ZodType;
  /** For `…Id` fields: the type whose global ID the field takes; stored as that row's id. */
  references?: string;
  /** The drizzle column key; defaults to the field name. */
  column?: string;
}

export interface WritesSpec {
  typename: string;
  table: SQLiteTable;
  node: ObjectRef<never, unknown> | unknown;
  /** The payload field holding the object, e.g. `partner`. */
  payloadField: string;
  fields: Record<string, WritableField>;
  /** Turns accepted input into column values, e.g. Money + currency into minor units. */
  prepare?: (values: Row, input: Row, before: Row | null, tx: Transaction) => Row;
  /** Runs after the row is written, in the same transaction (links, e.g. discrepancy citations). */
  afterWrite?: (tx: Transaction, row: Row, input: Row) => void;
  /** Leave out `update…` (for pure links). */
  noUpdate?: boolean;
  /** Runs after the transaction committed, e.g. to publish change events; never for a rolled-back write. */
  afterCommit?: (context: Context, change: { operation: AuditOperation; before: Row | null; after: Row | null }) => void;
}

function inputFields(spec: WritesSpec, mode: 'create' | 'update') {
  return (t: PothosSchemaTypes.InputFieldBuilder<PothosSchemaTypes.ExtendDefaultTypes<never>, 'InputObject'>) => {
    const fields: Record<string, unknown> = {};
    if (mode === 'update') {
      fields.id = t.id({ required: true, description: `The ${spec.typename} to change.` });
      fields.expectedVersion = t.int({
        required: true,
        description: 'The `version` you last read; a different stored version is a ConflictError, so no edit is lost.',
      });
    }
    for (const [name, field] of Object.entries(spec.fields)) {
      fields[name] = t.field({
        type: field.type as never,
        required: mode === 'create' && field.required === true,
        description: describeText(field),
        ...(field.validate ? { validate: field.validate as never } : {}),
      } as never);
    }
    return fields as never;
  };
}

/** A text field's description, with the text rule it follows (src/domain/text-rules.ts). */
function describeText(field: WritableField): string {
  const type = Array.isArray(field.type) ? field.type[0] : field.type;
  if (type !== 'String') return field.description;
  return `${field.description} ${multiLineRules.has(field.validate) ? multiLineNote : singleLineNote}`;
}

/** Turns the input's given fields into column values; `null` only where the column allows it. */
function toValues(spec: WritesSpec, input: Row, tx: Transaction): Row {
  const values: Row = {};
  const issues: { path: string[]; message: string }[] = [];
  for (const [name, field] of Object.entries(spec.fields)) {
    if (!(name in input) || input[name] === undefined) continue;
    const value = input[name];
    const column = field.column ?? name;
    if (value === null) {
      if (field.nullable) values[column] = null;
      else issues.push({ path: ['input', name], message: 'cannot be null' });
      continue;
    }
    values[column] = field.references ? resolveId(tx, String(value), field.references, name) : value;
  }
  if (issues.length > 0) throw new ValidationError(issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '), issues);
  return values;
}

function resultUnion(verb: string, typename: string) {
  return {
    name: `${verb}${typename}Result`,
    description: `The payload of ${camel(verb)}${typename}, or the typed error that stopped it.`,
  };
}

function camel(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

/** Declares create…, update… and delete… mutations for one entity. */
export function defineWrites(spec: WritesSpec): void {
  const { typename, table } = spec;
  const id = idColumn(table);
  const version = (getTableColumns(table) as Record<string, AnySQLiteColumn>).version!;
  const load = (tx: Transaction, rowId: number) => tx.select().from(table).where(eq(id, rowId)).get() as Row | undefined;

  const Payload = (verb: string) =>
    builder.objectRef<{ row: Row }>(`${verb}${typename}Payload`).implement({
      description: `The result of ${camel(verb)}${typename}.`,
      fields: (t) => ({
        [spec.payloadField]: t.field({
          type: spec.node as never,
          description: `The ${typename} as stored now, with its new \`version\`.`,
          resolve: (payload: { row: Row }) => payload.row as never,
        }),
      }),
    });

  const CreateInput = builder.inputType(`Create${typename}Input`, {
    description: `A new ${typename}.`,
    fields: inputFields(spec, 'create') as never,
  });
  builder.mutationField(`create${typename}`, (t) =>
    t.field({
      type: Payload('Create'),
      description: `Creates a ${typename}. Needs the \`write\` scope.`,
      authScopes: { write: true },
      errors: { types: mutationErrors, union: resultUnion('Create', typename) },
      args: { input: t.arg({ type: CreateInput, required: true, description: `The new ${typename}.` }) },
      resolve: (_root, args, context) => {
        const result = runWrite(context, (tx) => {
          const input = args.input as Row;
          let values = toValues(spec, input, tx);
          if (spec.prepare) values = spec.prepare(values, input, null, tx);
          values = withSearchFolds(table, values);
          let row: Row;
          try {
            row = tx
              .insert(table)
              .values(values as never)
              .returning()
              .get() as Row;
          } catch (error) {
            throw constraintError(error, typename);
          }
          spec.afterWrite?.(tx, row, input);
          audit(tx, context.auth, 'CREATE', typename, Number(row.id), null, row);
          return { row };
        });
        spec.afterCommit?.(context, { operation: 'CREATE', before: null, after: result.row });
        return result;
      },
    }),
  );

  if (!spec.noUpdate) {
    const UpdateInput = builder.inputType(`Update${typename}Input`, {
      description: `Changes to a ${typename}: give only the fields to change.`,
      fields: inputFields(spec, 'update') as never,
    });
    builder.mutationField(`update${typename}`, (t) =>
      t.field({
        type: Payload('Update'),
        description: `Changes a ${typename} if its stored version is \`expectedVersion\`. Needs the \`write\` scope.`,
        authScopes: { write: true },
        errors: { types: mutationErrors, union: resultUnion('Update', typename) },
        args: { input: t.arg({ type: UpdateInput, required: true, description: 'What to change, and the version it applies to.' }) },
        resolve: (_root, args, context) => {
          const result = runWrite(context, (tx) => {
            const { id: globalId, expectedVersion, ...changes } = args.input as Row & { id: string; expectedVersion: number };
            const rowId = resolveId(tx, globalId, typename, 'id');
            const before = load(tx, rowId)!;
            if (before.version !== expectedVersion) {
              throw new ConflictError(
                `This ${typename} is at version ${String(before.version)}, not ${expectedVersion}: someone changed it since you read it.`,
                Number(before.version),
              );
            }
            let values = toValues(spec, changes, tx);
            if (spec.prepare) values = spec.prepare(values, changes, before, tx);
            // An update that sets a searched column sets its fold with it.
            values = withSearchFolds(table, values);
            let row: Row | undefined;
            try {
              row = tx
                .update(table)
                .set({ ...values, version: sql`${version} + 1`, updatedAt: sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))` } as never)
                .where(and(eq(id, rowId), eq(version, expectedVersion)))
                .returning()
                .get() as Row | undefined;
            } catch (error) {
              throw constraintError(error, typename);
            }
            if (!row) throw new ConflictError(`This ${typename} changed while you were writing.`, null);
            spec.afterWrite?.(tx, row, changes);
            audit(tx, context.auth, 'UPDATE', typename, rowId, before, row);
            return { row, before };
          });
          spec.afterCommit?.(context, { operation: 'UPDATE', before: result.before, after: result.row });
          return result;
        },
      }),
    );
  }

  const DeleteInput = builder.inputType(`Delete${typename}Input`, {
    description: `Which ${typename} to delete, and the version you last read.`,
    fields: (t) => ({
      id: t.id({ required: true, description: `The ${typename} to delete.` }),
      expectedVersion: t.int({ required: true, description: 'The `version` you last read.' }),
    }),
  });
  const DeletePayload = builder.objectRef<{ id: string }>(`Delete${typename}Payload`).implement({
    description: `The result of delete${typename}.`,
    fields: (t) => ({
      deletedId: t.id({ description: 'The global ID of the deleted object.', resolve: (payload) => payload.id }),
    }),
  });
  builder.mutationField(`delete${typename}`, (t) =>
    t.field({
      type: DeletePayload,
      description: `Deletes a ${typename} (with its citations) unless other objects point to it. Needs the \`write\` scope.`,
      authScopes: { write: true },
      errors: { types: mutationErrors, union: resultUnion('Delete', typename) },
      args: { input: t.arg({ type: DeleteInput, required: true, description: 'What to delete.' }) },
      resolve: (_root, args, context) => {
        const result = runWrite(context, (tx) => {
          const rowId = resolveId(tx, args.input.id, typename, 'id');
          const before = load(tx, rowId)!;
          if (before.version !== args.input.expectedVersion) {
            throw new ConflictError(
              `This ${typename} is at version ${String(before.version)}, not ${args.input.expectedVersion}.`,
              Number(before.version),
            );
          }
          const references = referencesTo(tx, table, rowId);
          if (references.length > 0) throw new ReferencedError(typename, references);
          try {
            tx.delete(table).where(eq(id, rowId)).run();
          } catch (error) {
            throw constraintError(error, typename);
          }
          audit(tx, context.auth, 'DELETE', typename, rowId, before, null);
          return { id: args.input.id, before };
        });
        spec.afterCommit?.(context, { operation: 'DELETE', before: result.before, after: null });
        return result;
      },
    }),
  );
}

/**
 * A column's value after a write: the one given, else the stored one (on update), else null.
 * `prepare` hooks check rules across fields with it, since an update gives only what changes.
 */
export function valueAfter(values: Row, before: Row | null, column: string): unknown {
  return column in values ? values[column] : (before?.[column] ?? null);
}

/**
 * Refuses a write that leaves one of each pair set without the other (a date without its
 * precision), naming the field to add or clear; the tables' CHECKs hold the same rule.
 */
export function requireTogether(values: Row, before: Row | null, pairs: readonly (readonly [string, string])[]): void {
  for (const [first, second] of pairs) {
    const a = valueAfter(values, before, first);
    const b = valueAfter(values, before, second);
    if ((a === null) !== (b === null)) {
      throw new ValidationError(`${first} and ${second} go together.`, [
        { path: ['input', a === null ? first : second], message: 'give both, or neither' },
      ]);
    }
  }
}
