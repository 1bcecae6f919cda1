import { checkedSettings } from './fields.ts';
import type { OidcPreset, OidcPresetConfig, OidcQuirks, PresetField, PresetSettings } from './types.ts';

/** What differs between OpenID Connect presets; everything else is discovered from the issuer. */
export interface OidcPresetSpec {
  name: string;
  displayName: string;
  consoleUrl: string;
  fields: PresetField[];
  scopes: string[];
  /** The issuer expected for these (checked) settings; discovery starts from it unless discoveryServer says otherwise. */
  issuerFor(settings: PresetSettings): string;
  /** Where discovery starts when not at the issuer (Entra ID multi-tenant: `…/common/v2.0`). */
  discoveryServer?(settings: PresetSettings): string;
  tokenEndpointAuthMethod: OidcPresetConfig['tokenEndpointAuthMethod'];
  pkce: boolean;
  authorizeParams?: Record<string, string>;
  quirks?: Omit<OidcQuirks, 'issuerFor'>;
}

export function oidcPreset(spec: OidcPresetSpec): OidcPreset {
  const authorizeParams = spec.authorizeParams ?? {};
  return {
    name: spec.name,
    displayName: spec.displayName,
    kind: 'oidc',
    consoleUrl: spec.consoleUrl,
    fields: spec.fields,
    scopes: spec.scopes,
    configFor(settings) {
      const checked = checkedSettings(spec.fields, settings);
      const issuer = spec.issuerFor(checked);
      return {
        issuer,
        discoveryServer: spec.discoveryServer?.(checked) ?? issuer,
        clientId: checked.clientId,
        scopes: [...spec.scopes],
        tokenEndpointAuthMethod: spec.tokenEndpointAuthMethod,
        authorizeParams: { ...authorizeParams },
        formPost: authorizeParams.response_mode === 'form_post',
        pkce: spec.pkce,
      };
    },
    quirks: { ...spec.quirks, issuerFor: spec.issuerFor },
  };
}
