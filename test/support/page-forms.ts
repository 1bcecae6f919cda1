/**
 * Posting a hosted page's form without a browser: the CSRF cookie a browser would hold for the
 * realm and the form field that matches it, made by the server's own page security.
 */
import type { IncomingMessage } from 'node:http';
import type { Services } from '../../src/compose.ts';

export function csrfFor(services: Pick<Services, 'pageSecurity'>, realmId: string): { cookie: string; field: string } {
  const { token, setCookie } = services.pageSecurity.csrf(realmId, { headers: {} } as IncomingMessage);
  return { cookie: (setCookie ?? '').split(';')[0], field: token };
}

/** Headers and payload of a posted form carrying a valid CSRF field. */
export function csrfForm(services: Pick<Services, 'pageSecurity'>, realmId: string, fields: Record<string, string>) {
  const { cookie, field } = csrfFor(services, realmId);
  return {
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    payload: new URLSearchParams({ ...fields, csrf: field }).toString(),
  };
}
