/** The admin API's bodies as the OpenAPI document types them (the SDK's generated `paths`). */
import type { paths } from '../../../packages/sdk/src/generated/openapi.ts';

type Success<Responses> = Responses extends { 200: { content: { 'application/json': infer Body } } }
  ? Body
  : Responses extends { 201: { content: { 'application/json': infer Body } } }
    ? Body
    : Responses extends { 202: { content: { 'application/json': infer Body } } }
      ? Body
      : never;

/** What a path and method answers on success. */
export type ResponseOf<Path extends keyof paths, Method extends keyof paths[Path]> = paths[Path][Method] extends { responses: infer Responses } ? Success<Responses> : never;

/** The JSON body a path and method takes. */
export type RequestOf<Path extends keyof paths, Method extends keyof paths[Path]> = paths[Path][Method] extends { requestBody?: { content: { 'application/json': infer Body } } } ? Body : never;

/** One item of a list the path answers (`{ items, next_cursor }`). */
export type ItemOf<Path extends keyof paths> = 'get' extends keyof paths[Path] ? (ResponseOf<Path, 'get'> extends { items: (infer Item)[] } ? Item : never) : never;

export type Realm = ResponseOf<'/admin/v1/realms/{realm}', 'get'>;
export type User = ResponseOf<'/admin/v1/realms/{realm}/users/{user}', 'get'>;
