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
  { href: '/console', title: 'Admin console', text: 'Realms, users, sessions and live events in the browser, for operators.' },
  { href: '/docs', title: 'API reference', text: 'Every endpoint with its request and response, to read and to try.' },
  { href: '/openapi.json', title: 'OpenAPI document', text: 'The OpenAPI 3.1 description, for clients and code generators.' },
  { href: '/health', title: 'Health', text: 'Version, uptime, memory and whether the database answers.' },
];

/** Whole, with the server's public URL, so that it works as written once the address and password are filled in. */
function signInCommand(publicUrl: string): string {
  return `curl -X POST ${publicUrl}/realms/admin/auth/login \\
  -H 'content-type: application/json' \\
  -d '{"identifier":"…","password":"…"}'`;
}

function landingBody(version: string, publicUrl: string): string {
  const links = destinations
    .map((d) => `<li><a href="${escapeHtml(d.href)}"><strong>${escapeHtml(d.title)}</strong><small>${escapeHtml(d.text)}</small></a></li>`)
    .join('');
  return `<h1>Keyrealm is running <span class="version">v${escapeHtml(version)}</span></h1>
<p>A self-hosted identity service: realms of users, sign-in, second factors and tokens, managed through one admin API.</p>
<ul class="links">${links}</ul>
<h2>Signing in as an operator</h2>
<p>Operators are the users of the built-in <code>admin</code> realm. The first one was created at the first start: unless <code>KEYREALM_ADMIN_PASSWORD</code> chose its password, its address and a random password were printed once to the server's console, with this command ready to paste (the README's <em>Quick start</em> says how to choose them). Sign in for an access token, then send it as <code>Authorization: Bearer …</code> to the <code>/admin/v1</code> API:</p>
<pre><code>${escapeHtml(signInCommand(publicUrl))}</code></pre>`;
}

export function landingPageRoutes(deps: { version: string; publicUrl: string }): RouteTree {
  const body = landingBody(deps.version, deps.publicUrl);
  return async (app) => {
    app.get('/', { schema: { hide: true } }, async (_request, reply) => sendServerPage(reply, 'Welcome', body, { wide: true }));
  };
}
