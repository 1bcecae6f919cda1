/**
 * Text that people typed or other systems sent, made fit to show and to store: one line, nothing
 * that reorders or hides what follows it on screen, nothing a database refuses, and cut without
 * splitting a character. Names, upstream messages, webhook answers and the operator CLI all use
 * these, so the sets of characters are defined once.
 */

/** Control characters and line or paragraph separators: what breaks one line into several, or forges one. */
const LINE_CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
/**
 * The bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), which
 * reorder the text after them on screen: "\u202emoc.elpmaxe" shows as "example.com" in a mail or
 * the console (the Trojan Source trick, CVE-2021-42574). Right-to-left text needs none of them.
 */
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/;

/** Either kind: what a name may not hold, and what a terminal is shown escaped. */
export const UNSAFE_CHARACTERS = new RegExp(`${LINE_CONTROLS.source}|${BIDI_CONTROLS.source}`);
const LINE_CONTROL_RUNS = new RegExp(`${LINE_CONTROLS.source}+`, 'g');
const ALL_BIDI_CONTROLS = new RegExp(BIDI_CONTROLS.source, 'g');

/**
 * The same rule as a JSON Schema `pattern` (Ajv compiles patterns with the `u` flag): text with
 * neither kind, for the names request schemas take (src/http/schemas.ts, `OneLine`).
 */
const UNSAFE_RANGES = `${LINE_CONTROLS.source.slice(1, -1)}${BIDI_CONTROLS.source.slice(1, -1)}`;
export const ONE_LINE_PATTERN = `^[^${UNSAFE_RANGES}]*$`;
/**
 * The same, with at least one character that is not white space: white space that is allowed,
 * then one such character. No lookahead (fast-check's generator cannot follow one) and no
 * overlapping repetitions: it runs in linear time on text of any length, which Ajv tests even
 * when it is longer than the schema allows.
 */
export const NON_BLANK_ONE_LINE_PATTERN = `^[^${UNSAFE_RANGES}\\S]*[^${UNSAFE_RANGES}\\s][^${UNSAFE_RANGES}]*$`;

/** What a refusal of such text says (an error detail's `issue`). */
export const ONE_LINE_ISSUE = 'must be one line without control characters or bidirectional overrides';

/** One line: each run of control characters becomes a space, bidirectional controls go (they show nothing). */
export const oneLine = (text: string): string => text.replace(ALL_BIDI_CONTROLS, '').replace(LINE_CONTROL_RUNS, ' ').trim();

/**
 * Text both databases store (for values, never identifiers, which are refused instead): an
 * unpaired UTF-16 surrogate (JSON's `\ud800` escapes make them; PostgreSQL's jsonb refuses them)
 * becomes U+FFFD, and NUL (which neither stores) goes.
 */
export const storable = (text: string): string => text.toWellFormed().replaceAll('\u0000', '');

/**
 * At most `max` characters, counted as people count them: a cut never falls inside a surrogate
 * pair (half of one is unstorable). `cut` marks text that was cut (`…`).
 */
export function firstCharacters(text: string, max: number, cut = ''): string {
  if (text.length <= max) return text;
  const characters = [...text];
  return characters.length <= max ? text : `${characters.slice(0, max).join('')}${cut}`;
}
