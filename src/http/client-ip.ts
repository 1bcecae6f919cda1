import type { IncomingMessage } from 'node:http';
import proxyAddr from '@fastify/proxy-addr';

export type TrustProxy = boolean | number | string[];

/**
 * The client's address exactly as Fastify's `request.ip` gives it under the same `trustProxy`
 * (fastify/lib/request.js), for requests served in front of Fastify (src/http/oidc-front.ts):
 * X-Forwarded-For is believed only through trusted proxies, and a bare hop count trusts none
 * (Fastify fails closed there, since a count cannot check the immediate peer).
 * test/http/oidc-front.test.ts holds the two to the same answers.
 */
export function clientIpResolver(trustProxy: TrustProxy): (request: IncomingMessage) => string | undefined {
  if (!trustProxy) return (request) => request.socket.remoteAddress;
  const trusted = trustProxy === true ? () => true : typeof trustProxy === 'number' ? () => false : proxyAddr.compile(trustProxy);
  return (request) => {
    const addresses = proxyAddr.all(request, trusted);
    return addresses[addresses.length - 1];
  };
}
