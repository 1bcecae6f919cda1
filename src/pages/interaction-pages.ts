/**
 * The realm's sign-in and consent pages for an OpenID Connect interaction, at
 * `/realms/{realm id}/interaction/{uid}`: identifier first, then the realm's first factors as
 * choices (the same page whatever was typed, so nothing tells accounts apart), then a second factor
 * or the enrolment of one when the flow engine asks, or the consent the application needs. Each
 * method is a module of src/pages/methods/ owning its forms and handlers, composed in METHODS below.
 * Each step posts a plain form to a sub-path, CSRF-checked (a passkey adds a script for its
 * ceremony, src/pages/methods/passkey.ts); the flow id rides in an HttpOnly cookie of the
 * interaction's path, never in a URL. Signing in runs through the same flow
 * engine, rate limits and brute-force guard as the API.
 */
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { InteractionView, OidcInteractions, RealmLookup } from '../contracts.ts';
import { AppError } from '../errors.ts';
import type { CodeSender } from '../flows/code-sender.ts';
import type { FlowEnrolment } from '../flows/flow-enrolment.ts';
import type { FlowAnswer, FlowService } from '../flows/flow-service.ts';
import type { MagicLinks } from '../flows/magic-link.ts';
import type { PasskeyStart } from '../flows/passkey-start.ts';
import type { RouteTree } from '../http/app.ts';
import { acceptForms, formFields } from '../http/pages/page-layout.ts';
import { showErrorsAsPages } from '../http/pages/page-errors.ts';
import type { Realm } from '../realms/realm.ts';
import { originOf } from '../http/request-origin.ts';
import { resolveActiveRealm } from '../realms/resolve-realm.ts';
import { passkeyScriptRoute } from './assets/passkey-script.ts';
import { chooseLocale, translator } from './locale.ts';
import type { MessageKey } from './messages.ts';
import { showChoices } from './methods/choose.ts';
import { enrolmentRoutes, recoveryCodesPage } from './methods/enrolment.ts';
import { identityProviderMethod, type IdentityProviderPageDeps } from './methods/identity-provider.ts';
import type { Handler, MethodRoutes, PageKit, Request, Step } from './methods/method-kit.ts';
import { passkeyOffer, passkeyRoutes } from './methods/passkey.ts';
import { passwordRoutes } from './methods/password.ts';
import { secondFactorRoutes, showSecondFactor } from './methods/second-factor.ts';
import { sentCodeRoutes } from './methods/sent-code.ts';
import { signInLinkRoutes } from './methods/sign-in-link.ts';
import { messageBody, renderHostedPage } from './page-kit.ts';
import { FLOW_COOKIE, readCookies, type PageSecurity } from './page-security.ts';
import { consentForm, identifierForm } from './sign-in-forms.ts';

export interface InteractionPageDeps extends IdentityProviderPageDeps {
  lookup: RealmLookup;
  flows: Pick<FlowService, 'passwordLogin' | 'verify' | 'openFlow'>;
  codes: Pick<CodeSender, 'startCode' | 'sendSecondFactorCode'>;
  magicLinks: Pick<MagicLinks, 'start' | 'status'>;
  enrolment: Pick<FlowEnrolment, 'start' | 'startPasskey'>;
  passkeyStart: Pick<PasskeyStart, 'start'>;
  interactions: OidcInteractions;
  security: PageSecurity;
}

const Params = Type.Object({ realm: Type.String({ maxLength: 100 }), uid: Type.String({ maxLength: 100 }) });
type Params = Static<typeof Params>;

/** How long the flow cookie lives: a sign-in flow's own lifetime (src/flows/flow.ts). */
const FLOW_COOKIE_SECONDS = 15 * 60;

export function interactionPageRoutes(deps: InteractionPageDeps): RouteTree {
  const { security, interactions } = deps;

  function send(reply: FastifyReply, step: Pick<Step, 'realm' | 'cookies' | 'locale'> & Partial<Pick<Step, 'scripts' | 'view'>>, title: string, body: string, status = 200, script?: string): FastifyReply {
    const page = renderHostedPage({ realm: step.realm, locale: step.locale, title, body, script, scripts: step.scripts, frameOrigins: step.view?.client.frameOrigins });
    if (step.cookies.length > 0) reply.header('set-cookie', step.cookies);
    return reply.status(status).headers(page.headers).send(page.html);
  }

  /** Before the interaction is known: a page in words, in the browser's language. */
  function problem(reply: FastifyReply, realm: Realm, request: Request, key: MessageKey, status: number): FastifyReply {
    const locale = chooseLocale(realm, [], request.headers['accept-language']);
    const t = translator(realm, locale);
    return send(reply, { realm, locale, cookies: [] }, t('error.title'), messageBody(t('error.title'), t(key)), status);
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
    return { realm, locale, view, t, form: { t, base, csrf: csrf.token, view, selfSignUp: realm.users.registration.enabled }, cookies: csrf.setCookie ? [csrf.setCookie] : [], scripts: [] };
  }

  const flowCookie = (step: Step, value: string, maxAge: number) => security.cookie(FLOW_COOKIE, value, { path: step.form.base, maxAge });
  const remember: PageKit['remember'] = (step, flow) => void step.cookies.push(flowCookie(step, flow.id, FLOW_COOKIE_SECONDS));
  const offerPasskey = passkeyOffer({ passkeyStart: deps.passkeyStart, remember });

  /** The identifier page, with a discoverable passkey (and its autofill) when the realm signs in with one. */
  async function identifierPage(request: Request, reply: FastifyReply, step: Step, identifier: string, error: MessageKey | null = null, status = 200, values: Record<string, string> = {}) {
    const passkey = await kit.passkey(request, step, { divider: 'before', conditional: true });
    const others = passkey + (await providers.buttons(step, !passkey));
    return kit.show(reply, step, 'sign_in.title', identifierForm(step.form, identifier, error && step.t(error, values), others), status);
  }

  const kit: PageKit = {
    show: (reply, step, titleKey, body, status = 200, options = {}) => send(reply, step, step.t(titleKey, { app: step.view.client.name }), body, status, options.script),
    stop: (reply, step, key, status) => kit.show(reply, step, 'error.title', messageBody(step.t('error.title'), step.t(key)), status),
    flowIdOf: (request) => readCookies(request.raw).get(FLOW_COOKIE) ?? '',
    remember,
    proceed,
    restart: (request, reply, step, error, status, options = {}) => identifierPage(request, reply, step, options.identifier ?? '', error, status, options.values),
    passkey: (request, step, look, flow) => offerPasskey(step, originOf(request), look, flow),
  };

  const enrolment = enrolmentRoutes(deps, kit);
  const providers = identityProviderMethod(deps, kit);

  /** After a flow step: on to the provider when signed in, or the next step's page. */
  async function proceed(request: Request, reply: FastifyReply, step: Step, answer: FlowAnswer): Promise<FastifyReply> {
    if (answer.kind === 'next') {
      const { flow } = answer;
      kit.remember(step, flow);
      if (flow.state === 'enrolment') {
        const page = await enrolment.begin(request, step, flow);
        return page ? kit.show(reply, step, page.title, page.body) : kit.stop(reply, step, 'factor.none_usable', 403);
      }
      return flow.state === 'second_factor' ? showSecondFactor(kit, request, reply, step, flow) : kit.stop(reply, step, 'factor.none_usable', 403);
    }
    // Only a sign-in's flow completes an interaction: a step-up flow's id planted in the cookie
    // (a user's own, from the API) ends here, its own outcome untouched.
    if (answer.kind !== 'signed_in') return kit.stop(reply, step, 'error.expired', 400);
    const { assurance } = answer;
    if (step.view.requiredAcr === 'aal2' && assurance.acr !== 'aal2') return kit.stop(reply, step, 'error.aal2', 403);
    // Signed in to prove an account an identity provider's sign-in matched: its account is linked now.
    await providers.linkPending(request, step, answer.result.user.id);
    const target = await interactions.signedIn(step.realm, { req: request.raw, res: reply.raw }, {
      userId: answer.result.user.id,
      sessionId: answer.result.session_id,
      authTime: assurance.authTime,
      amr: assurance.amr,
      acr: assurance.acr,
    });
    step.cookies.push(flowCookie(step, '', 0));
    // A factor enrolled on the way brought recovery codes: shown this once, then on to the application.
    if (answer.recoveryCodes) return kit.show(reply, step, 'enrol.codes_title', recoveryCodesPage(step.form, answer.recoveryCodes, target));
    reply.header('set-cookie', step.cookies);
    return reply.redirect(target, 303);
  }

  /** Every method's forms and handlers, by sub-path. */
  const METHODS: MethodRoutes[] = [
    passwordRoutes(deps, kit),
    passkeyRoutes(deps, kit),
    sentCodeRoutes(deps, kit),
    signInLinkRoutes(deps, kit),
    secondFactorRoutes(deps, kit),
    enrolment.routes,
    providers.routes,
  ];

  return async (app: FastifyInstance) => {
    acceptForms(app);
    // An unknown or inactive realm, or anything unforeseen, is a page too, never the API's JSON.
    showErrorsAsPages(app);
    passkeyScriptRoute(app);
    const schema = { hide: true, params: Params };
    const route = (method: 'GET' | 'POST', path: string, handler: Handler) =>
      app.route<{ Params: Params }>({
        method,
        url: `/realms/:realm/interaction/:uid/${path}`,
        schema,
        handler: async (request, reply) => {
          const step = await open(request, reply, method === 'POST');
          if (!('view' in step)) return step;
          try {
            return await handler(request, reply, step);
          } catch (error) {
            // The interaction ended or moved on meanwhile (another tab, a consent posted at the login step).
            if (error instanceof AppError && error.code === 'oidc.interaction_not_found') return kit.stop(reply, step, 'error.expired', 404);
            throw error;
          }
        },
      });

    app.get<{ Params: Params }>('/realms/:realm/interaction/:uid', { schema }, async (request, reply) => {
      const step = await open(request, reply, false);
      if (!('view' in step)) return step;
      if (step.view.prompt === 'consent') return kit.show(reply, step, 'consent.title', consentForm(step.form));
      const hinted = await providers.followHint(request, reply, step);
      if (hinted) return hinted;
      return identifierPage(request, reply, step, step.view.loginHint ?? '');
    });

    route('POST', 'identify', async (request, reply, step) => {
      const identifier = (formFields(request.body).get('identifier') ?? '').trim();
      if (!identifier) return identifierPage(request, reply, step, '', null, 422);
      return showChoices(kit, request, reply, step, identifier);
    });

    for (const routes of METHODS) {
      for (const [path, handler] of Object.entries(routes.post ?? {})) route('POST', path, handler);
      for (const [path, handler] of Object.entries(routes.get ?? {})) route('GET', path, handler);
    }

    route('POST', 'consent', async (request, reply, step) => {
      const allowed = formFields(request.body).get('decision') === 'allow';
      const exchange = { req: request.raw, res: reply.raw };
      const target = allowed ? await interactions.consented(step.realm, exchange, originOf(request)) : await interactions.cancelled(step.realm, exchange);
      return reply.redirect(target, 303);
    });

    route('POST', 'cancel', async (request, reply, step) => reply.redirect(await interactions.cancelled(step.realm, { req: request.raw, res: reply.raw }), 303));
  };
}
