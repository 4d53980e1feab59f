// The one encoder and decoder of global IDs. An ID is accepted only in the exact form this API
// issues (base64 of `<Type>:<decimal id>`, padded, no leading zeros, signs, spaces or hex), so each
// object has one ID: `Partner:0x10`, `Partner:01` and `Partner: 1` used to resolve too. Every place
// that reads a client's global ID (node/nodes, filters, writes, subjects, federation, the audit
// filter) goes through `decodeGlobalId`, so a malformed or wrong-type ID is InvalidIdError (code
// INVALID_ID) everywhere: a top-level error in a query, the typed NotFoundError in a mutation.
import { encodeGlobalID } from '@pothos/plugin-relay';
import { InvalidIdError } from './error-classes.js';

export interface GlobalId {
  typename: string;
  id: number;
}

/** Longest ID string looked at: `<longest type name>:<max safe integer>` in base64 is far below. */
const MAX_ID_LENGTH = 100;
const base64 = /^[A-Za-z0-9+/]+={0,2}$/;
const canonical = /^([A-Z][A-Za-z]*):([1-9][0-9]{0,15})$/;

/** The global ID of row `id` of `typename`, as every `id` field returns it. */
export function encodeGlobalId(typename: string, id: number | string): string {
  return encodeGlobalID(typename, id);
}

/** The type and row id a global ID names, or null when it is not an ID this API could have issued. */
function parseGlobalId(globalId: unknown): GlobalId | null {
  if (typeof globalId !== 'string' || globalId.length > MAX_ID_LENGTH || !base64.test(globalId)) return null;
  const match = canonical.exec(Buffer.from(globalId, 'base64').toString('latin1'));
  if (!match) return null;
  const id = Number(match[2]);
  if (!Number.isSafeInteger(id)) return null;
  // Re-encoding catches what the pattern cannot see: missing or extra padding, non-zero pad bits.
  if (encodeGlobalId(match[1]!, id) !== globalId) return null;
  return { typename: match[1]!, id };
}

/** A short, printable form of a client's ID for error messages: never a megabyte echoed back. */
export function quoteId(globalId: unknown): string {
  const text = String(globalId);
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}

/**
 * Decodes a client's global ID naming an object of one of `expected` (any type when omitted);
 * `field` is the input that held it, for the message. Throws InvalidIdError otherwise. It does
 * not look the row up: a well-formed ID of no object is for the caller (null, or NOT_FOUND).
 */
export function decodeGlobalId(globalId: unknown, expected?: string | readonly string[], field: string | null = null): GlobalId {
  const types = typeof expected === 'string' ? [expected] : expected;
  const what = types ? types.join(' or ') : 'object';
  const given = field ? ` (given as ${field})` : '';
  const decoded = parseGlobalId(globalId);
  if (!decoded)
    throw new InvalidIdError(what, String(globalId), field, `Invalid ID ${quoteId(globalId)}${given}: not an ID this API issued.`);
  if (types && !types.includes(decoded.typename)) {
    const message = `Invalid ID ${quoteId(globalId)}${given}: expected the ID of an object of type ${what}.`;
    throw new InvalidIdError(what, String(globalId), field, message);
  }
  return decoded;
}

/** plugin-relay's `decodeGlobalID` option (node, nodes, and `t.globalID` arguments), in its shape. */
export function decodeCanonicalGlobalId(globalId: string): { typename: string; id: string } {
  const decoded = decodeGlobalId(globalId);
  return { typename: decoded.typename, id: String(decoded.id) };
}
