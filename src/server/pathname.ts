// The path of a request URL, for the plugins that only compare it with an endpoint on every
// request (use-cache-control.ts, use-metrics.ts): yoga parses the URL for itself, and each
// `new URL()` beside it is a parse and an object per request.

/** `url`'s pathname, as `new URL(url, 'http://localhost').pathname` gives it. */
export function pathnameOf(url: string): string {
  // An absolute URL whose path holds only letters, digits, `_`, `-` and single slashes is its own
  // pathname (nothing to resolve, decode or escape); anything else goes through the URL parser.
  const scheme = url.indexOf('://');
  if (scheme > 0) {
    const start = url.indexOf('/', scheme + 3);
    const authority = start < 0 ? '' : url.slice(scheme + 3, start);
    if (start > 0 && !/[?#\\]/.test(authority)) {
      let end = url.length;
      const query = url.indexOf('?', start);
      if (query >= 0) end = query;
      const fragment = url.indexOf('#', start);
      if (fragment >= 0 && fragment < end) end = fragment;
      const path = url.slice(start, end);
      if (/^(\/[\w-]+)+\/?$|^\/$/.test(path)) return path;
    }
  }
  return new URL(url, 'http://localhost').pathname;
}
