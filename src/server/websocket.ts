// graphql-ws over WebSocket on the same port and path as HTTP (/graphql), for Apollo Client and
// urql users. Operations go through yoga's envelop pipeline, so the auth policy, the limits and
// error masking are the same as over HTTP. The API key comes from the connection's
// `connectionParams.authorization` (browsers cannot set headers on a WebSocket) or the upgrade
// request's Authorization header.
import type { Server } from 'node:http';
import { useServer } from 'graphql-ws/use/ws';
import { GraphQLError, type ExecutionArgs } from 'graphql';
import { WebSocketServer } from 'ws';
import type { Yoga } from './yoga.js';

export function attachGraphQLWebSocket(server: Server, yoga: Yoga): WebSocketServer {
  const sockets = new WebSocketServer({ server, path: '/graphql' });
  useServer(
    {
      execute: (args) => (args.rootValue as { execute: (a: ExecutionArgs) => unknown }).execute(args) as never,
      subscribe: (args) => (args.rootValue as { subscribe: (a: ExecutionArgs) => unknown }).subscribe(args) as never,
      onSubscribe: async (context, _id, payload) => {
        const fromParams = context.connectionParams?.authorization;
        const authorization = typeof fromParams === 'string' ? fromParams : context.extra.request.headers.authorization;
        // A request object for yoga's context (auth reads its header). Its own path keeps the
        // HTTP-only response cache out of WebSocket operations.
        const request = new Request('http://localhost/graphql/ws', {
          method: 'POST',
          headers: authorization ? { authorization } : {},
        });
        const { schema, execute, subscribe, contextFactory, parse, validate } = yoga.getEnveloped({
          request,
          params: payload,
        });
        let document;
        try {
          document = parse(payload.query);
        } catch (error) {
          return [error instanceof GraphQLError ? error : new GraphQLError('The document does not parse.')];
        }
        const errors = validate(schema, document);
        if (errors.length > 0) return [...errors];
        let contextValue;
        try {
          contextValue = await contextFactory();
        } catch (error) {
          return [error instanceof GraphQLError ? error : new GraphQLError('Unexpected error.')];
        }
        return {
          schema,
          operationName: payload.operationName,
          document,
          variableValues: payload.variables,
          contextValue,
          rootValue: { execute, subscribe },
        };
      },
    },
    sockets,
  );
  return sockets;
}
