/**
 * Starting a passkey step: options for the browser's `navigator.credentials.get`, with the
 * challenge kept in the flow (so it is single use and bound to that flow). Without a flow, a
 * passwordless sign-in starts: no user is named and the passkey itself tells who it is. Within a
 * flow waiting for a second factor, only that user's passkeys are allowed.
 */
import type { Kysely } from 'kysely';
import type { AccountThrottle } from '../accounts/account-throttle.ts';
import { AppError } from '../errors.ts';
import type { RequestOrigin } from '../events/event-log.ts';
import type { Clock } from '../platform/clock.ts';
import type { Realm } from '../realms/realm.ts';
import type { Schema } from '../storage/schema.ts';
import type { SignInFlow } from './flow.ts';
import type { FlowService } from './flow-service.ts';
import type { FlowStore } from './flow-store.ts';

/** How long the browser has to answer a passkey challenge. */
const PASSKEY_CHALLENGE_MS = 5 * 60_000;

export interface PasskeyOptionsSource {
  authenticationOptions(realm: Realm, input?: { userId?: string }): Promise<{ options: unknown; challenge: string }>;
}

export function createPasskeyStart(deps: {
  db: Kysely<Schema>;
  clock: Clock;
  store: FlowStore;
  flows: Pick<FlowService, 'draft' | 'save' | 'openFlow'>;
  passkeys: PasskeyOptionsSource;
  throttle: AccountThrottle;
}) {
  const { db, clock, store, flows, passkeys, throttle } = deps;
  const challengeOf = (challenge: string, flow?: SignInFlow) => ({
    method: 'passkey' as const,
    challenge,
    expiresAt: Math.min(clock.now() + PASSKEY_CHALLENGE_MS, flow?.expiresAt ?? Infinity),
  });

  return {
    async start(realm: Realm, flowId: string | undefined, origin: RequestOrigin, tenant?: string): Promise<{ flow: SignInFlow; options: unknown }> {
      if (flowId === undefined) {
        if (!realm.sign_in.first_factors.includes('passkey')) throw new AppError('auth.method_disabled', 'This realm does not sign in with passkeys.');
        // Each start stores a flow, and each flow has its own failure budget: starts are limited per IP.
        await throttle.enforce(realm.id, 'token', origin);
        const { options, challenge } = await passkeys.authenticationOptions(realm);
        const flow = flows.draft(realm, 'login', origin, { tenant: tenant ?? null, challenge: challengeOf(challenge) });
        await store.insert(db, flow);
        return { flow, options };
      }
      const flow = await flows.openFlow(realm, flowId);
      if (flow.state !== 'second_factor' || !flow.secondFactors.includes('passkey') || flow.userId === null) {
        throw new AppError('flow.method_not_allowed', 'passkey cannot be used at this step of the flow.');
      }
      const { options, challenge } = await passkeys.authenticationOptions(realm, { userId: flow.userId });
      return { flow: await flows.save(flow, { ...flow, challenge: challengeOf(challenge, flow) }), options };
    },
  };
}

export type PasskeyStart = ReturnType<typeof createPasskeyStart>;
