// pathnameOf (src/server/pathname.ts) answers what the URL parser answers, for the plain paths
// it reads itself and for everything it hands to the parser.
import { describe, expect, it } from 'vitest';
import { pathnameOf } from '../src/server/pathname.js';

const urls = [
  'http://localhost/graphql',
  'http://127.0.0.1:4000/graphql?query=%7B__typename%7D',
  'http://localhost/graphql#fragment',
  'http://localhost/graphql/stream',
  'http://localhost/graphql/',
  'http://localhost/',
  'http://localhost',
  'http://localhost/%67raphql',
  'http://localhost/graphql/../graphql',
  'http://localhost/./graphql',
  'http://localhost//graphql',
  'http://localhost?x/graphql',
  'http://localhost#x/graphql',
  'http://user@localhost/graphql',
  'http://localhost/GraphQL',
  'http://localhost/a b',
  'http://localhost/graphql;x',
  'http://localhost\\graphql',
  'https://example.org:8443/metrics?x=1#y',
  'http://localhost/gra.phql',
  'http://localhost/x//y',
  'http://localhost/ünï',
];

describe('pathnameOf', () => {
  it.each(urls)('gives the pathname the URL parser gives for %s', (url) => {
    expect(pathnameOf(url)).toBe(new URL(url, 'http://localhost').pathname);
  });
});
