import { Ajv, type ValidateFunction } from 'ajv';
import type { FastifySchemaCompiler } from 'fastify';

/**
 * Two validators. Bodies are checked strictly: no type coercion, no silently dropped unknown
 * fields (Fastify's defaults would turn "5" into 5 and strip extras). Query strings and path
 * parameters arrive as text, so they are coerced to the declared types.
 *
 * Fastify calls this factory for the root and again for every plugin that adds shared schemas,
 * passing those schemas so `$ref`s resolve.
 */
export function buildSchemaCompiler(externalSchemas: Record<string, unknown> = {}): FastifySchemaCompiler<unknown> {
  const strict = new Ajv({ allErrors: true, removeAdditional: false, coerceTypes: false, useDefaults: false, strict: false });
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
