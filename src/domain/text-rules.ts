// What text the service stores. A lone UTF-16 surrogate (`"a\ud800b"`) cannot be written as
// UTF-8: SQLite stored invalid bytes and read them back as U+FFFD, so the value silently changed.
// Control characters (NUL, ESC, …) have no place in any field; single-line fields (names, slugs,
// titles, URLs) refuse line breaks and tabs too, while multi-line fields (descriptions, quotes,
// statements, notes) keep LF, CR and TAB. One set of rules for the API's inputs (validators.ts
// and the argument check of src/graphql/plugins/string-rules-plugin.ts) and for `data:import`
// (src/db/dataset-io.ts).

/** An unpaired high or low surrogate. */
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** C0 controls except TAB, LF, CR; DEL; C1 controls. */
const controlCharacter = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
/** What a single line may not hold beyond that: TAB, LF, CR and Unicode's line and paragraph separators. */
const lineBreak = /[\t\n\r\u2028\u2029]/;

/** Why `value` cannot be stored, or null when it can. */
export function textProblem(value: string, multiLine: boolean): string | null {
  if (loneSurrogate.test(value)) return 'contains a lone UTF-16 surrogate (not valid Unicode text)';
  if (controlCharacter.test(value)) return 'contains a control character';
  if (!multiLine && lineBreak.test(value)) return 'must be one line: no line breaks or tabs';
  return null;
}

export function isCleanText(value: string, multiLine: boolean): boolean {
  return textProblem(value, multiLine) === null;
}

export const singleLineNote = 'One line: no line breaks, tabs or other control characters.';
export const multiLineNote = 'Line breaks and tabs allowed; no other control characters.';

/**
 * The stored text columns (by SQL name) that may span lines; every other text column is one
 * line. The API's multi-line inputs (validators.ts `optionalText`, `longText`) write these.
 */
export const multiLineColumns: ReadonlySet<string> = new Set([
  'description',
  'purpose',
  'contribution',
  'notes',
  'quote',
  'statement',
  'resolution',
]);
