import type { paths } from './generated/openapi.ts';

/** The JSON a successful answer of `path`'s `method` carries (its 200 or 201). */
export type ResponseOf<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends { responses: infer R }
  ? R extends { 200: { content: { 'application/json': infer J } } }
    ? J
    : R extends { 201: { content: { 'application/json': infer J } } }
      ? J
      : never
  : never;

/** The JSON body `path`'s `method` takes. */
export type BodyOf<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;

export type Realm = ResponseOf<'/admin/v1/realms/{realm}', 'get'>;
export type User = ResponseOf<'/admin/v1/realms/{realm}/users/{user}', 'get'>;
export type RealmEvent = ResponseOf<'/admin/v1/realms/{realm}/events', 'get'>['items'][number];
export type SignInAnswer = ResponseOf<'/realms/{realm}/auth/login', 'post'>;
