// A request hook that throws (graphql-sse's handler, when the context refuses a bad key or the
// document does not parse) reaches @whatwg-node/server, which answers 500 with the error's stack
// as the body. Every plugin's `onRequest` runs under this guard instead: the error becomes the
// answer `errorResponse` makes of it (a coded 401/400, or a masked 500), never a stack.
import type { Plugin } from 'graphql-yoga';
import { errorResponse } from '../errors.js';

type RequestHook = NonNullable<Plugin['onRequest']>;

export function guardRequestHooks<P extends Plugin>(plugin: P): P {
  const original = plugin.onRequest;
  if (!original) return plugin;
  const guarded: RequestHook = (payload) => {
    const answer = (error: unknown) => payload.endResponse(errorResponse(error, payload.fetchAPI.Response));
    try {
      const result: unknown = original.call(plugin, payload);
      // Hooks may return a native promise or another thenable (whatwg-node's fake promises).
      if (result && typeof (result as PromiseLike<void>).then === 'function')
        return Promise.resolve(result as PromiseLike<void>).catch(answer);
      return undefined;
    } catch (error) {
      answer(error);
      return undefined;
    }
  };
  return { ...plugin, onRequest: guarded };
}
