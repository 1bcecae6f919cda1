import type { RouteTree } from '../app.ts';
import { escapeHtml, sendServerPage } from './page-layout.ts';

/**
 * `GET /`: what a person opening the server's address finds, instead of the API's JSON 404.
 * The places worth going are one list, so the console and hosted sign-in pages join it as a line each.
 */
interface Destination {
  href: string;
  title: string;
  text: string;
}

const destinations: Destination[] = [
  { href: '/docs', title: 'API reference', text: 'Every endpoint with its request and response, to read and to try.' },
  { href: '/openapi.json', title: 'OpenAPI document', text: 'The OpenAPI 3.1 description, for clients and code generators.' },
  { href: '/health', title: 'Health', text: 'Version, uptime, memory and whether the database answers.' },
];

const SIGN_IN = `curl -X POST /realms/admin/auth/login \\
  -H 'content-type: application/json' \\
  -d '{"identifier":"admin@localhost","password":"…"}'`;

function landingBody(version: string): string {
  const links = destinations
    .map((d) => `<li><a href="${escapeHtml(d.href)}"><strong>${escapeHtml(d.title)}</strong><small>${escapeHtml(d.text)}</small></a></li>`)
    .join('');
  return `<h1>Keyrealm is running <span class="version">v${escapeHtml(version)}</span></h1>
<p>A self-hosted identity service: realms of users, sign-in, second factors and tokens, managed through one admin API.</p>
<ul class="links">${links}</ul>
<h2>Signing in as an operator</h2>
<p>Operators are the users of the built-in <code>admin</code> realm. The first one was created at the first start: its address is <code>KEYREALM_ADMIN_EMAIL</code> (or <code>admin@localhost</code>) and its password was printed once to the server's console, unless <code>KEYREALM_ADMIN_PASSWORD</code> chose it. Sign in for an access token, then send it as <code>Authorization: Bearer …</code> to the <code>/admin/v1</code> API:</p>
<pre><code>${escapeHtml(SIGN_IN)}</code></pre>`;
}

export function landingPageRoutes(deps: { version: string }): RouteTree {
  const body = landingBody(deps.version);
  return async (app) => {
    app.get('/', { schema: { hide: true } }, async (_request, reply) => sendServerPage(reply, 'Welcome', body, { wide: true }));
  };
}
