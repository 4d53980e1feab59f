// graphql-codegen: types for the dashboard's operations (web/operations/*.graphql) from
// schema.graphql, with the client preset. Each operation gets the SHA-256 hash of its text; the documents go to
// web/gql/persisted-documents.json, which persisted-operations.json includes, so the dashboard
// sends hashes only. `npm run codegen` after changing schema.graphql or an operation; a test fails
// when web/gql/ is stale.
import { createHash } from 'node:crypto';
import type { CodegenConfig } from '@graphql-codegen/cli';

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
        scalars: {
          Currency: 'string',
          Date: 'string',
          DateTime: 'string',
          JSONObject: 'Record<string, unknown>',
          Money: 'string',
          SafeInt: 'number',
          _Any: 'unknown',
        },
      },
    },
  },
};

export default config;
