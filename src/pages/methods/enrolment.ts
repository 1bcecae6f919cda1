/**
 * Enrolment during sign-in: a realm that requires a second factor stops a user who has none at
 * the flow's `enrolment` step. The page starts an authenticator enrolment through the flow
 * (src/flows/flow-enrolment.ts, as the API does), shows its secret as a QR code (an SVG data: image,
 * which the CSP's img-src allows) and as text, and the first code confirms it and ends the sign-in;
 * the recovery codes that come with a first factor are shown once, before going on to the app.
 * Where the realm also takes passkeys, the user first chooses: an authenticator app, or a passkey,
 * which the page's script creates from the flow's creation options and posts back like a sign-in.
 */
import { AppError } from '../../errors.ts';
import type { EnrolableMethod, FlowEnrolment } from '../../flows/flow-enrolment.ts';
import type { FlowService } from '../../flows/flow-service.ts';
import type { SignInFlow } from '../../flows/flow.ts';
import { escapeHtml, formFields } from '../../http/pages/page-layout.ts';
import { originOf } from '../../http/request-origin.ts';
import { qrSvg } from '../../mfa/otpauth.ts';
import type { MessageKey } from '../messages.ts';
import type { Request } from './method-kit.ts';
import { cancelForm, type FormContext } from '../sign-in-forms.ts';
import { hidden, notice } from '../page-kit.ts';
import { flowIsOver, signInProblem, statusOf, type MethodRoutes, type PageKit, type Step } from './method-kit.ts';
import { parseResponse, passkeyEnrolBox } from './passkey.ts';
import { codeInput } from './sent-code.ts';

/** What an enrolment posted back may be shown again with: the shapes the server gives (src/mfa/otpauth.ts, src/mfa/otp.ts). */
const POSTED_URI = /^otpauth:\/\/[ -~]{1,2000}$/;
const POSTED_SECRET = /^[A-Z2-7]{16,128}$/;

interface Pending {
  method: EnrolableMethod;
  secret: string;
  /** The otpauth:// URI the QR code carries. */
  uri: string;
}

async function enrolPage(context: FormContext, pending: Pending, error: string | null = null): Promise<string> {
  const { t, base, csrf } = context;
  const qr = `data:image/svg+xml;base64,${Buffer.from(await qrSvg(pending.uri)).toString('base64')}`;
  const grouped = pending.secret.replace(/(.{4})(?=.)/g, '$1 ');
  return `<h1>${escapeHtml(t('enrol.title'))}</h1>${notice(error)}<p>${escapeHtml(t('enrol.intro'))}</p>
<p class="qr"><img src="${qr}" alt="${escapeHtml(t('enrol.qr_alt'))}" width="200" height="200"></p>
<p class="detail">${escapeHtml(t('enrol.secret'))}</p><p class="secret"><code>${escapeHtml(grouped)}</code></p>
<form method="post" action="${base}/enrol">${hidden('csrf', csrf)}${hidden('method', pending.method)}${hidden('secret', pending.secret)}${hidden('uri', pending.uri)}
${codeInput(context)}<button type="submit">${escapeHtml(t('enrol.confirm'))}</button></form>${cancelForm(context)}`;
}

/** The recovery codes, once, and the way on to the application (the interaction is already complete). */
export function recoveryCodesPage(context: FormContext, codes: string[], target: string): string {
  const { t } = context;
  const items = codes.map((code) => `<li><code>${escapeHtml(code)}</code></li>`).join('');
  return `<h1>${escapeHtml(t('enrol.codes_title'))}</h1><p>${escapeHtml(t('enrol.codes_intro'))}</p><ul class="codes">${items}</ul>
<a class="onward" href="${escapeHtml(target)}">${escapeHtml(t('enrol.codes_continue'))}</a>`;
}

type Enrolable = EnrolableMethod | 'passkey';

/** What the user may enrol now, in the order offered: a passkey first (phishing-resistant), then an app, then a token. */
const ENROLABLE: readonly Enrolable[] = ['passkey', 'totp', 'hotp'];
const CHOICE_LABEL = { passkey: 'enrol.choose_passkey', totp: 'enrol.choose_app', hotp: 'enrol.choose_hotp' } as const;

const enrolableIn = (flow: SignInFlow) => ENROLABLE.filter((method) => flow.secondFactors.includes(method));

/** Several ways to enrol: the user picks one (each button posts its own `method`). */
function choicePage(context: FormContext, methods: Enrolable[]): string {
  const { t, base, csrf } = context;
  const buttons = methods.map((method, i) => `<button type="submit"${i === 0 ? '' : ' class="secondary"'} name="method" value="${method}">${escapeHtml(t(CHOICE_LABEL[method]))}</button>`);
  return `<h1>${escapeHtml(t('enrol.choose_title'))}</h1><p>${escapeHtml(t('enrol.choose_intro'))}</p>
<form method="post" class="alternatives" action="${base}/enrol-start">${hidden('csrf', csrf)}${buttons.join('')}</form>${cancelForm(context)}`;
}

function passkeyPage(step: Step, options: unknown, error: string | null = null): string {
  const { t } = step.form;
  return `<h1>${escapeHtml(t('passkey.enrol_title'))}</h1>${notice(error)}<p>${escapeHtml(t('passkey.enrol_intro'))}</p>${passkeyEnrolBox(step, options)}${cancelForm(step.form)}`;
}

export function enrolmentRoutes(deps: { flows: Pick<FlowService, 'verify' | 'openFlow'>; enrolment: Pick<FlowEnrolment, 'start' | 'startPasskey'> }, kit: PageKit) {
  /** An authenticator app started for the flow: its QR code page. */
  async function appPage(request: Request, step: Step, flow: SignInFlow, method: EnrolableMethod): Promise<string> {
    const { enrolment } = await deps.enrolment.start(step.realm, flow.id, method, { name: step.t('enrol.factor_name') }, originOf(request));
    return enrolPage(step.form, { method, secret: enrolment.secret, uri: enrolment.uri });
  }

  /** A passkey started for the flow (new creation options): the page that creates it. */
  async function startPasskey(step: Step, flow: SignInFlow, error: string | null = null): Promise<string> {
    const { options } = await deps.enrolment.startPasskey(step.realm, flow.id);
    return passkeyPage(step, options, error);
  }

  /** The flow of this browser while it is still open, or nothing. */
  const openFlowOf = (request: Request, step: Step) => {
    const flowId = kit.flowIdOf(request);
    return flowId ? deps.flows.openFlow(step.realm, flowId).catch(() => undefined) : Promise.resolve(undefined);
  };

  /** The page that enrols `method`, started for the flow. */
  async function pageFor(request: Request, step: Step, flow: SignInFlow, method: Enrolable): Promise<{ title: MessageKey; body: string }> {
    if (method === 'passkey') return { title: 'passkey.enrol_title', body: await startPasskey(step, flow) };
    return { title: 'enrol.title', body: await appPage(request, step, flow, method) };
  }

  return {
    /** The flow reached `enrolment`: the choice when there are several ways, else the one way, started. */
    async begin(request: Request, step: Step, flow: SignInFlow): Promise<{ title: MessageKey; body: string } | null> {
      const methods = enrolableIn(flow);
      if (methods.length > 1) return { title: 'enrol.choose_title', body: choicePage(step.form, methods) };
      return methods[0] ? pageFor(request, step, flow, methods[0]) : null;
    },

    routes: {
      post: {
        'enrol-start': async (request, reply, step) => {
          const flow = await openFlowOf(request, step);
          if (!flow || flow.state !== 'enrolment') return kit.stop(reply, step, 'error.expired', 400);
          const chosen = enrolableIn(flow).find((method) => method === formFields(request.body).get('method'));
          if (!chosen) return kit.stop(reply, step, 'error.expired', 400);
          const page = await pageFor(request, step, flow, chosen);
          return kit.show(reply, step, page.title, page.body);
        },

        'enrol-passkey': async (request, reply, step) => {
          const flow = await openFlowOf(request, step);
          if (!flow || flow.challenge?.method !== 'enrolment' || flow.challenge.type !== 'passkey') return kit.stop(reply, step, 'error.expired', 400);
          const response = parseResponse(formFields(request.body).get('response'));
          try {
            return await kit.proceed(request, reply, step, await deps.flows.verify(step.realm, flow.id, { method: 'passkey', response }, originOf(request)));
          } catch (error) {
            if (!(error instanceof AppError) || error.code === 'passkey.invalid_challenge' || flowIsOver(error)) {
              if (error instanceof AppError) return kit.stop(reply, step, 'error.expired', 410);
              throw error;
            }
            // Refused (counted by the flow): the same page with new options while the flow is open.
            const open = await openFlowOf(request, step);
            if (!open) return kit.stop(reply, step, 'error.expired', 410);
            const key = error.code === 'auth.invalid_code' ? 'passkey.enrol_failed' : signInProblem(error);
            return kit.show(reply, step, 'passkey.enrol_title', await startPasskey(step, open, step.t(key)), statusOf(error));
          }
        },

        enrol: async (request, reply, step) => {
          const fields = formFields(request.body);
          const method = (['totp', 'hotp'] as const).find((candidate) => candidate === fields.get('method'));
          const flowId = kit.flowIdOf(request);
          const uri = fields.get('uri') ?? '';
          const secret = fields.get('secret') ?? '';
          if (!flowId || !method) return kit.stop(reply, step, 'error.expired', 400);
          try {
            return await kit.proceed(request, reply, step, await deps.flows.verify(step.realm, flowId, { method, code: fields.get('code') ?? '' }, originOf(request)));
          } catch (error) {
            if (!(error instanceof AppError)) throw error;
            const open = !flowIsOver(error) && (await deps.flows.openFlow(step.realm, flowId).then(() => true, () => false));
            if (!open) return kit.stop(reply, step, 'error.expired', 410);
            // Shown again from the form: it is this browser's own secret, and only the server's copy
            // confirms a code. Only in the shape the server gave it (found by review: a long `uri` was
            // more than a QR code holds, a 500).
            if (!POSTED_URI.test(uri) || !POSTED_SECRET.test(secret)) return kit.stop(reply, step, 'error.expired', 400);
            const key = error.code === 'auth.invalid_code' ? 'factor.wrong' : signInProblem(error);
            return kit.show(reply, step, 'enrol.title', await enrolPage(step.form, { method, secret, uri }, step.t(key)), statusOf(error));
          }
        },
      },
    } satisfies MethodRoutes,
  };
}
