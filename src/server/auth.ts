// Who is asking: turns the Authorization header into the request's `Auth`. A key that is sent
// must be valid (a wrong key is a 401, never silently anonymous); no key means anonymous, which
// may read unless reads require a key.
import { GraphQLError } from 'graphql';
import { parseAuthorization, verifyApiKey } from '../auth/api-keys.js';
import type { Db } from '../db/client.js';
import type { Auth } from '../graphql/builder.js';

export interface AuthPolicy {
  /** Refuse requests without a key (reads are public otherwise). */
  readRequiresKey: boolean;
}

function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: 'UNAUTHENTICATED', http: { status: 401, headers: { 'www-authenticate': 'Bearer' } } },
  });
}

/** Who sends no key, where reads are public: one object for every such request (nothing changes an Auth). */
const anonymous: Auth = Object.freeze({ keyId: null, scopes: new Set(['read']) as ReadonlySet<string> });

/** The request's identity and scopes, or a 401 error for a malformed, unknown or revoked key. */
export function authenticate(db: Db, authorization: string | null, policy: AuthPolicy): Auth {
  const header = parseAuthorization(authorization);
  if (header.kind === 'malformed') {
    throw unauthenticated('The Authorization header must be "Bearer <API key>".');
  }
  if (header.kind === 'none') {
    if (policy.readRequiresKey) throw unauthenticated('This service needs an API key: send "Authorization: Bearer <key>".');
    return anonymous;
  }
  const verified = verifyApiKey(db, header.key);
  if (!verified.ok) {
    throw unauthenticated(verified.reason === 'revoked' ? 'This API key has been revoked.' : 'This API key is not known.');
  }
  return { keyId: verified.id, scopes: verified.scopes };
}

/**
 * Whether a cached answer may be given to a request with this Authorization header: always
 * without one, and with a key only while the key is still valid. Answers are cached for a key
 * that was valid then; one revoked since (`npm run apikey -- revoke`, from another process, is no
 * write this server sees) must reach `authenticate` and get its 401. One indexed lookup.
 */
export function mayReplayCachedAnswer(db: Db, authorization: string | null | undefined): boolean {
  const header = parseAuthorization(authorization);
  if (header.kind === 'none') return true;
  return header.kind === 'bearer' && verifyApiKey(db, header.key).ok;
}

/**
 * Who sends each request, worked out once: the response cache asks before the context is built
 * (a cached answer must not reach a key revoked since), /metrics and the context ask again. Each
 * check is an indexed lookup and a SHA-256 of the key, and may write the key's last use.
 */
export function createRequestAuth(db: Db, policy: AuthPolicy): (request: Request) => Auth | GraphQLError {
  const auths = new WeakMap<Request, Auth | GraphQLError>();
  return (request) => {
    let auth = auths.get(request);
    if (auth === undefined) {
      try {
        auth = authenticate(db, request.headers.get('authorization'), policy);
      } catch (error) {
        if (!(error instanceof GraphQLError)) throw error;
        auth = error;
      }
      auths.set(request, auth);
    }
    return auth;
  };
}
