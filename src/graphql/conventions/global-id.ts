// The one decoder of global IDs. An ID is accepted only in the exact form this API issues
// (base64 of `<Type>:<decimal id>`, padded, no leading zeros, signs, spaces or hex), so each object
// has one ID: `Partner:0x10`, `Partner:01` and `Partner: 1` used to resolve too. Every place that
// reads a client's global ID (node/nodes, filters, writes, subjects, federation, the audit filter)
// goes through here.
import { PothosValidationError } from '@pothos/core';
import { encodeGlobalID } from '@pothos/plugin-relay';

export interface GlobalId {
  typename: string;
  id: number;
}

/** Longest ID string looked at: `<longest type name>:<max safe integer>` in base64 is far below. */
const MAX_ID_LENGTH = 100;
const base64 = /^[A-Za-z0-9+/]+={0,2}$/;
const canonical = /^([A-Z][A-Za-z]*):([1-9][0-9]{0,15})$/;

/** The type and row id a global ID names, or null when it is not an ID this API could have issued. */
export function parseGlobalId(globalId: unknown): GlobalId | null {
  if (typeof globalId !== 'string' || globalId.length > MAX_ID_LENGTH || !base64.test(globalId)) return null;
  const match = canonical.exec(Buffer.from(globalId, 'base64').toString('latin1'));
  if (!match) return null;
  const id = Number(match[2]);
  if (!Number.isSafeInteger(id)) return null;
  // Re-encoding catches what the pattern cannot see: missing or extra padding, non-zero pad bits.
  if (encodeGlobalID(match[1]!, id) !== globalId) return null;
  return { typename: match[1]!, id };
}

/** A short, printable form of a client's ID for error messages: never a megabyte echoed back. */
export function quoteId(globalId: unknown): string {
  const text = String(globalId);
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}

/**
 * plugin-relay's `decodeGlobalID` option (node, nodes, and `t.globalID` arguments): the canonical
 * check above, with the error plugin-relay's own decoder throws, so it keeps code INVALID_ID.
 */
export function decodeCanonicalGlobalId(globalId: string): { typename: string; id: string } {
  const parsed = parseGlobalId(globalId);
  if (!parsed) throw new PothosValidationError(`Invalid global ID: ${quoteId(globalId)} is not an ID this API issued.`);
  return { typename: parsed.typename, id: String(parsed.id) };
}
