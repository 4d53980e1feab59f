// The audit log: every successful write, readable with the `admin` scope only.
import { JSONObjectResolver } from 'graphql-scalars';
import type { auditOperations } from '../../db/enums.js';
import { builder } from '../builder.js';
import { decodeGlobalId, encodeGlobalId } from '../conventions/global-id.js';
import { countWhere, defineFilter, enumFilter, toWhere, type FilterInput } from '../conventions/filters.js';

builder.addScalarType('JSONObject', JSONObjectResolver, {
  description: 'A JSON object, e.g. a row as it was stored.',
});

const AuditOperation = builder.enumType('AuditOperation', {
  description: 'What a write did.',
  values: {
    CREATE: { description: 'Created the object.' },
    UPDATE: { description: 'Changed the object.' },
    DELETE: { description: 'Deleted the object.' },
  } satisfies Record<(typeof auditOperations)[number], { description: string }>,
});

/** The stored timestamps are ISO text; a DateTime argument is compared in the same form. */
function isoInstant(value: unknown): string {
  return value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString();
}

const auditEventFilter = defineFilter({
  typename: 'AuditEvent',
  table: 'auditEvents',
  description: 'Which audit entries to return; all given conditions must hold.',
  logic: false,
  fields: {
    entityType: { kind: 'string', description: 'By type of the changed object, e.g. `{ eq: "Partner" }`.' },
    entity: { input: 'ID', description: 'Entries about this object (its global ID).' },
    operation: { kind: enumFilter('AuditOperationFilter', AuditOperation, 'an audit operation'), description: 'By operation.' },
    occurredAt: { kind: 'dateTime', map: isoInstant, description: 'By time of the write.' },
  },
});

function auditWhere(filter: FilterInput | null | undefined) {
  if (!filter) return undefined;
  const { entity, occurredAt, ...rest } = filter;
  // `occurredAt` apart, so that it stays a key of its own beside the others, as `entity`'s are.
  const where: Record<string, unknown> = {
    ...toWhere(auditEventFilter.spec, rest),
    ...toWhere(auditEventFilter.spec, { occurredAt }),
  };
  if (entity !== undefined && entity !== null) {
    const decoded = decodeGlobalId(entity, undefined, 'filter.entity');
    where.entityType = decoded.typename;
    where.entityId = decoded.id;
  }
  return where;
}

export const AuditEvent = builder.drizzleNode('auditEvents', {
  name: 'AuditEvent',
  description: 'One successful write: who (which API key), what, when, and the object before and after.',
  id: { column: (event) => event.id },
  authScopes: { admin: true },
  fields: (t) => ({
    operation: t.expose('operation', { type: AuditOperation, description: 'Create, update or delete.' }),
    entityType: t.exposeString('entityType', { description: 'The type of the changed object, e.g. `Partner`.' }),
    entityId: t.id({
      description: 'The global ID of the changed object (it may since have been deleted).',
      resolve: (event) => encodeGlobalId(event.entityType, event.entityId),
    }),
    before: t.field({
      type: 'JSONObject',
      nullable: true,
      description: 'The stored row before the write; null for a create.',
      resolve: (event) => event.before ?? null,
    }),
    after: t.field({
      type: 'JSONObject',
      nullable: true,
      description: 'The stored row after the write; null for a delete.',
      resolve: (event) => event.after ?? null,
    }),
    occurredAt: t.expose('occurredAt', { type: 'DateTime', description: 'When the write committed.' }),
    apiKeyName: t.string({
      nullable: true,
      description: 'The name of the API key that made the write; null for command-line changes or a deleted key.',
      select: { with: { apiKey: { columns: { name: true } } } },
      resolve: (event) => event.apiKey?.name ?? null,
    }),
  }),
});

builder.queryField('auditEvents', (t) =>
  t.drizzleConnection({
    type: 'auditEvents',
    description: 'The audit log, newest first. Needs an API key with the `admin` scope.',
    authScopes: { admin: true },
    args: { filter: t.arg({ type: auditEventFilter.input, description: 'Which entries to return.' }) },
    totalCount: (_root, args, context) => countWhere(context.db, 'auditEvents', auditWhere(args.filter)),
    resolve: (query, _root, args, context) =>
      context.db.query.auditEvents.findMany(query({ where: auditWhere(args.filter), orderBy: { id: 'desc' } })),
  }),
);
