// Compiled execution by graphql-jit for queries that select no database-backed objects below
// the root (which ones, and why: ../jit.ts), with its errors mended to graphql-js's form. It
// comes before the response cache in yoga.ts, which then wraps it.
import { useGraphQlJit } from '@envelop/graphql-jit';
import type { Plugin } from 'graphql-yoga';
import type { DocumentNode, GraphQLSchema } from 'graphql';
import { compilable, serializable, useCompiledErrors, useCompiledStringifyGuard } from '../jit.js';

export function useJit(): Plugin {
  return {
    onPluginInit({ addPlugin }) {
      // (Typed for envelop's empty context; yoga's extends it.)
      // Results of documents whose every field graphql-jit's JSON schema knows are written by the
      // serializer it compiles from the document (fast-json-stringify, 2.5-3x JSON.stringify's speed
      // on a nested list's result); the others by JSON.stringify, as before (serializable, ../jit.ts).
      const fast = (args: { schema: GraphQLSchema; document: DocumentNode }) => serializable(args.schema, args.document);
      addPlugin(
        useGraphQlJit(
          { customJSONSerializer: true },
          { enableIf: (args) => compilable(args.schema, args.document) && fast(args) },
        ) as unknown as Plugin,
      );
      addPlugin(useGraphQlJit({}, { enableIf: (args) => compilable(args.schema, args.document) && !fast(args) }) as unknown as Plugin);
      addPlugin(useCompiledStringifyGuard() as Plugin);
      addPlugin(useCompiledErrors() as Plugin);
    },
  };
}
