import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { RealmLookup, TokenValidator } from '../../contracts.ts';
import type { FactorType } from '../../mfa/factor-store.ts';
import type { MfaService } from '../../mfa/mfa-service.ts';
import type { RouteTree } from '../app.ts';
import { originOf } from '../request-origin.ts';
import { errorResponses } from '../schemas.ts';
import { signedIn } from './account.ts';
import { CodeBody, EnrolBody, EnrolResponse, FactorListResponse, FactorName, FactorResponse, RecoveryCodes, toEnrolResponse, toFactorListResponse, toFactorResponse } from './mfa-schema.ts';
import { RealmParams } from './public-auth.ts';

const FactorParams = Type.Object({ realm: Type.String(), factor: Type.String({ maxLength: 64 }) }, { additionalProperties: false });
const NoQuery = Type.Object({}, { additionalProperties: false });
const RenameBody = Type.Object({ name: FactorName }, { additionalProperties: false });
const ConfirmResponse = Type.Composite([
  FactorResponse,
  Type.Object({ recovery_codes: Type.Union([RecoveryCodes, Type.Null()], { description: 'Ten recovery codes when this is the first factor (no unused codes before); else null.' }) }),
]);

const tags = ['account'];
const security = [{ bearer: [] }];

/** The signed-in user's own second factors: TOTP and HOTP authenticators and recovery codes (docs/mfa.md). */
export function accountMfaRoutes(deps: { lookup: RealmLookup; auth: TokenValidator; mfa: MfaService }): RouteTree {
  const enrolRoute = (type: FactorType, summary: string) => async (app: FastifyInstance) => {
    app.post<{ Params: Static<typeof RealmParams>; Body: Static<typeof EnrolBody> }>(
      `/realms/:realm/account/mfa/${type}`,
      {
        schema: {
          tags,
          summary,
          description: 'Needs a recent sign-in (403 `auth.step_up_required`). The factor stays `pending` until confirmed with a first code (`POST …/mfa/{factor}/confirm`) within an hour.',
          security,
          params: RealmParams,
          body: EnrolBody,
          response: { 201: EnrolResponse, ...errorResponses(400, 401, 403, 404, 422) },
        },
      },
      async (request, reply) => {
        const { realm, userId, claims } = await signedIn(deps, request);
        const enrolment = await deps.mfa.enrol(realm, { userId, claims }, type, request.body, originOf(request));
        return reply.status(201).send(toEnrolResponse(enrolment));
      },
    );
  };

  return async (app: FastifyInstance) => {
    app.get<{ Params: Static<typeof RealmParams>; Querystring: Static<typeof NoQuery> }>(
      '/realms/:realm/account/mfa',
      {
        schema: {
          tags,
          summary: "The signed-in user's second factors and how many recovery codes are left",
          security,
          params: RealmParams,
          querystring: NoQuery,
          response: { 200: FactorListResponse, ...errorResponses(400, 401, 404) },
        },
      },
      async (request) => {
        const { realm, userId } = await signedIn(deps, request);
        return toFactorListResponse(await deps.mfa.list(realm, userId));
      },
    );

    await enrolRoute('totp', 'Start enrolling a TOTP authenticator app: its secret, otpauth:// URI and QR code')(app);
    await enrolRoute('hotp', 'Start enrolling an HOTP (counter-based) token: its secret, otpauth:// URI and QR code')(app);

    app.post<{ Params: Static<typeof FactorParams>; Body: Static<typeof CodeBody> }>(
      '/realms/:realm/account/mfa/:factor/confirm',
      {
        schema: {
          tags,
          summary: 'Confirm a pending factor with a first code; the first factor also brings ten recovery codes, shown once',
          security,
          params: FactorParams,
          body: CodeBody,
          response: { 200: ConfirmResponse, ...errorResponses(400, 401, 404, 409, 422) },
        },
      },
      async (request) => {
        const { realm, userId } = await signedIn(deps, request);
        const confirmed = await deps.mfa.confirm(realm, userId, request.params.factor, request.body.code, originOf(request));
        return { ...toFactorResponse(confirmed.factor), recovery_codes: confirmed.recovery_codes };
      },
    );

    app.post<{ Params: Static<typeof RealmParams> }>(
      '/realms/:realm/account/mfa/recovery-codes',
      {
        schema: {
          tags,
          summary: 'Ten new recovery codes, shown once; the old ones stop working',
          description: 'Needs a recent sign-in (403 `auth.step_up_required`) and an active factor (422 `mfa.no_active_factor`).',
          security,
          params: RealmParams,
          response: { 200: Type.Object({ recovery_codes: RecoveryCodes }), ...errorResponses(401, 403, 404, 422) },
        },
      },
      async (request) => {
        const { realm, userId, claims } = await signedIn(deps, request);
        return { recovery_codes: await deps.mfa.regenerateRecoveryCodes(realm, { userId, claims }, originOf(request)) };
      },
    );

    app.patch<{ Params: Static<typeof FactorParams>; Body: Static<typeof RenameBody> }>(
      '/realms/:realm/account/mfa/:factor',
      {
        schema: { tags, summary: 'Rename one of your factors', security, params: FactorParams, body: RenameBody, response: { 200: FactorResponse, ...errorResponses(400, 401, 404) } },
      },
      async (request) => {
        const { realm, userId } = await signedIn(deps, request);
        return toFactorResponse(await deps.mfa.rename(realm, userId, request.params.factor, request.body.name, originOf(request)));
      },
    );

    app.delete<{ Params: Static<typeof FactorParams> }>(
      '/realms/:realm/account/mfa/:factor',
      {
        schema: {
          tags,
          summary: 'Remove one of your factors; with the last one go the recovery codes',
          description: 'Needs a recent sign-in (403 `auth.step_up_required`).',
          security,
          params: FactorParams,
          response: { 204: Type.Null({ description: 'Removed.' }), ...errorResponses(401, 403, 404) },
        },
      },
      async (request, reply) => {
        const { realm, userId, claims } = await signedIn(deps, request);
        await deps.mfa.remove(realm, { userId, claims }, request.params.factor, originOf(request));
        return reply.status(204).send();
      },
    );
  };
}
