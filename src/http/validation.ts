import { Ajv, type ValidateFunction } from 'ajv';
import type { FastifySchemaCompiler } from 'fastify';
import type { ErrorDetail } from '../errors.ts';
import { once } from '../platform/lazy.ts';
import { validationDetails, type AjvIssue } from './error-handler.ts';

/**
 * Two validators. Bodies are checked strictly: no type coercion, no silently dropped unknown
 * fields (Fastify's defaults would turn "5" into 5 and strip extras). Query strings and path
 * parameters arrive as text, so they are coerced to the declared types.
 *
 * Fastify calls this factory for the root and again for every plugin that adds shared schemas,
 * passing those schemas so `$ref`s resolve.
 */
/** How bodies are checked: no type coercion, nothing dropped, no defaults filled in. */
const STRICT = { allErrors: true, removeAdditional: false, coerceTypes: false, useDefaults: false, strict: false } as const;

/**
 * A route schema applied to values that do not arrive as a request body (the rows and sections of
 * a streamed import), exactly as a body is checked: the issues as error details, or none.
 * Compiled on first use, not at start-up.
 */
export function bodyCheck(schema: object): (value: unknown) => ErrorDetail[] | undefined {
  const validate = once(() => new Ajv(STRICT).compile(schema));
  return (value) => {
    const check = validate();
    return check(value) ? undefined : validationDetails((check.errors ?? []) as AjvIssue[]);
  };
}

export function buildSchemaCompiler(externalSchemas: Record<string, unknown> = {}): FastifySchemaCompiler<unknown> {
  const strict = new Ajv(STRICT);
  const coercing = new Ajv({ allErrors: true, removeAdditional: false, coerceTypes: 'array', useDefaults: true, strict: false });
  for (const schema of Object.values(externalSchemas)) {
    strict.addSchema(schema as object);
    coercing.addSchema(schema as object);
  }
  return ({ schema, httpPart }) => {
    const ajv = httpPart === 'body' ? strict : coercing;
    return ajv.compile(schema as object) as ValidateFunction;
  };
}
