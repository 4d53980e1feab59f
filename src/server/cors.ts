// The CORS origin policy, shared by HTTP (yoga's CORS options) and the WebSocket upgrade.
//
// @whatwg-node/server reads an empty origin list as "allow any" and answers an unlisted origin
// with `Access-Control-Allow-Origin: null` (which a sandboxed page, whose origin is "null",
// passes), so the decision is made here and the library only writes the headers.
import type { CORSOptions } from 'graphql-yoga';

export interface CorsPolicy {
  /** A list of origins, or '*' for any; an empty list allows none. */
  origins: string[] | '*';
  allowHeaders: readonly string[];
  exposeHeaders: readonly string[];
}

/** Whether a browser on `origin` may call the service cross-origin. */
export function originAllowed(policy: Pick<CorsPolicy, 'origins'>, origin: string): boolean {
  return policy.origins === '*' || policy.origins.includes(origin);
}

/** Yoga's `cors` option: headers for allowed origins, none at all for the others. */
export function corsOptionsFactory(policy: CorsPolicy): (request: Request) => CORSOptions {
  const allowed: Exclude<CORSOptions, false> = {
    // The origin is already checked: '*' makes the library echo it, with `Vary: Origin`.
    origin: '*',
    methods: ['GET', 'POST'],
    allowedHeaders: [...policy.allowHeaders],
    exposedHeaders: [...policy.exposeHeaders],
    credentials: false,
  };
  return (request) => {
    const origin = request.headers.get('origin');
    return origin !== null && originAllowed(policy, origin) ? allowed : false;
  };
}
