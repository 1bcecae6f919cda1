/**
 * Enrolment within a sign-in: a realm with `mfa: required` stops a user who has no second factor
 * at the `enrolment` step. Here they start enrolling an authenticator (TOTP or HOTP) with the flow
 * as their proof of identity (no session exists yet); the flow remembers the pending factor, and
 * the factor's first code, sent to the flow's `verify`, confirms it and completes the sign-in.
 */
import type { Kysely } from 'kysely';
import { AppError } from '../errors.ts';
import type { RequestOrigin } from '../events/event-log.ts';
import type { Enrolment, EnrolmentInput, MfaService } from '../mfa/mfa-service.ts';
import type { Realm } from '../realms/realm.ts';
import type { Schema } from '../storage/schema.ts';
import type { SignInFlow } from './flow.ts';
import type { FlowService } from './flow-service.ts';

export type EnrolableMethod = 'totp' | 'hotp';

export function createFlowEnrolment(deps: { db: Kysely<Schema>; flows: Pick<FlowService, 'openFlow' | 'save'>; mfa: Pick<MfaService, 'startEnrolment'> }) {
  const { db, flows, mfa } = deps;
  return {
    /** A pending factor for the flow's user; starting again replaces the one the flow waits for. */
    async start(realm: Realm, flowId: string, method: EnrolableMethod, input: EnrolmentInput, origin: RequestOrigin): Promise<{ flow: SignInFlow; enrolment: Enrolment }> {
      const flow = await flows.openFlow(realm, flowId);
      if (flow.state !== 'enrolment' || flow.userId === null || !flow.secondFactors.includes(method)) {
        throw new AppError('flow.method_not_allowed', `${method} cannot be enrolled at this step of the flow.`);
      }
      const enrolment = await mfa.startEnrolment(realm, flow.userId, method, input, origin);
      const next = await flows.save(flow, { ...flow, challenge: { method: 'enrolment', type: method, factorId: enrolment.factor.id } }, db);
      return { flow: next, enrolment };
    },
  };
}

export type FlowEnrolment = ReturnType<typeof createFlowEnrolment>;
