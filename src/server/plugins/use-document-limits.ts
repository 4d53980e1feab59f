// Document limits from graphql-armor's umbrella plugin: depth, aliases, tokens and directives
// (config.ts's `documentLimits`). Its cost limit stays off, the request budget measures cost
// with variables (use-request-budget.ts); its field-suggestion blocking stays off too,
// use-no-suggestions.ts covers more of it when introspection is off. The umbrella (3.2.0) runs
// the same plugins at the same versions as the four packages it replaced, in its own order
// (tokens, directives, aliases, depth): a document over several limits lists their errors in
// that order.
//
// Library internal depended on (@escape.tech/graphql-armor 3.2.0): its limit errors' messages
// start with "Syntax Error: ", which `rejection` strips.
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { GraphQLError, type ValidationContext } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { documentLimits } from '../../config.js';

/**
 * graphql-armor throws its limit errors as "Syntax Error: …" without a code; through its onReject
 * hook they become QUERY_TOO_COMPLEX errors instead.
 */
const rejection = {
  propagateOnRejection: false,
  onReject: [
    (context: ValidationContext | null, error: GraphQLError) => {
      const coded = new GraphQLError(error.message.replace(/^Syntax Error: /, ''), {
        extensions: { code: 'QUERY_TOO_COMPLEX', http: { status: 400 } },
      });
      // The token limit runs while parsing, before there is a validation context to report to.
      if (!context) throw coded;
      context.reportError(coded);
    },
  ],
};

export function useDocumentLimits(limits: typeof documentLimits = documentLimits): Plugin {
  return EnvelopArmorPlugin({
    maxDepth: { n: limits.maxDepth, ignoreIntrospection: true, flattenFragments: true, ...rejection },
    maxAliases: { n: limits.maxAliases, ...rejection },
    maxTokens: { n: limits.maxTokens, ...rejection },
    maxDirectives: { n: limits.maxDirectives, ...rejection },
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: false },
  }) as Plugin;
}
