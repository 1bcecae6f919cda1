/**
 * Passkeys on the hosted sign-in pages, through the flow engine the REST API uses: a page that
 * offers one starts a passkey step (src/flows/passkey-start.ts) and embeds its request options in
 * the markup; src/pages/assets/passkey-script.ts runs the ceremony and posts the assertion to
 * `…/interaction/{uid}/passkey` as a plain CSRF-checked form, which the flow engine verifies.
 *
 * As a first factor the passkey is discoverable: no identifier is used (not even one already typed),
 * so the options never tell whether an account or its passkeys exist. As a second factor the flow's
 * own challenge allows only that user's passkeys. Without script the passkey box stays hidden.
 */
import { AppError } from '../../errors.ts';
import type { RequestOrigin } from '../../events/event-log.ts';
import type { FlowService } from '../../flows/flow-service.ts';
import type { SignInFlow } from '../../flows/flow.ts';
import type { PasskeyStart } from '../../flows/passkey-start.ts';
import { escapeHtml, formFields } from '../../http/pages/page-layout.ts';
import { originOf } from '../../http/request-origin.ts';
import { passkeyScriptUrl } from '../assets/passkey-script.ts';
import type { FormContext } from '../sign-in-forms.ts';
import { hidden } from '../page-kit.ts';
import { flowIsOver, type MethodRoutes, type PageKit, type Step } from './method-kit.ts';
import { showSecondFactor } from './second-factor.ts';

/**
 * How the passkey box sits on its page: a divider ("or") before it (below a form) or after it
 * (above the codes), or none (among other buttons); `alone` where it is the page's only way on
 * (a main button, and a word for browsers without script); `conditional` beside the identifier
 * field, whose autofill then offers the passkeys.
 */
export interface PasskeyLook {
  divider: 'before' | 'after' | 'none';
  alone?: boolean;
  conditional?: boolean;
}

/** A WebAuthn assertion is about 1 to 2 kB of JSON; anything much larger is not one. */
const MAX_RESPONSE_CHARS = 16_384;

/** The passkey mark (a person and a key), decorative beside the button's words. */
const PASSKEY_ICON = `<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><circle cx="9" cy="7" r="4" fill="none" stroke="currentColor" stroke-width="2"/><path d="M2 21v-1a6 6 0 0 1 6-6h2" fill="none" stroke="currentColor" stroke-width="2"/><circle cx="17" cy="13" r="3" fill="none" stroke="currentColor" stroke-width="2"/><path d="M17 16v5l1.5-1.5M17 19h2" fill="none" stroke="currentColor" stroke-width="2"/></svg>`;

/** What a box is for: a sign-in (first or second factor), or creating a passkey while enrolling. */
type BoxPurpose = 'first' | 'second' | 'enrol';

/** The box the script reveals: the form with the options, and the place a cancelled ceremony is told. */
function passkeyBox(context: FormContext, options: unknown, look: PasskeyLook, purpose: BoxPurpose): string {
  const { t } = context;
  const divider = `<p class="divider">${escapeHtml(t('methods.or'))}</p>`;
  const intro = purpose === 'second' ? `<p>${escapeHtml(t('passkey.second_factor'))}</p>` : '';
  const label = { first: 'passkey.sign_in', second: 'passkey.use', enrol: 'passkey.enrol_button' } as const;
  // Creation options make the script call navigator.credentials.create() instead of get().
  const target = purpose === 'enrol' ? `${context.base}/enrol-passkey" data-passkey-create` : `${context.base}/passkey"`;
  const form = `<form method="post" action="${target} data-passkey-options="${escapeHtml(JSON.stringify(options))}"${look.conditional ? ' data-passkey-conditional' : ''}>
${hidden('csrf', context.csrf)}${hidden('response', '')}<button type="submit" class="${look.alone ? '' : 'secondary '}passkey">${PASSKEY_ICON}<span>${escapeHtml(t(label[purpose]))}</span></button></form>`;
  const alert = `<p class="error" role="alert" data-passkey-alert="${escapeHtml(t('passkey.cancelled'))}" hidden></p>`;
  const box = `<div class="passkey" data-passkey hidden>${look.divider === 'before' ? divider : ''}${intro}${form}${alert}${look.divider === 'after' ? divider : ''}</div>`;
  // The only way on: say why the page is empty without script.
  return look.alone ? `${box}<noscript><p class="error">${escapeHtml(t('passkey.needs_script'))}</p></noscript>` : box;
}

/**
 * The passkey box for a page, or '' where passkeys are not offered (a first factor the realm does
 * not allow) or cannot start now (past the per-IP limit on passkey starts, a flow that moved on):
 * the page works without it. Without `flow` a new discoverable flow starts and becomes the page's
 * (its cookie); with one, a fresh challenge replaces that flow's.
 */
export function passkeyOffer(deps: { passkeyStart: Pick<PasskeyStart, 'start'>; remember: PageKit['remember'] }) {
  return async (step: Step, origin: RequestOrigin, look: PasskeyLook, flow?: SignInFlow): Promise<string> => {
    if (!flow && !step.realm.sign_in.first_factors.includes('passkey')) return '';
    let started: Awaited<ReturnType<PasskeyStart['start']>>;
    try {
      started = await deps.passkeyStart.start(step.realm, flow?.id, origin);
    } catch (error) {
      if (error instanceof AppError && (error.code === 'request.rate_limited' || flowIsOver(error))) return '';
      throw error;
    }
    if (!flow) deps.remember(step, started.flow);
    step.scripts.push(passkeyScriptUrl(step.realm.id));
    return passkeyBox(step.form, started.options, look, flow === undefined ? 'first' : 'second');
  };
}

/** The box that creates a passkey from the flow's creation options (src/pages/methods/enrolment.ts); the page's only way on. */
export function passkeyEnrolBox(step: Step, options: unknown): string {
  step.scripts.push(passkeyScriptUrl(step.realm.id));
  return passkeyBox(step.form, options, { divider: 'none', alone: true }, 'enrol');
}

/** The assertion the script posted: checked by the flow engine against the challenge of the page's flow. */
export function passkeyRoutes(deps: { flows: Pick<FlowService, 'verify' | 'openFlow'> }, kit: PageKit): MethodRoutes {
  const openOrNothing = (step: Step, flowId: string) => (flowId ? deps.flows.openFlow(step.realm, flowId).catch(() => undefined) : Promise.resolve(undefined));

  return {
    post: {
      passkey: async (request, reply, step) => {
        const flowId = kit.flowIdOf(request);
        const flow = await openOrNothing(step, flowId);
        if (!flow) return kit.stop(reply, step, 'error.expired', 400);
        const response = parseResponse(formFields(request.body).get('response'));
        try {
          return await kit.proceed(request, reply, step, await deps.flows.verify(step.realm, flow.id, { method: 'passkey', response }, originOf(request)));
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          // Not a passkey step (a flow that moved on, a used challenge): like an expired form.
          if (error.code !== 'auth.invalid_code' && error.code !== 'auth.too_many_attempts') return kit.stop(reply, step, 'error.expired', 400);
          const tooMany = error.code === 'auth.too_many_attempts';
          const [key, status] = tooMany ? (['sign_in.too_many', 429] as const) : (['passkey.failed', 401] as const);
          // A first factor starts over on the identifier page (a new flow, a new challenge).
          if (flow.state !== 'second_factor') return kit.restart(request, reply, step, key, status);
          // A second factor goes on in its flow while that is open (a new challenge comes with the page).
          const open = await openOrNothing(step, flow.id);
          return open ? showSecondFactor(kit, request, reply, step, open, { error: key }, status) : kit.stop(reply, step, 'error.expired', 410);
        }
      },
    },
  };
}

/**
 * The assertion as the script posted it (`PublicKeyCredential.toJSON()`). Anything else goes to the
 * engine as an empty object: a refused proof, counted like any wrong passkey.
 */
export function parseResponse(text: string | null): Record<string, unknown> {
  if (!text || text.length > MAX_RESPONSE_CHARS) return {};
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
