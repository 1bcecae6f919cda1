/**
 * A browser stand-in for the OpenID Connect tests: follows nothing by itself (each redirect is
 * asserted), keeps cookies by name, path and the Secure/HttpOnly/SameSite attributes as set, and
 * plays the hosted pages' part of an interaction through OidcInteractions, as the pages module does.
 */
import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import type { PageSignIn, RawExchange } from '../../src/contracts.ts';
import type { Realm } from '../../src/realms/realm.ts';
import type { OidcTestServer } from './oidc-fixtures.ts';

interface Cookie {
  value: string;
  path: string;
  attributes: string;
}

export class BrowserAgent {
  readonly cookies = new Map<string, Cookie>();
  readonly baseUrl: string;

  constructor(baseUrl: string) {
    this.baseUrl = baseUrl;
  }

  /** Cookies a browser would send to this path (path-prefix matching, as RFC 6265 §5.1.4). */
  cookieHeader(path: string): string {
    return [...this.cookies.entries()]
      .filter(([, cookie]) => path === cookie.path || path.startsWith(cookie.path.endsWith('/') ? cookie.path : `${cookie.path}/`))
      .map(([name, cookie]) => `${name}=${cookie.value}`)
      .join('; ');
  }

  async get(url: string, init: RequestInit = {}): Promise<Response> {
    const target = new URL(url, this.baseUrl);
    const headers = new Headers(init.headers);
    const cookie = this.cookieHeader(target.pathname);
    if (cookie) headers.set('cookie', cookie);
    const response = await fetch(target, { ...init, headers, redirect: 'manual' });
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';').map((part) => part.trim());
      const [name, ...value] = pair.split('=');
      const path = attributes.find((a) => a.toLowerCase().startsWith('path='))?.slice(5) ?? '/';
      const expired = attributes.some((a) => /^expires=Thu, 01 Jan 1970/i.test(a)) || value.join('=') === '';
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, { value: value.join('='), path, attributes: attributes.join('; ') });
    }
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
