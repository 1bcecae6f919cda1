import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { OidcProtocol } from '../../../src/identity-providers/presets.ts';
import { presetTable } from '../../../src/identity-providers/presets/index.ts';
import { MICROSOFT_CONSUMERS_TENANT } from '../../../src/identity-providers/presets/microsoft.ts';

const TENANT_A = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const TENANT_B = 'f8cdef31-a31e-4b4a-93e4-5f571e91255a';
const v2 = (tenant: string) => `https://login.microsoftonline.com/${tenant}/v2.0`;
/** The provider's stored settings, as the admin API makes them from preset_settings. */
const protocolFor = (tenant: string) => presetTable.microsoft.defaults({ client_id: 'app', tenant }).protocol as OidcProtocol;

describe('Microsoft preset', () => {
  const { issuerFor, issuerMatches, profileFrom, discoveryServer } = presetTable.microsoft.quirks;
  const matches = (tenant: string, iss: string, tid: unknown) => issuerMatches(iss, { tid }, protocolFor(tenant));

  it("multi-tenant (common) expects the {tenantid} template, filled with the token's own tid", () => {
    const protocol = protocolFor('common');
    assert.equal(issuerFor(protocol), 'https://login.microsoftonline.com/{tenantid}/v2.0');
    assert.equal(discoveryServer(protocol), 'https://login.microsoftonline.com/common/v2.0');
    assert.equal(matches('common', v2(TENANT_A), TENANT_A), true);
    assert.equal(matches('common', v2(MICROSOFT_CONSUMERS_TENANT), MICROSOFT_CONSUMERS_TENANT), true);
  });

  it('multi-tenant refuses an iss of another tenant than tid, another template, another host or the template itself', () => {
    assert.equal(matches('common', v2(TENANT_B), TENANT_A), false, 'iss of tenant B on a token of tenant A');
    assert.equal(matches('common', `https://sts.windows.net/${TENANT_A}/`, TENANT_A), false, 'the v1 issuer template');
    assert.equal(matches('common', `https://login.microsoftonline.com/${TENANT_A}/v2.0/`, TENANT_A), false, 'a trailing slash is another issuer');
    assert.equal(matches('common', `https://login.microsoftonline.com.evil.example/${TENANT_A}/v2.0`, TENANT_A), false, 'another host');
    assert.equal(matches('common', 'https://login.microsoftonline.com/{tenantid}/v2.0', '{tenantid}'), false, 'the unfilled template');
    assert.equal(matches('common', v2('common'), 'common'), false, 'a tid that is not a tenant id');
    assert.equal(matches('common', v2(TENANT_A), undefined), false, 'no tid');
  });

  it('organizations admits every work or school tenant but no personal account', () => {
    assert.equal(matches('organizations', v2(TENANT_A), TENANT_A), true);
    assert.equal(matches('organizations', v2(MICROSOFT_CONSUMERS_TENANT), MICROSOFT_CONSUMERS_TENANT), false);
  });

  it('single tenant expects its own issuer only; consumers is the fixed tenant of personal accounts', () => {
    const protocol = protocolFor(TENANT_A);
    assert.equal(issuerFor(protocol), v2(TENANT_A));
    assert.equal(discoveryServer(protocol), v2(TENANT_A));
    assert.equal(matches(TENANT_A, v2(TENANT_A), TENANT_A), true);
    assert.equal(matches(TENANT_A, v2(TENANT_B), TENANT_B), false, 'a well-formed token of another tenant');
    assert.equal(matches(TENANT_A.toUpperCase(), v2(TENANT_A), TENANT_A), true, 'the tenant id as the admin typed it');
    assert.equal(matches('consumers', v2(MICROSOFT_CONSUMERS_TENANT), MICROSOFT_CONSUMERS_TENANT), true);
    assert.equal(matches('consumers', v2(TENANT_A), TENANT_A), false);
  });

  it('a provider whose issuer is not an Entra ID v2.0 issuer matches nothing', () => {
    const protocol = { ...protocolFor('common'), issuer: 'https://login.example.com/common/v2.0' };
    assert.equal(issuerMatches(v2(TENANT_A), { tid: TENANT_A }, protocol), false);
  });

  it('counts the email as verified only with xms_edov, never from email alone (nOAuth)', () => {
    const claims = { sub: 's1', tid: TENANT_A, email: 'ceo@victim.example', email_verified: true, name: 'Mallory' };
    assert.equal(profileFrom(claims).emailVerified, false);
    assert.equal(profileFrom({ ...claims, xms_edov: true }).emailVerified, true);
    assert.equal(profileFrom({ ...claims, xms_edov: false }).emailVerified, false);
  });
});
