import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { RealmLookup, TokenValidator } from '../../contracts.ts';
import { CODE_METHODS, type CodeMethod, type CodeSender } from '../../flows/code-sender.ts';
import type { FlowService } from '../../flows/flow-service.ts';
import type { FlowEnrolment } from '../../flows/flow-enrolment.ts';
import type { PasskeyStart } from '../../flows/passkey-start.ts';
import type { StepUp } from '../../flows/step-up.ts';
import { FIRST_FACTORS, SECOND_FACTORS } from '../../realms/realm.ts';
import { resolveActiveRealm } from '../../realms/resolve-realm.ts';
import { MAX_PASSWORD_LENGTH } from '../../platform/passwords.ts';
import type { RouteTree } from '../app.ts';
import { bearerToken } from '../operator-guard.ts';
import { originOf } from '../request-origin.ts';
import { errorResponses } from '../schemas.ts';
import { RealmParams } from './public-auth.ts';
import { FlowStep, LoginResponse, PasswordlessStart, SignInTenant, StepUpTokens, toAnswer, toFlowStep } from './sign-in-schema.ts';
import { EnrolBody, EnrolResponse, toEnrolResponse } from './mfa-schema.ts';
import { AssertionCredential, CreationOptions, RegistrationCredential, RequestOptions } from './passkey-schema.ts';
import { oneOf } from './realm-schema.ts';

const strict = { additionalProperties: false } as const;
const FlowParams = Type.Object({ realm: Type.String({ maxLength: 100 }), flow: Type.String({ minLength: 1, maxLength: 100 }) });
const Method = oneOf([...new Set([...FIRST_FACTORS, ...SECOND_FACTORS])]);

const VerifyBody = Type.Object(
  {
    method: Method,
    code: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'One-time, TOTP, HOTP or recovery code.' })),
    password: Type.Optional(Type.String({ minLength: 1, maxLength: MAX_PASSWORD_LENGTH, description: 'For a step-up by password.' })),
    response: Type.Optional(Type.Union([AssertionCredential, RegistrationCredential], { description: 'A passkey assertion; while enrolling a passkey (`…/enrol/passkey`), its attestation.' })),
  },
  strict,
);
const PasskeyOptionsBody = Type.Object({ flow_id: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })), tenant: SignInTenant }, strict);
const EnrolParams = Type.Object({ ...FlowParams.properties, method: oneOf(['totp', 'hotp'] as const) });
const SendCodeBody = Type.Object({ method: oneOf(CODE_METHODS) }, strict);

const tags = ['auth'];

/** Sign-in flows: password sign-in with second factors, codes by email or SMS, passkeys, step-up. */
export function publicFlowRoutes(deps: {
  lookup: RealmLookup;
  auth: TokenValidator;
  flows: FlowService;
  codes: CodeSender;
  stepUp: StepUp;
  passkeyStart: PasskeyStart;
  enrolment: FlowEnrolment;
}): RouteTree {
  const realmOf = (ref: string) => resolveActiveRealm(deps.lookup, ref);

  return async (app: FastifyInstance) => {
    app.get<{ Params: Static<typeof FlowParams> }>(
      '/realms/:realm/auth/flows/:flow',
      { schema: { tags, summary: 'Where a sign-in flow stands', params: FlowParams, response: { 200: FlowStep, ...errorResponses(400, 404) } } },
      async (request) => toFlowStep(await deps.flows.openFlow(await realmOf(request.params.realm), request.params.flow)),
    );

    app.post<{ Params: Static<typeof FlowParams>; Body: Static<typeof VerifyBody> }>(
      '/realms/:realm/auth/flows/:flow/verify',
      {
        schema: {
          tags,
          summary: 'Prove one step of a flow: a code, a second factor, a passkey assertion, or a password (step-up)',
          params: FlowParams,
          body: VerifyBody,
          response: { 200: Type.Union([LoginResponse, StepUpTokens, FlowStep]), ...errorResponses(400, 401, 404, 409, 429) },
        },
      },
      async (request) => toAnswer(await deps.flows.verify(await realmOf(request.params.realm), request.params.flow, request.body, originOf(request))),
    );

    app.post<{ Params: Static<typeof FlowParams>; Body: Static<typeof SendCodeBody> }>(
      '/realms/:realm/auth/flows/:flow/send-code',
      {
        schema: {
          tags,
          summary: 'Send a one-time code as the second factor (again: the previous code stops working)',
          params: FlowParams,
          body: SendCodeBody,
          response: { 202: FlowStep, ...errorResponses(400, 404, 409, 429) },
        },
      },
      async (request, reply) => {
        const flow = await deps.codes.sendSecondFactorCode(await realmOf(request.params.realm), request.params.flow, request.body.method, originOf(request));
        return reply.status(202).send(toFlowStep(flow));
      },
    );

    app.post<{ Params: Static<typeof EnrolParams>; Body: Static<typeof EnrolBody> }>(
      '/realms/:realm/auth/flows/:flow/enrol/:method',
      {
        schema: {
          tags,
          summary: 'Enrol an authenticator within a sign-in that requires one (state `enrolment`)',
          description: 'The factor stays pending; its first code, sent to `POST …/flows/{flow}/verify` with `method` `totp` or `hotp`, confirms it and completes the sign-in (with the first recovery codes).',
          params: EnrolParams,
          body: EnrolBody,
          response: { 201: Type.Object({ ...FlowStep.properties, factor: EnrolResponse }), ...errorResponses(400, 404, 409, 422) },
        },
      },
      async (request, reply) => {
        const { realm: ref, flow: flowId, method } = request.params;
        const { flow, enrolment } = await deps.enrolment.start(await realmOf(ref), flowId, method, request.body, originOf(request));
        return reply.status(201).send({ ...toFlowStep(flow), factor: toEnrolResponse(enrolment) });
      },
    );

    app.post<{ Params: Static<typeof FlowParams> }>(
      '/realms/:realm/auth/flows/:flow/enrol/passkey',
      {
        schema: {
          tags,
          summary: 'Enrol a passkey within a sign-in that requires a second factor (state `enrolment`)',
          description: 'Options for `navigator.credentials.create()`; the attestation (`PublicKeyCredential.toJSON()`), sent to `POST …/flows/{flow}/verify` as `{ method: "passkey", response }`, registers the passkey and completes the sign-in. New options replace earlier ones.',
          params: FlowParams,
          response: { 200: Type.Object({ ...FlowStep.properties, options: CreationOptions }), ...errorResponses(400, 403, 404, 409) },
        },
      },
      async (request) => {
        const { flow, options } = await deps.enrolment.startPasskey(await realmOf(request.params.realm), request.params.flow);
        return { ...toFlowStep(flow), options: options as unknown as Record<string, unknown> };
      },
    );

    const codeStarts: Record<CodeMethod, { path: string; summary: string }> = {
      email_otp: { path: '/realms/:realm/auth/otp/email', summary: 'Start a passwordless sign-in: a code goes to the account\u2019s email (same answer for unknown identifiers)' },
      sms_otp: { path: '/realms/:realm/auth/otp/sms', summary: 'Start a passwordless sign-in: a code goes to the account\u2019s mobile by SMS (same answer for unknown identifiers)' },
    };
    for (const method of CODE_METHODS) {
      app.post<{ Params: Static<typeof RealmParams>; Body: Static<typeof PasswordlessStart> }>(
        codeStarts[method].path,
        { schema: { tags, summary: codeStarts[method].summary, params: RealmParams, body: PasswordlessStart, response: { 200: FlowStep, ...errorResponses(400, 403, 404, 429) } } },
        async (request) => toFlowStep(await deps.codes.startCode(await realmOf(request.params.realm), method, request.body.identifier, originOf(request), request.body.tenant)),
      );
    }

    app.post<{ Params: Static<typeof RealmParams>; Body: Static<typeof PasskeyOptionsBody> }>(
      '/realms/:realm/auth/passkey/options',
      {
        schema: {
          tags,
          summary: 'Options for navigator.credentials.get: a passwordless sign-in, or (with flow_id) the passkey as a second factor',
          params: RealmParams,
          body: PasskeyOptionsBody,
          response: { 200: Type.Object({ ...FlowStep.properties, options: RequestOptions }), ...errorResponses(400, 403, 404, 409) },
        },
        preValidation: async (request) => {
          request.body ??= {};
        },
      },
      async (request) => {
        const { flow, options } = await deps.passkeyStart.start(await realmOf(request.params.realm), request.body.flow_id, originOf(request), request.body.tenant);
        return { ...toFlowStep(flow), options: options as Record<string, unknown> };
      },
    );

    app.post<{ Params: Static<typeof RealmParams> }>(
      '/realms/:realm/auth/step-up',
      {
        schema: {
          tags,
          summary: 'Start a step-up for the signed-in user: prove yourself again to raise the session',
          security: [{ bearer: [] }],
          params: RealmParams,
          response: { 200: FlowStep, ...errorResponses(400, 401, 404) },
        },
      },
      async (request) => {
        const realm = await realmOf(request.params.realm);
        const validated = await deps.auth.validate(realm, bearerToken(request));
        return toFlowStep(await deps.stepUp.start(realm, validated, originOf(request)));
      },
    );
  };
}

