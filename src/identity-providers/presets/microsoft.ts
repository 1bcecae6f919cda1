import { isTrue } from '../oauth2-profile.ts';
import { clientIdField, clientSecretField, standardOidcProfile } from './fields.ts';
import { oidcPreset } from './oidc-preset.ts';
import type { PresetSettings } from './types.ts';

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
const GUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const isGuid = (value: unknown): value is string => typeof value === 'string' && new RegExp(`^${GUID}$`).test(value);

const fields = [
  clientIdField,
  clientSecretField,
  {
    key: 'tenant',
    label: 'Tenant',
    secret: false,
    required: true,
    pattern: `^(${GUID}|common|organizations|consumers)$`,
    help: 'Your directory (tenant) id for a single-tenant app; "organizations" for any work or school account, "common" to add personal accounts, "consumers" for personal accounts only.',
  },
];

const isMultiTenant = (tenant: string | undefined) => tenant === 'common' || tenant === 'organizations';
/** The tenant as it appears in the issuer: consumers is one fixed tenant. */
const issuerTenant = (tenant: string) => (tenant === 'consumers' ? MICROSOFT_CONSUMERS_TENANT : tenant);

function issuerFor(settings: PresetSettings): string {
  const tenant = settings.tenant ?? '';
  return isMultiTenant(tenant) ? TEMPLATE : `${AUTHORITY}/${issuerTenant(tenant)}/v2.0`;
}

/** Whether `iss` is the issuer of the token's own tenant, and that tenant is one these settings admit. */
export function microsoftIssuerMatches(iss: string, claims: Readonly<Record<string, unknown>>, settings: PresetSettings): boolean {
  const tenant = settings.tenant;
  const tid = claims.tid;
  if (!tenant || !isGuid(tid)) return false;
  if (!isMultiTenant(tenant)) return tid === issuerTenant(tenant) && iss === `${AUTHORITY}/${tid}/v2.0`;
  // organizations admits no personal account; common admits every tenant.
  if (tenant === 'organizations' && tid === MICROSOFT_CONSUMERS_TENANT) return false;
  return iss === TEMPLATE.replace('{tenantid}', tid);
}

export const microsoft = oidcPreset({
  name: 'microsoft',
  displayName: 'Microsoft',
  consoleUrl: 'https://entra.microsoft.com/#view/Microsoft_AAD_RegisteredApps/ApplicationsListBlade',
  fields,
  scopes: ['openid', 'profile', 'email'],
  issuerFor,
  discoveryServer: (settings) => `${AUTHORITY}/${settings.tenant}/v2.0`,
  tokenEndpointAuthMethod: 'client_secret_post',
  pkce: true,
  quirks: {
    issuerMatches: microsoftIssuerMatches,
    profileFrom(claims) {
      const profile = standardOidcProfile(claims);
      // Entra ID's `email` is whatever the tenant's admin typed, never verified (the "nOAuth" takeover):
      // it counts as verified only with the optional claim xms_edov (the domain's owner verified it).
      return { ...profile, emailVerified: profile.email !== undefined && isTrue(claims.xms_edov) };
    },
  },
});
