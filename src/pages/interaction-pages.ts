/**
 * The realm's sign-in and consent pages for an OpenID Connect interaction, at
 * `/realms/{realm id}/interaction/{uid}`: identifier first, then the password (the same page
 * whatever was typed, so nothing tells accounts apart), then a second factor when the flow engine
 * asks for one, or the consent the application needs. Each step posts a plain form (no script) to a
 * sub-path, CSRF-checked; the flow id rides in an HttpOnly cookie of the interaction's path, never
 * in a URL. Signing in runs through the same flow engine, rate limits and brute-force guard as the API.
 */
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { InteractionView, OidcInteractions, RealmLookup } from '../contracts.ts';
import { AppError } from '../errors.ts';
import type { FlowAnswer, FlowService } from '../flows/flow-service.ts';
import type { RouteTree } from '../http/app.ts';
import { acceptForms, escapeHtml, formFields } from '../http/pages/page-layout.ts';
import { showErrorsAsPages } from '../http/pages/page-errors.ts';
import { originOf } from '../http/request-origin.ts';
import type { Realm } from '../realms/realm.ts';
import { resolveActiveRealm } from '../realms/resolve-realm.ts';
import { chooseLocale, translator, type Translate } from './locale.ts';
import type { Locale, MessageKey } from './messages.ts';
import { renderHostedPage } from './page-kit.ts';
import { FLOW_COOKIE, readCookies, type PageSecurity } from './page-security.ts';
import { CODE_FACTORS, consentForm, factorForm, identifierForm, passwordForm, type CodeFactor, type FormContext } from './sign-in-forms.ts';

export interface InteractionPageDeps {
  lookup: RealmLookup;
  flows: Pick<FlowService, 'passwordLogin' | 'verify' | 'openFlow'>;
  interactions: OidcInteractions;
  security: PageSecurity;
}

const Params = Type.Object({ realm: Type.String({ maxLength: 100 }), uid: Type.String({ maxLength: 100 }) });
type Params = Static<typeof Params>;
type Request = FastifyRequest<{ Params: Params }>;

/** How long the flow cookie lives: a sign-in flow's own lifetime (src/flows/flow.ts). */
const FLOW_COOKIE_SECONDS = 15 * 60;

interface Step {
  realm: Realm;
  locale: Locale;
  view: InteractionView;
  t: Translate;
  form: FormContext;
  cookies: string[];
}

/** What a refused sign-in says: the same words for every reason an account could not sign in. */
function signInProblem(error: AppError): MessageKey {
  if (error.code === 'auth.too_many_attempts' || error.code === 'request.rate_limited') return 'sign_in.too_many';
  if (error.code === 'auth.method_disabled') return 'sign_in.method_unavailable';
  return 'sign_in.failed';
}

export function interactionPageRoutes(deps: InteractionPageDeps): RouteTree {
  const { security, interactions } = deps;

  function send(reply: FastifyReply, step: Pick<Step, 'realm' | 'cookies' | 'locale'>, title: string, body: string, status = 200): FastifyReply {
    const page = renderHostedPage({ realm: step.realm, locale: step.locale, title, body });
    if (step.cookies.length > 0) reply.header('set-cookie', step.cookies);
    return reply.status(status).headers(page.headers).send(page.html);
  }

  /** Before the interaction is known: a page in words, in the browser's language. */
  function problem(reply: FastifyReply, realm: Realm, request: Request, key: MessageKey, status: number): FastifyReply {
    const locale = chooseLocale(realm, [], request.headers['accept-language']);
    const t = translator(realm, locale);
    return send(reply, { realm, locale, cookies: [] }, t('error.title'), `<h1>${escapeHtml(t('error.title'))}</h1><p class="error" role="alert">${escapeHtml(t(key))}</p>`, status);
  }

  /** Realm, interaction and form context of a request; a POST's CSRF field checked first. */
  async function open(request: Request, reply: FastifyReply, posted: boolean): Promise<Step | FastifyReply> {
    const realm = await resolveActiveRealm(deps.lookup, request.params.realm);
    if (posted && !security.checkCsrf(realm.id, request.raw, formFields(request.body).get('csrf'))) return problem(reply, realm, request, 'error.form', 400);
    let view: InteractionView;
    try {
      view = await interactions.view(realm, { req: request.raw, res: reply.raw });
    } catch (error) {
      if (error instanceof AppError && error.code === 'oidc.interaction_not_found') return problem(reply, realm, request, 'error.expired', 404);
      throw error;
    }
    const locale = chooseLocale(realm, view.uiLocales, request.headers['accept-language']);
    const t = translator(realm, locale);
    const csrf = security.csrf(realm.id, request.raw);
    const base = `/realms/${realm.id}/interaction/${encodeURIComponent(view.uid)}`;
    return { realm, locale, view, t, form: { t, base, csrf: csrf.token, view, selfSignUp: realm.users.registration.enabled }, cookies: csrf.setCookie ? [csrf.setCookie] : [] };
  }

  function show(reply: FastifyReply, step: Step, titleKey: MessageKey, body: string, status = 200): FastifyReply {
    return send(reply, step, step.t(titleKey, { app: step.view.client.name }), body, status);
  }

  /** A step that cannot go on: its title and one message, in the step's language. */
  const stop = (reply: FastifyReply, step: Step, key: MessageKey, status: number) =>
    show(reply, step, 'error.title', `<h1>${escapeHtml(step.t('error.title'))}</h1><p class="error" role="alert">${escapeHtml(step.t(key))}</p>`, status);

  const usableFactors = (methods: readonly string[]): CodeFactor[] => CODE_FACTORS.filter((method) => methods.includes(method));

  /** After a flow step: on to the provider when signed in, or the next step's page. */
  async function proceed(request: Request, reply: FastifyReply, step: Step, answer: FlowAnswer): Promise<FastifyReply> {
    const flowCookie = (value: string, maxAge: number) => security.cookie(FLOW_COOKIE, value, { path: step.form.base, maxAge });
    if (answer.kind === 'next') {
      const methods = usableFactors(answer.flow.secondFactors);
      if (answer.flow.state !== 'second_factor' || methods.length === 0) return stop(reply, step, 'factor.none_usable', 403);
      step.cookies.push(flowCookie(answer.flow.id, FLOW_COOKIE_SECONDS));
      return show(reply, step, 'factor.title', factorForm(step.form, methods));
    }
    if (answer.kind !== 'signed_in') throw new Error('a sign-in flow answered a step-up');
    const { assurance } = answer;
    if (step.view.requiredAcr === 'aal2' && assurance.acr !== 'aal2') return stop(reply, step, 'error.aal2', 403);
    const target = await interactions.signedIn(step.realm, { req: request.raw, res: reply.raw }, {
      userId: answer.result.user.id,
      sessionId: answer.result.session_id,
      authTime: assurance.authTime,
      amr: assurance.amr,
      acr: assurance.acr,
    });
    reply.header('set-cookie', [...step.cookies, flowCookie('', 0)]);
    return reply.redirect(target, 303);
  }

  return async (app: FastifyInstance) => {
    acceptForms(app);
    // An unknown or inactive realm, or anything unforeseen, is a page too, never the API's JSON.
    showErrorsAsPages(app);
    const schema = { hide: true, params: Params };
    const route = (path: string, handler: (request: Request, reply: FastifyReply, step: Step) => Promise<FastifyReply>) =>
      app.post<{ Params: Params }>(`/realms/:realm/interaction/:uid/${path}`, { schema }, async (request, reply) => {
        const step = await open(request, reply, true);
        if (!('view' in step)) return step;
        try {
          return await handler(request, reply, step);
        } catch (error) {
          // The interaction ended or moved on meanwhile (another tab, a consent posted at the login step).
          if (error instanceof AppError && error.code === 'oidc.interaction_not_found') return stop(reply, step, 'error.expired', 404);
          throw error;
        }
      });

    app.get<{ Params: Params }>('/realms/:realm/interaction/:uid', { schema }, async (request, reply) => {
      const step = await open(request, reply, false);
      if (!('view' in step)) return step;
      if (step.view.prompt === 'consent') return show(reply, step, 'consent.title', consentForm(step.form));
      return show(reply, step, 'sign_in.title', identifierForm(step.form, step.view.loginHint ?? ''));
    });

    route('identify', async (request, reply, step) => {
      const identifier = (formFields(request.body).get('identifier') ?? '').trim();
      if (!identifier) return show(reply, step, 'sign_in.title', identifierForm(step.form, ''), 422);
      return show(reply, step, 'sign_in.title', passwordForm(step.form, identifier));
    });

    route('password', async (request, reply, step) => {
      const fields = formFields(request.body);
      const identifier = fields.get('identifier') ?? '';
      try {
        return await proceed(request, reply, step, await deps.flows.passwordLogin(step.realm, { identifier, password: fields.get('password') ?? '' }, originOf(request)));
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        return show(reply, step, 'sign_in.title', passwordForm(step.form, identifier, step.t(signInProblem(error))), error.code === 'auth.too_many_attempts' ? 429 : 401);
      }
    });

    route('factor', async (request, reply, step) => {
      const fields = formFields(request.body);
      const method = fields.get('method') as CodeFactor;
      const flowId = readCookies(request.raw).get(FLOW_COOKIE) ?? '';
      if (!flowId || !CODE_FACTORS.includes(method)) return stop(reply, step, 'error.expired', 400);
      try {
        return await proceed(request, reply, step, await deps.flows.verify(step.realm, flowId, { method, code: fields.get('code') ?? '' }, originOf(request)));
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        // The same choices as before the wrong code, while the flow is still open.
        const flow = error.code === 'auth.invalid_code' || error.code === 'auth.too_many_attempts' ? await deps.flows.openFlow(step.realm, flowId).catch(() => undefined) : undefined;
        if (!flow) return stop(reply, step, 'error.expired', 400);
        const key: MessageKey = error.code === 'auth.too_many_attempts' ? 'sign_in.too_many' : 'factor.wrong';
        return show(reply, step, 'factor.title', factorForm(step.form, usableFactors(flow.secondFactors), step.t(key)), 401);
      }
    });

    route('consent', async (request, reply, step) => {
      const allowed = formFields(request.body).get('decision') === 'allow';
      const exchange = { req: request.raw, res: reply.raw };
      const target = allowed ? await interactions.consented(step.realm, exchange, originOf(request)) : await interactions.cancelled(step.realm, exchange);
      return reply.redirect(target, 303);
    });

    route('cancel', async (request, reply, step) => reply.redirect(await interactions.cancelled(step.realm, { req: request.raw, res: reply.raw }), 303));
  };
}
