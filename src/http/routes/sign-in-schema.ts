import { Type, type Static } from '@sinclair/typebox';
import type { SignInFlow } from '../../flows/flow.ts';
import type { FlowAnswer } from '../../flows/flow-service.ts';
import { Nullable, Timestamp } from '../schemas.ts';
import { oneOf } from './realm-schema.ts';
import { TenantRef } from './tenant-schema.ts';
import { toUserResponse, UserResponse } from './user-schema.ts';

/** What sign-in answers: tokens, or the next step of a flow. */
export const tokenFields = {
  access_token: Type.String(),
  token_type: Type.Literal('Bearer'),
  expires_in: Nullable(Type.Integer({ description: 'Seconds; null when the token does not expire.' })),
  refresh_token: Type.Optional(Type.String({ description: 'Managed sessions only; single use.' })),
  session_id: Nullable(Type.String({ description: 'null for unmanaged realms.' })),
};
export const TokenResponse = Type.Object(tokenFields);
export const LoginResponse = Type.Object({
  ...tokenFields,
  user: UserResponse,
  recovery_codes: Type.Optional(Type.Array(Type.String(), { description: 'After enrolling a first factor during the sign-in: ten recovery codes, shown this once.' })),
});

/** Where a flow stands: what it waits for, and until when. */
export const FlowStep = Type.Object({
  mfa_required: Type.Boolean({ description: 'A second factor must follow: one of `methods`.' }),
  enrolment_required: Type.Boolean({ description: 'The realm requires a second factor the user has not enrolled yet.' }),
  flow_id: Type.String(),
  state: oneOf(['first_factor', 'second_factor', 'enrolment', 'completed', 'failed'] as const),
  methods: Type.Array(Type.String()),
  expires_at: Timestamp,
});

/** The tenant a sign-in that starts without a password asks for: kept in its flow, checked when it completes. */
export const SignInTenant = Type.Optional(TenantRef('The tenant (id or slug) to sign in to, checked when the sign-in completes, as for the password.'));

/** The start of a passwordless sign-in (a code, a link): the same answer whether the identifier is known or not. */
export const PasswordlessStart = Type.Object(
  { identifier: Type.String({ minLength: 1, maxLength: 320, description: 'Email, username or mobile number.' }), tenant: SignInTenant },
  { additionalProperties: false },
);

export const TokensOrStep = Type.Union([LoginResponse, FlowStep], { description: 'Tokens once every factor is proven; otherwise the next step.' });
export const StepUpTokens = Type.Object({
  access_token: Type.String(),
  token_type: Type.Literal('Bearer'),
  expires_in: Nullable(Type.Integer()),
  session_id: Nullable(Type.String()),
});


export function toFlowStep(flow: SignInFlow): Static<typeof FlowStep> {
  const methods = flow.state === 'first_factor' ? (flow.challenge ? [flow.challenge.method] : []) : flow.secondFactors;
  return {
    mfa_required: flow.state === 'second_factor' && flow.kind === 'login',
    enrolment_required: flow.state === 'enrolment',
    flow_id: flow.id,
    state: flow.state,
    methods,
    expires_at: new Date(flow.expiresAt).toISOString(),
  };
}

export function toAnswer(answer: FlowAnswer) {
  if (answer.kind === 'signed_in') {
    const body = { ...answer.result, user: toUserResponse(answer.result.user) };
    return answer.recoveryCodes ? { ...body, recovery_codes: answer.recoveryCodes } : body;
  }
  if (answer.kind === 'stepped_up') return answer.tokens;
  return toFlowStep(answer.flow);
}

