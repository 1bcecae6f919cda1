/**
 * The second factor: a code the user keeps (authenticator app, hardware token, recovery code) or
 * one sent now by email or SMS ("send code" first, through the API's own sender and its limits).
 * Only the factors the flow engine offers this user are shown, a passkey among them (its box from
 * src/pages/methods/passkey.ts). The flow holds one challenge at a time: a page with a sent code
 * waiting does not start a passkey (that would void the code) but offers to, by a plain button.
 */
import type { FastifyReply } from 'fastify';
import { AppError } from '../../errors.ts';
import { CODE_METHODS, type CodeMethod, type CodeSender } from '../../flows/code-sender.ts';
import type { FlowService } from '../../flows/flow-service.ts';
import type { FlowMethod, SignInFlow } from '../../flows/flow.ts';
import { escapeHtml, formFields } from '../../http/pages/page-layout.ts';
import { originOf } from '../../http/request-origin.ts';
import type { MessageKey } from '../messages.ts';
import { cancelForm } from '../sign-in-forms.ts';
import { hidden, notice } from '../page-kit.ts';
import { flowIsOver, signInProblem, statusOf, type MethodRoutes, type PageKit, type Request, type Step } from './method-kit.ts';
import { codeInput } from './sent-code.ts';

/** Codes the user keeps on hand. */
const KEPT_CODES = ['totp', 'hotp', 'recovery_code'] as const;
type CodeFactor = (typeof KEPT_CODES)[number] | CodeMethod;
const CODE_FACTORS: readonly CodeFactor[] = [...KEPT_CODES, ...CODE_METHODS];

const usable = (methods: readonly FlowMethod[]): CodeFactor[] => CODE_FACTORS.filter((method) => methods.includes(method));
const sendable = (methods: readonly FlowMethod[]): CodeMethod[] => CODE_METHODS.filter((method) => methods.includes(method));

interface FactorState {
  /** The factor chosen (after sending a code: that one). */
  selected?: CodeFactor;
  /** Start a passkey even though a sent code waits (the user asked for one). */
  passkey?: boolean;
  error?: MessageKey;
  status?: MessageKey;
}

const codeWaits = (flow: SignInFlow) => (CODE_METHODS as readonly string[]).includes(flow.challenge?.method ?? '');

/** The passkey part of the page: its box (a fresh challenge), or while a sent code waits, a button to start one. */
async function passkeyPart(kit: PageKit, request: Request, step: Step, flow: SignInFlow, state: FactorState, alone: boolean): Promise<string> {
  if (!flow.secondFactors.includes('passkey')) return '';
  if (codeWaits(flow) && !state.passkey) {
    return `<form method="post" action="${step.form.base}/factor/passkey">${hidden('csrf', step.form.csrf)}<button type="submit" class="secondary">${escapeHtml(step.t('passkey.use'))}</button></form>`;
  }
  return kit.passkey(request, step, alone ? { divider: 'none', alone } : { divider: 'after' }, flow);
}

/** The second-factor page for this flow, or the end of the sign-in when the page can take none of its factors. */
export async function showSecondFactor(kit: PageKit, request: Request, reply: FastifyReply, step: Step, flow: SignInFlow, state: FactorState = {}, status = 200): Promise<FastifyReply> {
  const passkey = await passkeyPart(kit, request, step, flow, state, usable(flow.secondFactors).length === 0);
  const page = secondFactorPage(step, flow, state, passkey);
  return page ? kit.show(reply, step, 'factor.title', page, status) : kit.stop(reply, step, 'factor.none_usable', 403);
}

function secondFactorPage(step: Step, flow: SignInFlow, state: FactorState, passkey: string): string | null {
  const { t, base, csrf } = step.form;
  const methods = usable(flow.secondFactors);
  const heading = `<h1>${escapeHtml(t('factor.title'))}</h1>${notice(state.error ? t(state.error) : null)}${notice(state.status ? t(state.status) : null, 'ok')}`;
  if (methods.length === 0) return passkey ? `${heading}${passkey}${cancelForm(step.form)}` : null;
  const selected = state.selected && methods.includes(state.selected) ? state.selected : methods[0];
  const options = methods
    .map((method) => `<label class="option"><input type="radio" name="method" value="${method}"${method === selected ? ' checked' : ''}>${escapeHtml(t(`factor.${method}`))}</label>`)
    .join('');
  const sends = sendable(flow.secondFactors)
    .map((method) => `<button type="submit" class="secondary" name="method" value="${method}">${escapeHtml(t(method === 'email_otp' ? 'factor.send_email' : 'factor.send_sms'))}</button>`)
    .join('');
  const sendForm = sends ? `<form method="post" action="${base}/factor/send">${hidden('csrf', csrf)}${sends}</form>` : '';
  const intro = methods.some((method) => (KEPT_CODES as readonly string[]).includes(method)) ? 'factor.intro' : 'factor.intro_sent';
  return `${heading}${passkey}<p>${escapeHtml(t(intro))}</p>
<form method="post" action="${base}/factor">${hidden('csrf', csrf)}<fieldset><legend>${escapeHtml(t('factor.method'))}</legend>${options}</fieldset>
${codeInput(step.form)}<button type="submit">${escapeHtml(t('factor.verify'))}</button></form>${sendForm}${cancelForm(step.form)}`;
}

export function secondFactorRoutes(deps: { flows: Pick<FlowService, 'verify' | 'openFlow'>; codes: Pick<CodeSender, 'sendSecondFactorCode'> }, kit: PageKit): MethodRoutes {
  /** The page for the flow, or the end of the sign-in when the flow is over. */
  const render = (request: Request, reply: FastifyReply, step: Step, flow: SignInFlow | undefined, state: FactorState, status = 200) =>
    flow ? showSecondFactor(kit, request, reply, step, flow, state, status) : kit.stop(reply, step, 'error.expired', 410);

  /** The page again for the flow as it stands. */
  const again = async (request: Request, reply: FastifyReply, step: Step, flowId: string, state: FactorState, status = 200) =>
    render(request, reply, step, await deps.flows.openFlow(step.realm, flowId).catch(() => undefined), state, status);

  return {
    post: {
      factor: async (request, reply, step) => {
        const fields = formFields(request.body);
        const method = CODE_FACTORS.find((candidate) => candidate === fields.get('method'));
        const flowId = kit.flowIdOf(request);
        if (!flowId || !method) return kit.stop(reply, step, 'error.expired', 400);
        try {
          return await kit.proceed(request, reply, step, await deps.flows.verify(step.realm, flowId, { method, code: fields.get('code') ?? '' }, originOf(request)));
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          if (flowIsOver(error)) return kit.stop(reply, step, 'error.expired', 410);
          // The same choices as before the wrong code, while the flow is still open.
          return again(request, reply, step, flowId, { selected: method, error: error.code === 'auth.invalid_code' ? 'factor.wrong' : signInProblem(error) }, statusOf(error));
        }
      },

      'factor/send': async (request, reply, step) => {
        const method = CODE_METHODS.find((candidate) => candidate === formFields(request.body).get('method'));
        const flowId = kit.flowIdOf(request);
        if (!flowId || !method) return kit.stop(reply, step, 'error.expired', 400);
        try {
          const flow = await deps.codes.sendSecondFactorCode(step.realm, flowId, method, originOf(request));
          return render(request, reply, step, flow, { selected: method, status: method === 'email_otp' ? 'factor.sent_email' : 'factor.sent_sms' });
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          if (flowIsOver(error)) return kit.stop(reply, step, 'error.expired', 410);
          return again(request, reply, step, flowId, { selected: method, error: signInProblem(error) }, statusOf(error));
        }
      },

      // A passkey after all, while a sent code waits: its challenge replaces the code's.
      'factor/passkey': async (request, reply, step) => again(request, reply, step, kit.flowIdOf(request), { passkey: true }),
    },
  };
}
