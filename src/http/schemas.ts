import { Type, type StringOptions, type TSchema } from '@sinclair/typebox';
import { NON_BLANK_ONE_LINE_PATTERN, ONE_LINE_ISSUE, ONE_LINE_PATTERN } from '../platform/display-text.ts';

/** Shared request and response schemas. Every route declares both; they drive the OpenAPI document. */

export const ErrorBody = Type.Object(
  {
    error: Type.Object({
      code: Type.String({ description: 'Stable, namespaced error code, e.g. auth.invalid_credentials' }),
      message: Type.String(),
      details: Type.Array(Type.Object({ field: Type.String(), issue: Type.String() })),
    }),
  },
  { $id: 'Error', description: 'Every error has this shape.' },
);

export const errorResponses = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((status) => [status, Type.Ref('Error')]));

/** The largest value of a 32-bit integer column: numeric parameters are bounded so no query overflows one (a 500). */
export const MAX_INT32 = 2_147_483_647;

export const PageQuery = {
  limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100, description: 'Page size (1-1000).' }),
  cursor: Type.Optional(Type.String({ maxLength: 512, description: 'next_cursor of the previous page.' })),
};

export function Page<T extends TSchema>(item: T) {
  return Type.Object({
    items: Type.Array(item),
    next_cursor: Type.Union([Type.String(), Type.Null()], { description: 'Opaque; null on the last page.' }),
  });
}

/** A free-form JSON object that response serialisation must pass through untouched. */
export const JsonObject = (description?: string) => Type.Object({}, { additionalProperties: true, description });

export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const Timestamp = Type.String({ format: 'date-time' });

/**
 * Text searched for (a prefix): at least one character, no control characters (PostgreSQL refuses
 * NUL in text, and none belongs in a name, slug or identifier), so bad input is a 400, not a 500.
 */
export const SearchText = (maxLength: number, description: string) =>
  Type.String({ minLength: 1, maxLength, pattern: '^[^\\u0000-\\u001f\\u007f]*$', description });

/**
 * A name people read (in the console, on the sign-in pages, in mails, in the CLI): one line, and
 * none of the bidirectional controls that make text after them show reversed ("\u202emoc.elpmaxe"
 * shows as "example.com"). Users' own names have the same rule in the domain (src/users/user-fields.ts).
 * `notBlank`: white space alone is refused too.
 */
export const OneLine = (options: StringOptions = {}, rule: { notBlank?: boolean } = {}) =>
  Type.String({ ...options, pattern: rule.notBlank ? NON_BLANK_ONE_LINE_PATTERN : ONE_LINE_PATTERN });

/** What a refusal by one of these patterns says, instead of Ajv's "must match pattern" and the pattern. */
export const PATTERN_ISSUES: ReadonlyMap<string, string> = new Map([
  [ONE_LINE_PATTERN, ONE_LINE_ISSUE],
  [NON_BLANK_ONE_LINE_PATTERN, `must not be blank, and ${ONE_LINE_ISSUE}`],
]);
