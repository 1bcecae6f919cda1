/**
 * Magic link and number matching: the link is "emailed" whatever was typed, and this browser
 * waits on a page with a button to go on once the link is approved on its own page
 * (src/http/pages/magic-link-pages.ts). Each press is the API's status poll, which moves the flow
 * on once approved; the sign-in then ends as any other does. With script, the page asks every few
 * seconds whether the wait is over (without moving anything) and then goes on by itself; it never
 * reloads while waiting (a timed reload, such as `<meta http-equiv="refresh">`, would pull a
 * screen reader's place away every time: WCAG 2.2.1).
 */
import { AppError } from '../../errors.ts';
import type { FlowService } from '../../flows/flow-service.ts';
import type { SignInFlow } from '../../flows/flow.ts';
import type { LinkMethod, MagicLinks } from '../../flows/magic-link.ts';
import { escapeHtml, formFields } from '../../http/pages/page-layout.ts';
import { originOf } from '../../http/request-origin.ts';
import { cancelForm, heading, type FormContext } from '../sign-in-forms.ts';
import { showChoices } from './choose.ts';
import { notice } from '../page-kit.ts';
import { flowIsOver, signInProblem, statusOf, type Handler, type MethodRoutes, type PageKit } from './method-kit.ts';

const LINK_METHODS: readonly LinkMethod[] = ['magic_link', 'number_match'];
/** How often the waiting page's script asks. */
const CHECK_EVERY_MS = 3000;

/** Asks `link/check` until the wait is over, then goes to `link` (the button's target). JSON-encoded URLs, `<` escaped. */
const waitScript = (base: string) => {
  const url = (path: string) => JSON.stringify(`${base}/${path}`).replace(/</g, '\\u003c');
  return `setInterval(function(){fetch(${url('link/check')},{cache:'no-store'}).then(function(r){return r.json()}).then(function(s){if(!s.waiting)location.assign(${url('link')})}).catch(function(){})},${CHECK_EVERY_MS});`;
};

function waitingPage(context: FormContext, method: LinkMethod, number: number | undefined): string {
  const { t, base } = context;
  const shown = number === undefined ? '' : `<p>${escapeHtml(t('link.pick_number'))}</p><p class="number">${number}</p>`;
  return `${heading(context, 'link.title')}<p>${escapeHtml(t(method === 'number_match' ? 'link.sent_number' : 'link.sent'))}</p>${shown}
<p class="detail">${escapeHtml(t('link.waiting'))}</p>
<form method="get" action="${base}/link"><button type="submit">${escapeHtml(t('link.continue'))}</button></form>${cancelForm(context)}`;
}

/** The link challenge a flow still waits on, if it does. */
const waitingOn = (flow: SignInFlow) =>
  flow.state === 'first_factor' && (flow.challenge?.method === 'magic_link' || flow.challenge?.method === 'number_match') ? flow.challenge : null;

export function signInLinkRoutes(deps: { flows: Pick<FlowService, 'openFlow'>; magicLinks: Pick<MagicLinks, 'start' | 'status'> }, kit: PageKit): MethodRoutes {
  /** One look at the flow: still waiting (the page again), moved on (the next step), or over. */
  const look: Handler = async (request, reply, step) => {
    const flowId = kit.flowIdOf(request);
    try {
      if (!flowId) throw new AppError('flow.not_found', 'No sign-in flow in this browser.');
      const answer = await deps.magicLinks.status(step.realm, flowId, originOf(request));
      const challenge = answer.kind === 'next' ? waitingOn(answer.flow) : null;
      if (!challenge) return await kit.proceed(request, reply, step, answer);
      return kit.show(reply, step, 'link.title', waitingPage(step.form, challenge.method, challenge.number), 200, { script: waitScript(step.form.base) });
    } catch (error) {
      if (flowIsOver(error)) return kit.show(reply, step, 'link.title', `${heading(step.form, 'link.title')}${notice(step.t('link.expired'))}<p><a href="${step.form.base}">${escapeHtml(step.t('link.again'))}</a></p>${cancelForm(step.form)}`, 410);
      if (error instanceof AppError) return kit.stop(reply, step, signInProblem(error), statusOf(error));
      throw error;
    }
  };

  /** For the script: whether the wait goes on (a link expires with its flow). Reads the flow only: the look above moves it on. */
  const check: Handler = async (request, reply, step) => {
    const flow = await deps.flows.openFlow(step.realm, kit.flowIdOf(request)).catch(() => undefined);
    const challenge = flow && waitingOn(flow);
    return reply.header('cache-control', 'no-store').send({ waiting: Boolean(challenge && !challenge.approved) });
  };

  return {
    post: {
      'link/start': async (request, reply, step) => {
        const fields = formFields(request.body);
        const method = LINK_METHODS.find((candidate) => candidate === fields.get('method'));
        const identifier = (fields.get('identifier') ?? '').trim();
        if (!method || !identifier) return kit.stop(reply, step, 'error.form', 400);
        try {
          kit.remember(step, (await deps.magicLinks.start(step.realm, method, identifier, originOf(request))).flow);
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          return showChoices(kit, request, reply, step, identifier, error);
        }
        // To the waiting page by GET, so that reloading it never starts again.
        return reply.header('set-cookie', step.cookies).redirect(`${step.form.base}/link`, 303);
      },
    },
    get: { link: look, 'link/check': check },
  };
}
