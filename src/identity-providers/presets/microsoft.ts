import { isTrue } from '../oauth2-profile.ts';
import type { OidcProtocol } from '../presets.ts';
import type { UpstreamProfile } from '../upstream.ts';
import { clientIdNeed, clientSecretNeed, defaultsOf, discoveryAtIssuer, standardOidcProfile } from './common.ts';
import type { OidcPresetEntry } from './types.ts';

/**
 * Microsoft Entra ID (v2.0 endpoints). A single-tenant app names its tenant id; a multi-tenant one
 * uses `common` (work, school and personal accounts) or `organizations` (work and school only),
 * whose discovery document gives the issuer as a template, `https://login.microsoftonline.com/{tenantid}/v2.0`.
 * Each ID token's `iss` must then be that template filled with the token's own `tid` — anything
 * else (another host, the v1 `sts.windows.net` issuer, an iss naming a tenant other than tid) is
 * another issuer. `consumers` (personal accounts only) is the fixed tenant of Microsoft accounts.
 */
const AUTHORITY = 'https://login.microsoftonline.com';
const TEMPLATE = `${AUTHORITY}/{tenantid}/v2.0`;
/** The tenant every personal Microsoft account signs in from. */
export const MICROSOFT_CONSUMERS_TENANT = '9188040d-6c67-4c5b-b112-36a304b66dad';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const isGuid = (value: unknown): value is string => typeof value === 'string' && GUID.test(value);

/** The tenant the stored issuer names (`https://login.microsoftonline.com/{tenant}/v2.0`). */
function tenantOf(protocol: OidcProtocol): string | undefined {
  const match = /^https:\/\/login\.microsoftonline\.com\/([^/]+)\/v2\.0$/.exec(protocol.issuer);
  return match?.[1].toLowerCase();
}

/** Whether `iss` is the issuer of the token's own tenant, and that tenant is one the provider admits. */
export function microsoftIssuerMatches(iss: string, claims: Readonly<Record<string, unknown>>, protocol: OidcProtocol): boolean {
  const tenant = tenantOf(protocol);
  const tid = claims.tid;
  if (tenant === undefined || !isGuid(tid)) return false;
  if (iss !== TEMPLATE.replace('{tenantid}', tid)) return false;
  switch (tenant) {
    case 'common':
      return true;
    case 'organizations':
      return tid !== MICROSOFT_CONSUMERS_TENANT;
    case 'consumers':
      return tid === MICROSOFT_CONSUMERS_TENANT;
    default:
      return tid === tenant;
  }
}

/** Entra ID's `email` is whatever the tenant's admin typed, never verified (the "nOAuth" takeover):
 * it counts as verified only with the optional claim xms_edov (the domain's owner verified it). */
export function microsoftProfile(claims: Readonly<Record<string, unknown>>): UpstreamProfile {
  const profile = standardOidcProfile(claims);
  return { ...profile, emailVerified: profile.email !== undefined && isTrue(claims.xms_edov) };
}

export const microsoft = {
  name: 'microsoft',
  displayName: 'Microsoft',
  kind: 'oidc',
  consoleUrl: 'https://entra.microsoft.com/#view/Microsoft_AAD_RegisteredApps/ApplicationsListBlade',
  needs: [
    clientIdNeed("The app registration's Application (client) ID."),
    clientSecretNeed("A client secret's Value (Certificates & secrets), not its ID."),
    { field: 'tenant', required: true, help: 'The Directory (tenant) ID for a single-tenant app; organizations (any work or school account), common (those and personal accounts) or consumers (personal accounts only).' },
  ],
  defaults: defaultsOf('microsoft'),
  quirks: { ...discoveryAtIssuer, issuerMatches: microsoftIssuerMatches, profileFrom: microsoftProfile },
} satisfies OidcPresetEntry;
