// The manifest's operations (persisted-operations.ts) served by hash, automatic persisted
// queries registering clients' own documents, and with PERSISTED_OPERATIONS_ONLY the manifest's
// documents alone, on every transport.
import { useAPQ } from '@graphql-yoga/plugin-apq';
import { usePersistedOperations as usePersistedOperationsPlugin } from '@graphql-yoga/plugin-persisted-operations';
import type { Plugin } from 'graphql-yoga';
import { createApqStore } from '../persisted-operations.js';
import { persistedOnlyMessage, useTrustedDocumentsOnly } from './use-trusted-documents-only.js';

export function usePersistedOperations(manifest: Record<string, string>, options: { only: boolean }): Plugin {
  return {
    onPluginInit({ addPlugin }) {
      // Automatic persisted queries register clients' documents, except in trusted-documents mode.
      if (!options.only) addPlugin(useAPQ({ store: createApqStore(manifest) }));
      addPlugin(
        usePersistedOperationsPlugin({
          // Own keys only: `__proto__` or `constructor` must not find Object.prototype's members.
          getPersistedOperation: (hash) => (Object.hasOwn(manifest, hash) ? manifest[hash]! : null),
          allowArbitraryOperations: !options.only,
          skipDocumentValidation: false,
          customErrors: {
            persistedQueryOnly: {
              message: persistedOnlyMessage,
              extensions: { code: 'PERSISTED_QUERY_ONLY', http: { status: 400 } },
            },
          },
        }),
      );
      if (options.only) addPlugin(useTrustedDocumentsOnly(manifest));
    },
  };
}
