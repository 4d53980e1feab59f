// graphql-codegen: types for the dashboard's operations (web/operations/*.graphql) from
// schema.graphql, with the client preset. Each operation gets the SHA-256 hash of its text; the documents go to
// web/gql/persisted-documents.json, which persisted-operations.json includes, so the dashboard
// sends hashes only. `npm run codegen` after changing schema.graphql or an operation; a test fails
// when web/gql/ is stale.
import { createHash } from 'node:crypto';
import type { CodegenConfig } from '@graphql-codegen/cli';
import { scalars } from './clients/codegen-scalars.js';

const config: CodegenConfig = {
  schema: './schema.graphql',
  documents: ['web/operations/*.graphql'],
  ignoreNoDocuments: false,
  generates: {
    'web/gql/': {
      preset: 'client',
      presetConfig: {
        fragmentMasking: false,
        // A plain hex SHA-256 of the document text (no "sha256:" prefix): the key the server's
        // manifest uses and the `sha256Hash` an Automatic-Persisted-Queries-style request carries.
        persistedDocuments: {
          mode: 'replaceDocumentWithHash',
          hashAlgorithm: (document: string) => createHash('sha256').update(document).digest('hex'),
        },
      },
      config: {
        // Imports with `.js`, as NodeNext (the root tsconfig, which type-checks web/) wants.
        emitLegacyCommonJSImports: false,
        useTypeImports: true,
        enumsAsTypes: true,
        strictScalars: true,
        // The custom scalars' types, shared with clients (README, "Using it from a client").
        scalars,
      },
    },
  },
};

export default config;
