// With PERSISTED_OPERATIONS_ONLY, refuses any document whose text is not in the manifest, on
// every transport: the persisted-operations plugin guards POST/GET /graphql, but graphql-sse and
// graphql-ws hand their text straight to the parser.
import { GraphQLError, parse, print } from 'graphql';
import type { Plugin } from 'graphql-yoga';

export const persistedOnlyMessage = 'This server accepts only persisted operations: send a hash from persisted-operations.json.';

export function useTrustedDocumentsOnly(manifest: Record<string, string>): Plugin {
  // Compared in printed form, so the codegen-minified and the pretty-printed texts both match.
  const trusted = new Set(Object.values(manifest).map((document) => print(parse(document))));
  return {
    // Refused at validation, which every transport reports as an ordinary GraphQL error
    // (an error thrown while parsing would escape the graphql-sse handler).
    onValidate({ params, setResult }) {
      if (!trusted.has(print(params.documentAST))) {
        setResult([new GraphQLError(persistedOnlyMessage, { extensions: { code: 'PERSISTED_QUERY_ONLY' } })]);
      }
    },
  };
}
