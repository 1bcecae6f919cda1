import type { FastifyRequest } from 'fastify';
import type { RealmLookup } from '../contracts.ts';
import { AppError } from '../errors.ts';
import type { Actor } from '../events/event-log.ts';
import type { Realm } from '../realms/realm.ts';
import { resolveRealm } from '../realms/resolve-realm.ts';
import { allows, type Action, type OperatorPrincipal } from '../operators/permissions.ts';

declare module 'fastify' {
  interface FastifyRequest {
    operator?: OperatorPrincipal;
  }
}

/** Turns an access token of the admin realm into the operator it belongs to, or throws 401. */
export type OperatorAuthenticator = (accessToken: string) => Promise<OperatorPrincipal>;

export function bearerToken(request: FastifyRequest): string {
  return bearerCredential(request.headers.authorization);
}

/** The credential of an `Authorization: Bearer` header's value, or 401 auth.unauthenticated. */
export function bearerCredential(header: string | undefined): string {
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  if (!match) throw new AppError('auth.unauthenticated', 'Send an access token as Authorization: Bearer <token>.');
  return match[1];
}

/** A preHandler for every admin route: the caller must be a signed-in operator. */
export function requireOperator(authenticate: OperatorAuthenticator) {
  return async (request: FastifyRequest) => {
    request.operator = await authenticate(bearerToken(request));
  };
}

export function operatorOf(request: FastifyRequest): OperatorPrincipal {
  if (!request.operator) throw new AppError('auth.unauthenticated', 'Send an access token as Authorization: Bearer <token>.');
  return request.operator;
}

/** Throws 403 unless the signed-in operator may perform the action. */
export function authorize(request: FastifyRequest, action: Action): OperatorPrincipal {
  const operator = operatorOf(request);
  if (!allows(operator, action)) throw new AppError('auth.forbidden', 'Your operator permissions do not allow this.');
  return operator;
}

/**
 * The realm a `{realm}` path segment names, once the signed-in operator is allowed `kind` on it
 * (404 for an unknown realm, 403 without the permission), and the operator as the actor of changes.
 */
export async function operatorRealm(
  lookup: RealmLookup,
  request: FastifyRequest<{ Params: { realm: string } }>,
  kind: 'realm.read' | 'realm.manage',
): Promise<{ realm: Realm; actor: Actor }> {
  const realm = await resolveRealm(lookup, request.params.realm);
  const operator = authorize(request, { kind, realmId: realm.id, isSystem: realm.is_system });
  return { realm, actor: operator.actor };
}
