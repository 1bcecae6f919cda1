import type { IncomingMessage } from 'node:http';
import type { RequestOrigin } from '../events/event-log.ts';

/**
 * Who made each request the provider serves, as the HTTP layer determined it (the client's IP
 * through trusted proxies only, and its agent): events and sign-outs inside oidc-provider record it
 * from the raw request they see. Entries go with their requests (weakly held).
 */
const origins = new WeakMap<IncomingMessage, RequestOrigin>();

export function rememberOrigin(req: IncomingMessage, origin: RequestOrigin): void {
  origins.set(req, origin);
}

export function originOfRequest(req: IncomingMessage | undefined): RequestOrigin {
  return (req && origins.get(req)) ?? { ip: null, userAgent: null };
}
