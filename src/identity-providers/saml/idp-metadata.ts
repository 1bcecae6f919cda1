import { X509Certificate } from 'node:crypto';
import { AppError } from '../../errors.ts';
import { once } from '../../platform/lazy.ts';
import { checkUrl, type SamlProtocol } from '../provider.ts';
import { xmlParser, xpath } from './xml.ts';
import { makeRoom } from '../../platform/lru-cache.ts';

/**
 * What the service provider needs to know of a SAML IdP: its entity id (the issuer its responses
 * must name), where to send AuthnRequests (the HTTP-Redirect binding of its SSO service) and the
 * certificates its signatures must verify against. Read from its metadata document (given, or
 * fetched from its URL and kept a while), or taken as the operator gave them.
 */
export interface IdpDescriptor {
  entityId: string;
  ssoUrl: string;
  certificates: string[];
}

const REDIRECT_BINDING = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect';
const select = once(() => xpath().useNamespaces({ md: 'urn:oasis:names:tc:SAML:2.0:metadata', ds: 'http://www.w3.org/2000/09/xmldsig#' }));
/** Metadata fetched from a URL is read again after this long (ms): certificates roll over. */
const METADATA_TTL_MS = 10 * 60_000;
/** As much of a metadata document as is read (bytes), as for a stored one. */
const MAX_METADATA_BYTES = 256 * 1024;

const unusable = (reason: string) => new AppError('idp.upstream_error', `The identity provider's SAML metadata cannot be used: ${reason}.`);

/** Certificates as PEM or bare base64 DER: the base64 body alone, without spaces, as node-saml takes it. */
export const certificateBody = (text: string) => text.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '');

export function parseIdpMetadata(xml: string): IdpDescriptor {
  let document;
  try {
    // No external entities or DTDs are resolved by xmldom; errors (not warnings) refuse the document.
    document = xmlParser({ errorHandler: { error: (message: string) => { throw new Error(message); }, fatalError: (message: string) => { throw new Error(message); } } }).parseFromString(xml, 'text/xml');
  } catch {
    throw unusable('it is not well-formed XML');
  }
  const entity = select()('//md:EntityDescriptor[md:IDPSSODescriptor][1]', document, true) as Element | undefined;
  if (!entity) throw unusable('it describes no identity provider (IDPSSODescriptor)');
  const entityId = entity.getAttribute('entityID');
  const sso = select()(`md:IDPSSODescriptor/md:SingleSignOnService[@Binding='${REDIRECT_BINDING}']/@Location`, entity, true) as Attr | undefined;
  const certificates = (select()("md:IDPSSODescriptor/md:KeyDescriptor[not(@use) or @use='signing']/ds:KeyInfo/ds:X509Data/ds:X509Certificate/text()", entity) as Node[])
    .map((node) => certificateBody(node.nodeValue ?? ''))
    .filter((body) => body.length > 0);
  if (!entityId) throw unusable('its EntityDescriptor has no entityID');
  if (!sso?.value) throw unusable('it has no SingleSignOnService with the HTTP-Redirect binding');
  if (certificates.length === 0) throw unusable('it names no signing certificate');
  if (!certificates.every(readableCertificate)) throw unusable('a signing certificate in it is not an X.509 certificate');
  if (!acceptableSsoUrl(sso.value)) throw unusable('its SingleSignOnService is not an https URL');
  return { entityId, ssoUrl: sso.value, certificates };
}

/** Reads an IdP's metadata URL (public addresses only: the caller's fetch) up to the size bound. */
async function fetchMetadata(url: string, fetch: typeof globalThis.fetch): Promise<string> {
  let answer: Response;
  try {
    answer = await fetch(url, { redirect: 'error', signal: AbortSignal.timeout(10_000) });
  } catch {
    throw unusable(`${url} did not answer`);
  }
  if (!answer.ok || !answer.body) throw unusable(`${url} answered ${answer.status}`);
  const reader = answer.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await reader.read();
    } catch {
      // Cut off, or past the timeout.
      throw unusable(`${url} did not answer in full`);
    }
    if (chunk.done) break;
    size += chunk.value.byteLength;
    if (size > MAX_METADATA_BYTES) {
      await reader.cancel();
      throw unusable(`${url} is larger than ${MAX_METADATA_BYTES / 1024} KiB`);
    }
    chunks.push(chunk.value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

const fetched = new Map<string, { descriptor: IdpDescriptor; until: number }>();
const MAX_FETCHED = 1000;

/** Whether text (PEM or base64 DER) holds an X.509 certificate. */
export function readableCertificate(text: string): boolean {
  try {
    new X509Certificate(Buffer.from(certificateBody(text), 'base64'));
    return true;
  } catch {
    return false;
  }
}

/** The rule every provider URL follows (provider.ts checkUrl): https, or http on loopback; no credentials. */
function acceptableSsoUrl(value: string): boolean {
  try {
    checkUrl(value, 'sso_url');
    return true;
  } catch {
    return false;
  }
}

/**
 * The IdP as its settings describe it: explicit fields, stored metadata, or metadata fetched from
 * its URL, kept ten minutes for this `revision` of the provider (its realm, id and version): a
 * change of any of the provider's settings fetches anew on every instance (a save that changes
 * nothing is no new version), and no realm is answered from another realm's fetch.
 */
export async function idpDescriptor(protocol: SamlProtocol, revision: string, fetch: typeof globalThis.fetch, now: number): Promise<IdpDescriptor> {
  if (protocol.metadata_xml !== undefined) return parseIdpMetadata(protocol.metadata_xml);
  if (protocol.metadata_url !== undefined) {
    const key = `${revision} ${protocol.metadata_url}`;
    const kept = fetched.get(key);
    if (kept && kept.until > now) return kept.descriptor;
    const descriptor = parseIdpMetadata(await fetchMetadata(protocol.metadata_url, fetch));
    // A bounded cache: the oldest entries go first (a Map keeps insertion order).
    fetched.delete(key);
    makeRoom(fetched, MAX_FETCHED);
    fetched.set(key, { descriptor, until: now + METADATA_TTL_MS });
    return descriptor;
  }
  return { entityId: protocol.entity_id ?? '', ssoUrl: protocol.sso_url ?? '', certificates: (protocol.certificates ?? []).map(certificateBody) };
}
