// Who may read /metrics. Its series name the shipped operations and count errors and traffic,
// which is not for anyone on the internet: with METRICS_TOKEN only a scraper sending that token
// reads it; without one, it needs an API key whenever reads do (READ_REQUIRES_KEY).
import { createHash, timingSafeEqual } from 'node:crypto';
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { parseAuthorization } from '../../auth/api-keys.js';
import type { Auth } from '../../graphql/builder.js';

export interface MetricsAccess {
  endpoint: string;
  /** The bearer token a scraper must send; when absent, `readRequiresKey` decides. */
  token?: string | undefined;
  readRequiresKey: boolean;
  /** The request's identity, as the GraphQL context gets it (a 401 error for a bad key). */
  auth: (request: Request) => Auth | GraphQLError;
}

const digest = (value: string) => createHash('sha256').update(value).digest();

export function useMetricsAccess(access: MetricsAccess): Plugin {
  const expected = access.token === undefined ? undefined : digest(access.token);
  return {
    onRequest({ url, request, endResponse, fetchAPI }) {
      if (url.pathname !== access.endpoint) return;
      let allowed: boolean;
      if (expected) {
        const header = parseAuthorization(request.headers.get('authorization'));
        // Compared as digests, in constant time: the comparison says nothing about the token.
        allowed = header.kind === 'bearer' && timingSafeEqual(digest(header.key), expected);
      } else if (access.readRequiresKey) {
        const auth = access.auth(request);
        allowed = !(auth instanceof GraphQLError) && auth.keyId !== null;
      } else {
        allowed = true;
      }
      if (allowed) return;
      endResponse(
        new fetchAPI.Response(
          JSON.stringify({
            errors: [
              {
                message: expected ? '/metrics needs "Authorization: Bearer <METRICS_TOKEN>".' : '/metrics needs an API key.',
                extensions: { code: 'UNAUTHENTICATED' },
              },
            ],
          }),
          { status: 401, headers: { 'content-type': 'application/json; charset=utf-8', 'www-authenticate': 'Bearer' } },
        ),
      );
    },
  };
}
