/**
 * Enrolment during sign-in: a realm that requires a second factor stops a user who has none at
 * the flow's `enrolment` step. The page starts an authenticator enrolment through the flow
 * (src/flows/flow-enrolment.ts, as the API does), shows its secret as a QR code (an SVG data: image,
 * which the CSP's img-src allows) and as text, and the first code confirms it and ends the sign-in;
 * the recovery codes that come with a first factor are shown once, before going on to the app.
 */
import { AppError } from '../../errors.ts';
import type { EnrolableMethod, FlowEnrolment } from '../../flows/flow-enrolment.ts';
import type { FlowService } from '../../flows/flow-service.ts';
import type { SignInFlow } from '../../flows/flow.ts';
import { escapeHtml, formFields } from '../../http/pages/page-layout.ts';
import { originOf } from '../../http/request-origin.ts';
import { qrSvg } from '../../mfa/otpauth.ts';
import type { Request } from './method-kit.ts';
import { cancelForm, type FormContext } from '../sign-in-forms.ts';
import { hidden, notice } from '../page-kit.ts';
import { flowIsOver, signInProblem, statusOf, type MethodRoutes, type PageKit, type Step } from './method-kit.ts';
import { codeInput } from './sent-code.ts';

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

export function enrolmentRoutes(deps: { flows: Pick<FlowService, 'verify' | 'openFlow'>; enrolment: Pick<FlowEnrolment, 'start'> }, kit: PageKit) {
  return {
    /** The flow reached `enrolment`: an authenticator is started for it and shown. */
    async begin(request: Request, step: Step, flow: SignInFlow): Promise<string | null> {
      const method = (['totp', 'hotp'] as const).find((candidate) => flow.secondFactors.includes(candidate));
      if (!method) return null;
      const { enrolment } = await deps.enrolment.start(step.realm, flow.id, method, { name: step.t('enrol.factor_name') }, originOf(request));
      return enrolPage(step.form, { method, secret: enrolment.secret, uri: enrolment.uri });
    },

    routes: {
      post: {
        enrol: async (request, reply, step) => {
          const fields = formFields(request.body);
          const method = (['totp', 'hotp'] as const).find((candidate) => candidate === fields.get('method'));
          const flowId = kit.flowIdOf(request);
          const uri = fields.get('uri') ?? '';
          if (!flowId || !method) return kit.stop(reply, step, 'error.expired', 400);
          try {
            return await kit.proceed(request, reply, step, await deps.flows.verify(step.realm, flowId, { method, code: fields.get('code') ?? '' }, originOf(request)));
          } catch (error) {
            if (!(error instanceof AppError)) throw error;
            const open = !flowIsOver(error) && (await deps.flows.openFlow(step.realm, flowId).then(() => true, () => false));
            // Shown again from the form: it is this browser's own secret, and only the server's copy confirms a code.
            if (!open || !uri.startsWith('otpauth://')) return kit.stop(reply, step, 'error.expired', 410);
            const key = error.code === 'auth.invalid_code' ? 'factor.wrong' : signInProblem(error);
            return kit.show(reply, step, 'enrol.title', await enrolPage(step.form, { method, secret: fields.get('secret') ?? '', uri }, step.t(key)), statusOf(error));
          }
        },
      },
    } satisfies MethodRoutes,
  };
}
