// Compiled execution by graphql-jit for queries that select no database-backed objects below
// the root (which ones, and why: ../jit.ts), with its errors mended to graphql-js's form. It
// comes before the response cache in yoga.ts, which then wraps it.
import { useGraphQlJit } from '@envelop/graphql-jit';
import type { Plugin } from 'graphql-yoga';
import { compilable, useCompiledErrors } from '../jit.js';

export function useJit(): Plugin {
  return {
    onPluginInit({ addPlugin }) {
      // (Typed for envelop's empty context; yoga's extends it.)
      addPlugin(useGraphQlJit({}, { enableIf: (args) => compilable(args.schema, args.document) }) as unknown as Plugin);
      addPlugin(useCompiledErrors() as Plugin);
    },
  };
}
