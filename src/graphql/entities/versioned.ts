import { builder } from '../builder.js';

interface VersionedShape {
  version: number;
  createdAt: string;
  updatedAt: string;
}

const descriptions = {
  version: 'Grows by one with every change; updates and deletes must name the version they expect.',
  createdAt: 'When the row was created.',
  updatedAt: 'When the row last changed.',
};

/** Shared by every editable type, so clients can handle concurrency and freshness generically. */
export const Versioned = builder.interfaceRef<VersionedShape>('Versioned').implement({
  description: 'An object that can be edited. Its `version` grows by one with every change.',
  fields: (t) => ({
    version: t.exposeInt('version', { description: descriptions.version }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: descriptions.createdAt }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: descriptions.updatedAt }),
  }),
});

/**
 * The type-level `select` of a drizzle object with this interface: its rows are loaded with only
 * the columns and relations the requested fields name, not whole rows (a nested list of
 * citations read every column of every row to show a quote). Such a type spreads
 * `versionedFields(t)` into its fields, so the interface's columns are selected on demand too.
 */
export const onDemandColumns = {} as const;

interface ExposingBuilder {
  exposeInt(column: 'version', options: { description: string }): unknown;
  expose(column: 'createdAt' | 'updatedAt', options: { type: 'DateTime'; description: string }): unknown;
}

/** The interface's fields as exposed columns of a drizzle object, each selected only when asked for. */
export function versionedFields<T extends ExposingBuilder>(t: T) {
  return {
    version: t.exposeInt('version', { description: descriptions.version }) as ReturnType<T['exposeInt']>,
    createdAt: t.expose('createdAt', { type: 'DateTime', description: descriptions.createdAt }) as ReturnType<T['expose']>,
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: descriptions.updatedAt }) as ReturnType<T['expose']>,
  };
}
