/**
 * A code by email or SMS as the first factor: the code is "sent" whatever was typed (the flow
 * engine queues a real one only for a reachable account, after answering), then entered here.
 * Sending again starts again, through the same start as the API, so its rate limits apply.
 */
import { AppError } from '../../errors.ts';
import { CODE_METHODS, type CodeMethod, type CodeSender } from '../../flows/code-sender.ts';
import type { FlowService } from '../../flows/flow-service.ts';
import { escapeHtml, formFields } from '../../http/pages/page-layout.ts';
import { originOf } from '../../http/request-origin.ts';
import { cancelForm, heading, otherWaysForm, whoBox, type FormContext } from '../sign-in-forms.ts';
import { showChoices } from './choose.ts';
import { hidden, notice } from '../page-kit.ts';
import { flowIsOver, signInProblem, statusOf, type MethodRoutes, type PageKit, type Step } from './method-kit.ts';

/** The one code input every code form shares. */
export const codeInput = (context: FormContext) =>
  `<label for="code">${escapeHtml(context.t('factor.code'))}</label><input id="code" name="code" autocomplete="one-time-code" inputmode="text" autocapitalize="none" spellcheck="false" required maxlength="64" autofocus>`;

interface CodeState {
  method: CodeMethod;
  identifier: string;
  error?: string | null;
  status?: string | null;
}

export function codePage(context: FormContext, state: CodeState): string {
  const { t, base, csrf } = context;
  const { method, identifier } = state;
  const keep = `${hidden('csrf', csrf)}${hidden('method', method)}${hidden('identifier', identifier)}`;
  return `${heading(context, 'code.title')}${notice(state.error ?? null)}${notice(state.status ?? null, 'ok')}${whoBox(context, identifier)}
<p>${escapeHtml(t(method === 'email_otp' ? 'code.sent_email' : 'code.sent_sms'))}</p>
<form method="post" action="${base}/code/verify">${keep}${codeInput(context)}<button type="submit">${escapeHtml(t('factor.verify'))}</button></form>
<form method="post" action="${base}/code/start">${keep}${hidden('again', '1')}<button type="submit" class="secondary">${escapeHtml(t('code.resend'))}</button></form>
${otherWaysForm(context, identifier)}${cancelForm(context)}`;
}

export function sentCodeRoutes(deps: { flows: Pick<FlowService, 'verify' | 'openFlow'>; codes: Pick<CodeSender, 'startCode'> }, kit: PageKit): MethodRoutes {
  const methodOf = (value: string | null): CodeMethod | undefined => CODE_METHODS.find((method) => method === value);
  const page = (step: Step, state: CodeState) => codePage(step.form, state);

  return {
    post: {
      'code/start': async (request, reply, step) => {
        const fields = formFields(request.body);
        const method = methodOf(fields.get('method'));
        const identifier = (fields.get('identifier') ?? '').trim();
        if (!method || !identifier) return kit.stop(reply, step, 'error.form', 400);
        try {
          kit.remember(step, await deps.codes.startCode(step.realm, method, identifier, originOf(request)));
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          return showChoices(kit, request, reply, step, identifier, error);
        }
        return kit.show(reply, step, 'code.title', page(step, { method, identifier, status: fields.get('again') ? step.t('code.resent') : null }));
      },

      'code/verify': async (request, reply, step) => {
        const fields = formFields(request.body);
        const method = methodOf(fields.get('method'));
        const identifier = fields.get('identifier') ?? '';
        const flowId = kit.flowIdOf(request);
        if (!method) return kit.stop(reply, step, 'error.form', 400);
        try {
          if (!flowId) throw new AppError('flow.not_found', 'No sign-in flow in this browser.');
          return await kit.proceed(request, reply, step, await deps.flows.verify(step.realm, flowId, { method, code: fields.get('code') ?? '' }, originOf(request)));
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          if (flowIsOver(error)) return kit.show(reply, step, 'code.title', page(step, { method, identifier, error: step.t('code.expired') }), 410);
          if (error.code !== 'auth.invalid_code') return kit.show(reply, step, 'code.title', page(step, { method, identifier, error: step.t(signInProblem(error)) }), statusOf(error));
          // The last wrong code ends the flow: only a new code helps then.
          const open = await deps.flows.openFlow(step.realm, flowId).then(() => true, () => false);
          return kit.show(reply, step, 'code.title', page(step, { method, identifier, error: step.t(open ? 'code.wrong' : 'code.ended') }), 401);
        }
      },
    },
  };
}
