import SerializerSelector from '@fastify/fast-json-stringify-compiler';
import { once } from '../platform/lazy.ts';

/**
 * Fastify's own response serializers (fast-json-stringify), each compiled by the first response
 * that needs it rather than all at start-up: a compiled serializer is generated source code of up
 * to 100 KB, and the routes' serializers (about 180) together cost a process megabytes it would
 * keep for routes it may never answer.
 */
export function buildSerializerCompiler(externalSchemas?: unknown, options?: SerializerSelector.Options): SerializerSelector.SerializerCompiler {
  const compile = SerializerSelector()(externalSchemas, options);
  return (route) => {
    const serialize = once(() => compile(route));
    return (document) => serialize()(document);
  };
}
