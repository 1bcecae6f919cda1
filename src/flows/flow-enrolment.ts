/**
 * Enrolment within a sign-in: a realm with `mfa: required` stops a user who has no second factor
 * at the `enrolment` step. Here they start enrolling an authenticator (TOTP or HOTP) or a passkey
 * with the flow as their proof of identity (no session exists yet); the flow remembers what it
 * waits for, and the factor's first code, or the passkey's attestation, sent to the flow's `verify`,
 * confirms it and completes the sign-in.
 */
import type { Kysely } from 'kysely';
import { AppError } from '../errors.ts';
import type { RequestOrigin } from '../events/event-log.ts';
import type { PublicKeyCredentialCreationOptionsJSON } from '@simplewebauthn/server';
import type { Enrolment, EnrolmentInput, MfaService } from '../mfa/mfa-service.ts';
import type { PasskeyService } from '../passkeys/passkey-service.ts';
import type { Realm } from '../realms/realm.ts';
import type { Schema } from '../storage/schema.ts';
import type { SignInFlow } from './flow.ts';
import type { FlowService } from './flow-service.ts';

export type EnrolableMethod = 'totp' | 'hotp';

interface EnrolmentDeps {
  db: Kysely<Schema>;
  flows: Pick<FlowService, 'openFlow' | 'save'>;
  mfa: Pick<MfaService, 'startEnrolment'>;
  passkeys: Pick<PasskeyService, 'registrationOptions'>;
}

export function createFlowEnrolment(deps: EnrolmentDeps) {
  const { db, flows, mfa, passkeys } = deps;

  /** The flow, when it is at enrolment and may enrol `method`; its user is known there. */
  async function enrollingFlow(realm: Realm, flowId: string, method: EnrolableMethod | 'passkey'): Promise<SignInFlow & { userId: string }> {
    const flow = await flows.openFlow(realm, flowId);
    if (flow.state !== 'enrolment' || flow.userId === null || !flow.secondFactors.includes(method)) {
      throw new AppError('flow.method_not_allowed', `${method} cannot be enrolled at this step of the flow.`);
    }
    return flow as SignInFlow & { userId: string };
  }

  return {
    /** A pending factor for the flow's user; starting again replaces the one the flow waits for. */
    async start(realm: Realm, flowId: string, method: EnrolableMethod, input: EnrolmentInput, origin: RequestOrigin): Promise<{ flow: SignInFlow; enrolment: Enrolment }> {
      const flow = await enrollingFlow(realm, flowId, method);
      // The pending factor the flow waited for goes: nothing can confirm it any more (found by review).
      const replaced = flow.challenge?.method === 'enrolment' && flow.challenge.type !== 'passkey' ? flow.challenge.factorId : undefined;
      const enrolment = await mfa.startEnrolment(realm, flow.userId, method, input, origin, replaced);
      const next = await flows.save(flow, { ...flow, challenge: { method: 'enrolment', type: method, factorId: enrolment.factor.id } }, db);
      return { flow: next, enrolment };
    },

    /**
     * Options for `navigator.credentials.create()`; the attestation goes to the flow's `verify`
     * (method `passkey`). New options replace earlier ones, and the flow then waits for a passkey.
     */
    async startPasskey(realm: Realm, flowId: string): Promise<{ flow: SignInFlow; options: PublicKeyCredentialCreationOptionsJSON }> {
      const flow = await enrollingFlow(realm, flowId, 'passkey');
      const options = await passkeys.registrationOptions(realm, { userId: flow.userId, enrollingInFlow: flow.id });
      const next = await flows.save(flow, { ...flow, challenge: { method: 'enrolment', type: 'passkey' } }, db);
      return { flow: next, options };
    },
  };
}

export type FlowEnrolment = ReturnType<typeof createFlowEnrolment>;
