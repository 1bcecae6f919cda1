import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { RealmLookup } from '../../contracts.ts';
import { callbackState, type IdpSignIn } from '../../identity-providers/idp-sign-in.ts';
import { PENDING_LIFETIME_MS } from '../../identity-providers/pending-sign-in.ts';
import { readCookies } from '../../pages/page-security.ts';
import { idpCookie, idpCookieName } from '../idp-cookie.ts';
import { showErrorsAsPagesToBrowsers } from '../pages/page-errors.ts';
import type { Realm } from '../../realms/realm.ts';
import { resolveActiveRealm } from '../../realms/resolve-realm.ts';
import type { RouteTree } from '../app.ts';
import { originOf } from '../request-origin.ts';
import { errorResponses } from '../schemas.ts';
import { RealmParams } from './public-auth.ts';
import { TokensOrStep, toAnswer } from './sign-in-schema.ts';

/**
 * Signing in through a realm's identity provider: an API client's start
 * (`/auth/idp/{idp}/start?redirect_uri=…`), the callback the provider returns to (query or
 * form_post) for API clients and the hosted pages alike (src/pages/interaction-pages.ts starts
 * those), and the API client's exchange of its one-time code. Thin: each calls
 * src/identity-providers/idp-sign-in.ts. The browser that starts keeps a random value in an
 * HttpOnly cookie (src/http/idp-cookie.ts); the callback must come back with it.
 */
/** RFC 7636: a verifier is 43-128 unreserved characters; an S256 challenge is 43 base64url characters. */
const PKCE_PATTERN = '^[A-Za-z0-9_-]{43}$';
export const CodeVerifier = Type.String({ pattern: '^[A-Za-z0-9._~-]{43,128}$', description: 'The PKCE verifier whose S256 challenge the start sent.' });
const ref = (description: string) => Type.String({ minLength: 1, maxLength: 100, description });
const ProviderParams = Type.Object({ realm: RealmParams.properties.realm, idp: ref('Identity provider id or slug.') });
const StartQuery = Type.Object(
  {
    redirect_uri: Type.String({ minLength: 1, maxLength: 2000, description: 'Where the one-time code goes: exactly a redirect URI an enabled application of the realm registered.' }),
    state: Type.Optional(Type.String({ maxLength: 500, description: "The client's own state, returned with the code." })),
    intent: Type.Optional(Type.Union([Type.Literal('sign_in'), Type.Literal('link')], { description: '`sign_in` (default): the code is exchanged for tokens. `link`: a signed-in user exchanges it at POST …/account/identities to link this account.' })),
    login_hint: Type.Optional(Type.String({ maxLength: 320 })),
    code_challenge: Type.String({ pattern: PKCE_PATTERN, description: "PKCE (RFC 7636): the base64url SHA-256 of a random verifier the client keeps; the code's exchange (or link) must bring that verifier." }),
    code_challenge_method: Type.Optional(Type.Literal('S256', { description: 'Only S256 (plain is refused).' })),
  },
  { additionalProperties: false },
);
/** A signed SAML Response with its certificate and many attributes stays well under this (base64 characters). */
const SAML_RESPONSE_LIMIT = 256 * 1024;
/** Whatever the provider sends back (OAuth 2.0 / OIDC parameters, or a form_post body): the usual ones documented, others taken too. */
const callbackValue = (description: string) => Type.Optional(Type.String({ maxLength: 16_384, description }));
const CallbackParams = Type.Object(
  {
    code: callbackValue("The provider's authorization code."),
    state: callbackValue('The state the start sent (checked against this browser).'),
    iss: callbackValue("The provider's issuer (RFC 9207), compared with the provider's."),
    error: callbackValue("The provider's error code, when it refused."),
    error_description: callbackValue("The provider's error text."),
    SAMLResponse: Type.Optional(Type.String({ maxLength: SAML_RESPONSE_LIMIT, description: "A SAML provider's Response (HTTP-POST binding), base64." })),
    RelayState: callbackValue('What a SAML provider returns of the start: its state.'),
  },
  { additionalProperties: Type.String({ maxLength: 16_384 }), maxProperties: 100 },
);
const ExchangeBody = Type.Object(
  {
    code: Type.String({ minLength: 1, maxLength: 200, description: 'The one-time code the redirect URI received.' }),
    redirect_uri: Type.String({ minLength: 1, maxLength: 2000, description: 'The redirect_uri the start named.' }),
    code_verifier: CodeVerifier,
  },
  { additionalProperties: false },
);
const Redirect = Type.Null({ description: 'Redirect to the identity provider (or, after the callback, to the client).' });

const tags = ['identity providers'];

export function publicIdentityProviderRoutes(deps: { lookup: RealmLookup; idpSignIn: IdpSignIn; publicUrl: string }): RouteTree {
  const setCookie = idpCookie(deps.publicUrl);
  const realmOf = (reference: string) => resolveActiveRealm(deps.lookup, reference);

  async function startAndRedirect(reply: FastifyReply, realm: Realm, started: { url: string; state: string; browserSecret: string }) {
    reply.header('set-cookie', setCookie(realm, started.state, started.browserSecret, PENDING_LIFETIME_MS / 1000));
    reply.header('cache-control', 'no-store');
    return reply.redirect(started.url, 302);
  }

  async function callback(request: FastifyRequest<{ Params: Static<typeof ProviderParams> }>, reply: FastifyReply, params: Record<string, string>) {
    const realm = await realmOf(request.params.realm);
    const state = callbackState(params);
    const browserSecret = state ? readCookies(request.raw).get(idpCookieName(state)) : undefined;
    // The cookie has done its work, whatever the outcome.
    if (state) reply.header('set-cookie', setCookie(realm, state, '', 0));
    reply.header('cache-control', 'no-store');
    const outcome = await deps.idpSignIn.callback(realm, request.params.idp, params, browserSecret, originOf(request));
    return reply.redirect(outcome.url, 302);
  }

  return async (app: FastifyInstance) => {
    // A person's browser lands on the callback: what went wrong before the sign-in's page was known is a page.
    showErrorsAsPagesToBrowsers(app);
    app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: SAML_RESPONSE_LIMIT + 64 * 1024 }, (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    });

    app.get<{ Params: Static<typeof ProviderParams>; Querystring: Static<typeof StartQuery> }>(
      '/realms/:realm/auth/idp/:idp/start',
      {
        schema: {
          tags,
          summary: "An API client's sign-in (or link) through an identity provider: the browser goes there and comes back to redirect_uri with a one-time code",
          params: ProviderParams,
          querystring: StartQuery,
          response: { 302: Redirect, ...errorResponses(400, 403, 404, 429) },
        },
      },
      async (request, reply) => {
        const realm = await realmOf(request.params.realm);
        const { redirect_uri: redirectUri, state, intent, login_hint: loginHint, code_challenge: codeChallenge } = request.query;
        const target = { kind: 'client' as const, redirectUri, codeChallenge, intent: intent ?? 'sign_in', ...(state === undefined ? {} : { clientState: state }) };
        const started = await deps.idpSignIn.start(realm, request.params.idp, target, originOf(request), loginHint ? { loginHint } : {});
        return startAndRedirect(reply, realm, started);
      },
    );

    const callbackSchema = (summary: string, part: 'querystring' | 'body') => ({
      schema: { tags, summary, params: ProviderParams, [part]: CallbackParams, response: { 302: Redirect, ...errorResponses(400, 401, 403, 404, 409, 422, 429) } },
    });
    app.get<{ Params: Static<typeof ProviderParams>; Querystring: Static<typeof CallbackParams> }>(
      '/realms/:realm/auth/idp/:idp/callback',
      callbackSchema('Where the identity provider returns (register this URL upstream)', 'querystring'),
      (request, reply) => callback(request, reply, request.query),
    );
    app.post<{ Params: Static<typeof ProviderParams>; Body: Static<typeof CallbackParams> }>(
      '/realms/:realm/auth/idp/:idp/callback',
      callbackSchema('Where the identity provider returns with response_mode form_post', 'body'),
      (request, reply) => callback(request, reply, request.body),
    );

    app.get<{ Params: Static<typeof ProviderParams> }>(
      '/realms/:realm/auth/idp/:idp/saml/metadata',
      {
        schema: {
          tags,
          summary: "A SAML provider's service-provider metadata (its entity id is this URL): import it into the IdP",
          params: ProviderParams,
          produces: ['application/samlmetadata+xml'],
          response: { 200: Type.String({ description: 'SAML 2.0 metadata (EntityDescriptor with an SPSSODescriptor).' }), ...errorResponses(404) },
        },
      },
      async (request, reply) => {
        const realm = await realmOf(request.params.realm);
        const metadata = await deps.idpSignIn.serviceProviderMetadata(realm, request.params.idp);
        return reply.header('content-type', 'application/samlmetadata+xml; charset=utf-8').header('cache-control', 'public, max-age=300').send(metadata);
      },
    );

    app.post<{ Params: Static<typeof RealmParams>; Body: Static<typeof ExchangeBody> }>(
      '/realms/:realm/auth/idp/token',
      {
        schema: {
          tags,
          summary: "An API client exchanges the one-time code of an identity provider's sign-in: tokens, or the next step (a second factor)",
          params: RealmParams,
          body: ExchangeBody,
          response: { 200: TokensOrStep, ...errorResponses(400, 401, 403, 404, 429) },
        },
      },
      async (request) => {
        const realm = await realmOf(request.params.realm);
        return toAnswer(await deps.idpSignIn.exchange(realm, request.body.code, request.body.redirect_uri, request.body.code_verifier, originOf(request)));
      },
    );
  };
}
