/**
 * Magic link and number matching: the link is "emailed" whatever was typed, and this browser
 * waits on a page that reloads itself every few seconds (a `<meta http-equiv="refresh">`, no
 * script) and has a button to look at once. Approving happens on the link's own page
 * (src/http/pages/magic-link-pages.ts); each look here is the API's status poll, which moves the
 * flow on once the link is approved, and the sign-in then ends as any other does.
 */
import { AppError } from '../../errors.ts';
import type { LinkMethod, MagicLinks } from '../../flows/magic-link.ts';
import { escapeHtml, formFields } from '../../http/pages/page-layout.ts';
import { originOf } from '../../http/request-origin.ts';
import { cancelForm, heading, type FormContext } from '../sign-in-forms.ts';
import { choicePage } from './choose.ts';
import { flowIsOver, notice, signInProblem, statusOf, type Handler, type MethodRoutes, type PageKit } from './method-kit.ts';

const LINK_METHODS: readonly LinkMethod[] = ['magic_link', 'number_match'];
/** How often the waiting page looks again by itself. */
export const WAIT_REFRESH_SECONDS = 5;

function waitingPage(context: FormContext, method: LinkMethod, number: number | undefined): string {
  const { t, base } = context;
  const shown = number === undefined ? '' : `<p>${escapeHtml(t('link.pick_number'))}</p><p class="number" aria-live="off">${number}</p>`;
  return `${heading(context, 'link.title')}<p>${escapeHtml(t(method === 'number_match' ? 'link.sent_number' : 'link.sent'))}</p>${shown}
<p class="detail" role="status">${escapeHtml(t('link.waiting'))}</p>
<form method="get" action="${base}/link"><button type="submit">${escapeHtml(t('link.continue'))}</button></form>${cancelForm(context)}`;
}

export function signInLinkRoutes(deps: { magicLinks: Pick<MagicLinks, 'start' | 'status'> }, kit: PageKit): MethodRoutes {
  /** One look at the flow: still waiting (the page again), moved on (the next step), or over. */
  const look: Handler = async (request, reply, step) => {
    const flowId = kit.flowIdOf(request);
    try {
      if (!flowId) throw new AppError('flow.not_found', 'No sign-in flow in this browser.');
      const answer = await deps.magicLinks.status(step.realm, flowId, originOf(request));
      const challenge = answer.kind === 'next' && answer.flow.state === 'first_factor' ? answer.flow.challenge : null;
      if (challenge?.method !== 'magic_link' && challenge?.method !== 'number_match') return await kit.proceed(request, reply, step, answer);
      return kit.show(reply, step, 'link.title', waitingPage(step.form, challenge.method, challenge.number), 200, { refreshSeconds: WAIT_REFRESH_SECONDS });
    } catch (error) {
      if (flowIsOver(error)) return kit.show(reply, step, 'link.title', `${heading(step.form, 'link.title')}${notice(step.t('link.expired'))}<p><a href="${step.form.base}">${escapeHtml(step.t('link.again'))}</a></p>${cancelForm(step.form)}`, 410);
      if (error instanceof AppError) return kit.stop(reply, step, signInProblem(error), statusOf(error));
      throw error;
    }
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
          return kit.show(reply, step, 'sign_in.title', choicePage(step.form, step.realm, identifier, step.t(signInProblem(error))), statusOf(error));
        }
        // To the waiting page by GET, so its reloads never post the start again.
        return reply.header('set-cookie', step.cookies).redirect(`${step.form.base}/link`, 303);
      },
    },
    get: { link: look },
  };
}
