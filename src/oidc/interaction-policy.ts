import type { KoaContext, interactionPolicy as InteractionPolicyModule } from 'oidc-provider';
import type { Realm } from '../realms/realm.ts';
import type { Consent } from './oidc-consent.ts';

/**
 * When the provider sends the browser to the hosted pages, beyond oidc-provider's own checks
 * (no session, `prompt=login`, `max_age`, missing scopes):
 * - step-up: `acr_values=aal2`, or a realm whose MFA policy is `required`, asks for sign-in again
 *   while the session's `acr` is lower;
 * - `prompt=consent` asks only applications whose consent is `required`: an implicit (first-party)
 *   application never shows a consent page.
 * - `organization` naming a tenant the signed-in session is not in asks for sign-in again, where
 *   the tenant is entered (or refused).
 */
export const STEP_UP_ACR = 'aal2';

/** The assurance an authorization request needs, or null. */
export function requiredAcr(realm: Realm, acrValues: unknown): string | null {
  const asked = typeof acrValues === 'string' ? acrValues.split(' ') : [];
  return asked.includes(STEP_UP_ACR) || realm.sign_in.mfa === 'required' ? STEP_UP_ACR : null;
}

type PromptContext = KoaContext & { oidc: KoaContext['oidc'] & { prompts: Set<string>; promptPending(name: string): boolean } };

/** Whether the provider session (by its uid) is in the tenant `organization` names. */
export type InOrganization = (sessionUid: string, organization: string) => Promise<boolean>;

export function interactionPolicyFor(realm: Realm, module: typeof InteractionPolicyModule, consent: Consent, inOrganization: InOrganization) {
  const policy = module.base();
  const { Check } = module;
  const check = (reason: string, description: string, error: string, fn: (ctx: PromptContext) => boolean | Promise<boolean>) =>
    new Check(reason, description, error, fn as (ctx: KoaContext) => boolean);

  policy.get('login')?.checks.add(
    check('acr_step_up', 'a higher authentication level is required', 'login_required', (ctx) => {
      const needed = requiredAcr(realm, ctx.oidc.params.acr_values);
      return needed !== null && !!ctx.oidc.session?.accountId && ctx.oidc.session.acr !== needed;
    }),
  );
  policy.get('login')?.checks.add(
    check('organization', 'the session is not in the organization asked for', 'login_required', async (ctx) => {
      const organization = ctx.oidc.params.organization;
      const session = ctx.oidc.session as { accountId?: string; uid?: string } | undefined;
      // A sign-in just completed on the hosted pages entered the tenant (or was refused) there.
      if ((ctx.oidc as { result?: { login?: unknown } }).result?.login) return false;
      if (typeof organization !== 'string' || !session?.accountId || !session.uid) return false;
      return !(await inOrganization(session.uid, organization));
    }),
  );
  const consentChecks = policy.get('consent')?.checks as unknown as { remove(reason: string): void; add(check: unknown, index?: number): void } | undefined;
  consentChecks?.remove('consent_prompt');
  consentChecks?.add(
    check('consent_prompt', 'consent prompt was not resolved', 'consent_required', (ctx) => ctx.oidc.prompts.has('consent') && ctx.oidc.promptPending('consent') && !consent.implicit(ctx.oidc.client!.clientId)),
    0,
  );
  return policy;
}
