// GraphQL over HTTP GET carries `variables` and `extensions` as JSON in the query string; yoga
// passes a value that is not JSON to JSON.parse and answers 500. Checked first, so a bad value
// is a 400 with code BAD_REQUEST.
import type { Plugin } from 'graphql-yoga';

function isJsonObject(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return value === null || (typeof value === 'object' && !Array.isArray(value));
  } catch {
    return false;
  }
}

export function useGetParams(endpoint: string): Plugin {
  return {
    onRequest({ request, url, endResponse, fetchAPI }) {
      if (request.method !== 'GET' || url.pathname !== endpoint) return;
      for (const name of ['variables', 'extensions']) {
        const value = url.searchParams.get(name);
        if (value === null || isJsonObject(value)) continue;
        endResponse(
          new fetchAPI.Response(
            JSON.stringify({
              errors: [{ message: `The "${name}" parameter must be a JSON object.`, extensions: { code: 'BAD_REQUEST' } }],
            }),
            {
              status: 400,
              headers: { 'content-type': 'application/json; charset=utf-8' },
            },
          ),
        );
        return;
      }
    },
  };
}
