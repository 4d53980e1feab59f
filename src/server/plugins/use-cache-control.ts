// Browsers and proxies may keep a GraphQL response but must revalidate it (ETag / If-None-Match
// from the response cache) before reuse, and only for the same client: answers depend on the API key.
import type { Plugin } from 'graphql-yoga';

export function useCacheControl(endpoint: string): Plugin {
  return {
    onResponse({ request, response }) {
      if (new URL(request.url).pathname === endpoint && !response.headers.has('cache-control')) {
        response.headers.set('cache-control', 'private, no-cache');
      }
    },
  };
}
