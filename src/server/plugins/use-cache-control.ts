// Browsers and proxies may keep a GraphQL response but must revalidate it (ETag / If-None-Match
// from the response cache) before reuse, and only for the same client: answers depend on the API key.
import type { Plugin } from 'graphql-yoga';

/** The Cache-Control of every GraphQL answer that sets none of its own. */
export const cacheControl = 'private, no-cache';

export function useCacheControl(endpoint: string): Plugin {
  return {
    onResponse({ request, response }) {
      if (new URL(request.url).pathname === endpoint && !response.headers.has('cache-control')) {
        response.headers.set('cache-control', cacheControl);
      }
    },
  };
}
