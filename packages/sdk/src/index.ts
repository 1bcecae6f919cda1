/**
 * @keyrealm/sdk: the typed client (KeyrealmAdmin for the admin API, KeyrealmRealm for one realm's
 * public side), the API's errors as KeyrealmError, and access-token verification for resource
 * servers. Middleware for Fastify, Express and Hono: `@keyrealm/sdk/middleware`.
 */
export { KeyrealmAdmin, type AdminClientOptions, type Method, type RequestParams } from './admin-client.ts';
export { KeyrealmRealm, type RealmClientOptions, type SignInResult } from './realm-client.ts';
export type { OperatorSignIn } from './operator-session.ts';
export { createApi, data, type Api, type ClientOptions } from './api.ts';
export { KeyrealmError, type ErrorDetail } from './errors.ts';
export { paginate, type PageOf } from './pagination.ts';
export type { Tokens } from './session.ts';
export type { BodyOf, Realm, RealmEvent, ResponseOf, SignInAnswer, User } from './types.ts';
export { verifyAccessToken, type Principal, type VerifyOptions } from './verify.ts';
export type { paths } from './generated/openapi.ts';
