/**
 * Step-up: a signed-in user proves themselves again (password or a second factor) before a
 * sensitive change. The session is raised: a fresh `auth_time`, the methods added to its `amr` and
 * to the methods it records as proven (`factors`), the higher `acr`; the new access token says so, and so do the tokens its refreshes issue.
 */
import type { Kysely } from 'kysely';
import type { UserDirectory, ValidatedToken } from '../contracts.ts';
import { AppError } from '../errors.ts';
import type { EventLog, RequestOrigin } from '../events/event-log.ts';
import type { Clock } from '../platform/clock.ts';
import type { Realm } from '../realms/realm.ts';
import type { SmsReach } from '../sms/sms-countries.ts';
import { sessionAssurance, sessionStore } from '../sessions/session-store.ts';
import type { Schema } from '../storage/schema.ts';
import type { AccessTokens } from '../tokens/access-tokens.ts';
import { canAuthenticate, type User } from '../users/user.ts';
import type { FlowMethod, SignInFlow } from './flow.ts';
import { acrAfterStepUp, availableSecondFactors, methodsAfterStepUp, STRONG_FACTORS, userFactorsOf } from './flow-policy.ts';
import type { FlowService, StepUpTokens } from './flow-service.ts';
import type { FlowStore } from './flow-store.ts';
import type { FactorVerifiers } from './proofs.ts';

/** Raises the flow's session (or, in an unmanaged realm, just signs a token) after a step-up. */
export function createSessionRaiser(deps: { db: Kysely<Schema>; clock: Clock; events: EventLog; accessTokens: AccessTokens }) {
  const { db, clock, events, accessTokens } = deps;
  return async (realm: Realm, flow: SignInFlow, user: User, proven: { amr: string[]; acr: string }): Promise<StepUpTokens> => {
    const signer = await accessTokens.signerFor(realm);
    const now = clock.now();
    if (flow.sessionId === null) {
      const access = await signer.sign(user, null, { authTime: now, ...proven });
      return { access_token: access.token, token_type: 'Bearer', expires_in: access.expiresIn, session_id: null };
    }
    const sessionId = flow.sessionId;
    // Read and raised under the row's lock: two step-ups finishing together each merge with what
    // the other wrote, so the session's assurance never goes down (found by review: the lower one
    // could overwrite the higher).
    const { session, amr, acr } = await db.transaction().execute(async (trx) => {
      const current = await sessionStore.findForChange(trx, realm.id, sessionId);
      const before = current && sessionAssurance(current);
      const raised = { authTime: now, amr: [...new Set([...(before?.amr ?? []), ...proven.amr])], acr: acrAfterStepUp(before, flow.completed), methods: methodsAfterStepUp(before, flow.completed) };
      return { session: await sessionStore.raiseAssurance(trx, realm.id, sessionId, raised, now), amr: raised.amr, acr: raised.acr };
    });
    if (!session) throw new AppError('auth.invalid_token', 'The session has ended; sign in again.');
    const access = await signer.sign(user, session);
    await events.record(db, {
      realmId: realm.id,
      type: 'user.step_up.succeeded',
      actor: { type: 'user', id: user.id },
      userId: user.id,
      details: { amr, acr, session_id: session.id },
    });
    return { access_token: access.token, token_type: 'Bearer', expires_in: access.expiresIn, session_id: session.id };
  };
}

/** Starts a step-up for the signed-in user of `validated`: the methods they can prove themselves with. */
export function createStepUp(deps: {
  db: Kysely<Schema>;
  store: FlowStore;
  flows: Pick<FlowService, 'draft'>;
  users: Pick<UserDirectory, 'findWithSecret'>;
  factors: FactorVerifiers;
  smsReaches: SmsReach;
}) {
  return {
    async start(realm: Realm, validated: ValidatedToken, origin: RequestOrigin): Promise<SignInFlow> {
      // A token exchanged for an API key stands only while its key does; a stepped-up token would not.
      if (validated.claims.api_key !== undefined) throw new AppError('flow.method_not_allowed', 'A token exchanged for an API key cannot be stepped up; sign in.');
      const user = await deps.users.findWithSecret(realm.id, validated.userId);
      if (!user || !canAuthenticate(user)) throw new AppError('auth.invalid_token', 'The access token is invalid or has expired.');
      const factors = userFactorsOf(user, await deps.factors.enrolled(realm.id, user.id), deps.smsReaches);
      // A user with an authenticator or passkey proves one of those: a step-up opens changes to the
      // factors themselves, and a password alone (phished with the token, say) must not remove them.
      const strong = factors.enrolled.some((factor) => STRONG_FACTORS.includes(factor));
      const offerPassword = user.password_hash !== null && !strong;
      const methods: FlowMethod[] = [...(offerPassword ? (['password'] as const) : []), ...availableSecondFactors(realm, factors, 'password')];
      if (methods.length === 0) throw new AppError('flow.method_not_allowed', 'This account has no way to prove itself again; sign in anew.');
      const flow = deps.flows.draft(realm, 'step_up', origin, { state: 'second_factor', userId: user.id, sessionId: validated.sessionId, secondFactors: methods });
      await deps.store.insert(deps.db, flow);
      return flow;
    },
  };
}

export type StepUp = ReturnType<typeof createStepUp>;
