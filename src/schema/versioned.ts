import { builder } from './builder.js';

interface VersionedShape {
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** Shared by every editable type, so clients can handle concurrency and freshness generically. */
export const Versioned = builder.interfaceRef<VersionedShape>('Versioned').implement({
  description: 'An object that can be edited. Its `version` grows by one with every change.',
  fields: (t) => ({
    version: t.exposeInt('version', {
      description: 'Grows by one with every change; updates and deletes must name the version they expect.',
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When the row was created.' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: 'When the row last changed.' }),
  }),
});
