import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { RealmLookup, TokenValidator } from '../../contracts.ts';
import { factorTypes } from '../../mfa/factor-store.ts';
import type { MfaService } from '../../mfa/mfa-service.ts';
import type { RouteTree } from '../app.ts';
import { originOf } from '../request-origin.ts';
import { errorResponses } from '../schemas.ts';
import { signedIn } from './account.ts';
import { CodeBody } from './mfa-schema.ts';
import { RealmParams } from './public-auth.ts';

const CheckResponse = Type.Object({ valid: Type.Boolean({ description: 'true: the code was right, and is now spent.' }) });

/**
 * Seed 002's check endpoints: a signed-in user tests a TOTP or HOTP code without signing in again.
 * A right code is spent like at sign-in; attempts are limited per user (`KEYREALM_RATE_LIMIT_MFA_CHECK_PER_USER`).
 */
export function mfaCheckRoutes(deps: { lookup: RealmLookup; auth: TokenValidator; mfa: Pick<MfaService, 'check'> }): RouteTree {
  return async (app: FastifyInstance) => {
    for (const type of factorTypes) {
      app.post<{ Params: Static<typeof RealmParams>; Body: Static<typeof CodeBody> }>(
        `/realms/:realm/auth/check/mfa/${type}`,
        {
          schema: {
            tags: ['auth'],
            summary: `Check a ${type.toUpperCase()} code of the signed-in user: { valid }`,
            description: 'A right code is spent (it cannot be used again). 429 with `Retry-After` beyond the per-user limit; wrong codes count for the account\u2019s brute-force guard like wrong codes at sign-in.',
            security: [{ bearer: [] }],
            params: RealmParams,
            body: CodeBody,
            response: { 200: CheckResponse, ...errorResponses(400, 401, 404, 429) },
          },
        },
        async (request) => {
          const { realm, userId } = await signedIn(deps, request);
          return deps.mfa.check(realm, userId, type, request.body.code, originOf(request));
        },
      );
    }
  };
}
