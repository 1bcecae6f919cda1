import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';
import { allows, type Action, type OperatorPrincipal } from '../operators/permissions.ts';

declare module 'fastify' {
  interface FastifyRequest {
    operator?: OperatorPrincipal;
  }
}

/** Turns an access token of the admin realm into the operator it belongs to, or throws 401. */
export type OperatorAuthenticator = (accessToken: string) => Promise<OperatorPrincipal>;

export function bearerToken(request: FastifyRequest): string {
  const header = request.headers.authorization;
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
