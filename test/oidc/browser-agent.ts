/**
 * A browser stand-in for the OpenID Connect tests: follows nothing by itself (each redirect is
 * asserted), keeps cookies by name, path and the Secure/HttpOnly/SameSite attributes as set, and
 * plays the hosted pages' part of an interaction through OidcInteractions, as the pages module does.
 */
import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import type { PageSignIn, RawExchange } from '../../src/contracts.ts';
import type { Realm } from '../../src/realms/realm.ts';
import { CookieJar } from '../support/cookie-jar.ts';
import type { OidcTestServer } from './oidc-fixtures.ts';

export class BrowserAgent extends CookieJar {
  readonly baseUrl: string;

  constructor(baseUrl: string) {
    super();
    this.baseUrl = baseUrl;
  }

  async get(url: string, init: RequestInit = {}): Promise<Response> {
    const target = new URL(url, this.baseUrl);
    const headers = new Headers(init.headers);
    const cookie = this.cookieHeader(target.pathname);
    if (cookie) headers.set('cookie', cookie);
    const response = await fetch(target, { ...init, headers, redirect: 'manual' });
    for (const line of response.headers.getSetCookie()) this.keep(line);
    return response;
  }

  /** The request the hosted page at `url` would receive, with the cookies the browser sends there. */
  exchange(url: string): RawExchange {
    const target = new URL(url, this.baseUrl);
    const req = new IncomingMessage(new Socket());
    req.method = 'GET';
    req.url = `${target.pathname}${target.search}`;
    req.headers = { host: target.host, cookie: this.cookieHeader(target.pathname) };
    return { req, res: new ServerResponse(req) };
  }
}

/** The location a response redirects to, asserted to be a redirect. */
export function locationOf(response: Response): string {
  const location = response.headers.get('location');
  if (response.status < 300 || response.status >= 400 || !location) throw new Error(`expected a redirect, got ${response.status}: ${location}`);
  return location;
}

/** Signs in at an interaction as the hosted pages would, then follows the provider to the application's redirect. */
export async function signInAtInteraction(server: OidcTestServer, agent: BrowserAgent, realm: Realm, interactionUrl: string, signIn: PageSignIn): Promise<string> {
  const resume = await server.services.oidc.interactions.signedIn(realm, agent.exchange(interactionUrl), signIn);
  return locationOf(await agent.get(resume));
}
