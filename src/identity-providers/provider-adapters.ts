import type { Kysely } from 'kysely';
import type { Clock } from '../platform/clock.ts';
import { hashToken } from '../platform/opaque-tokens.ts';
import { publicOnlyFetch } from '../platform/safe-post.ts';
import type { SecretBox } from '../platform/secret-box.ts';
import type { Realm } from '../realms/realm.ts';
import { oneTimeTokens } from '../storage/one-time-tokens.ts';
import type { Schema } from '../storage/schema.ts';
import { adapterFor } from './protocols.ts';
import { providerStore } from './provider-store.ts';
import type { IdentityProvider, SamlProtocol } from './provider.ts';
import { serviceProviderMetadata } from './saml/saml-adapter.ts';

export interface ProviderAdapterDeps {
  db: Kysely<Schema>;
  clock: Clock;
  secrets: SecretBox;
  publicUrl: string;
  /** http:// upstreams (tests, development): never in production. */
  allowInsecureUpstreams: boolean;
  fetch?: typeof fetch;
}

const SAML_ASSERTION_TYPE = 'saml_assertion';

/**
 * What this server is to a realm's identity provider: the callback address it registers, the
 * SAML service provider it presents, and the protocol adapter that talks to the provider with the
 * provider's own secret (opened only here) and reaches public addresses only.
 */
export function createProviderAdapters(deps: ProviderAdapterDeps) {
  const { db, clock, secrets } = deps;
  const base = deps.publicUrl.replace(/\/+$/, '');
  const callbackUrl = (realm: Realm, provider: IdentityProvider) => `${base}/realms/${realm.slug}/auth/idp/${provider.slug}/callback`;
  /** A SAML provider's service provider: its entity id is where its metadata is published. */
  const serviceProviderEntityId = (realm: Realm, provider: IdentityProvider) => `${base}/realms/${realm.slug}/auth/idp/${provider.slug}/saml/metadata`;
  // Providers are reached at public addresses only (loopback too where insecure upstreams are allowed, for development).
  const upstreamFetch = publicOnlyFetch(deps.fetch ?? globalThis.fetch, deps.allowInsecureUpstreams);
  const openSecret = async (realm: Realm, provider: IdentityProvider) => {
    const sealed = await providerStore.sealedSecret(db, realm.id, provider.id);
    return sealed === null ? undefined : secrets.open(sealed);
  };

  return {
    callbackUrl,

    async adapterOf(realm: Realm, provider: IdentityProvider) {
      const ctx = {
        now: () => clock.now(),
        allowInsecure: deps.allowInsecureUpstreams,
        fetch: upstreamFetch,
        serviceProvider: {
          entityId: serviceProviderEntityId(realm, provider),
          // A used SAML assertion id, kept (hashed, per realm and provider) until it would have expired anyway.
          firstUse: (assertionId: string, until: number) =>
            oneTimeTokens.recordOnce(db, { tokenHash: hashToken(`${realm.id}.${provider.id}.${assertionId}`), realmId: realm.id, type: SAML_ASSERTION_TYPE, subject: provider.id, createdAt: clock.now(), expiresAt: until }),
        },
      };
      return adapterFor(provider, await openSecret(realm, provider), ctx);
    },

    /** A SAML provider's service-provider metadata (the caller checked it is one), for the enterprise to import into its IdP. */
    async samlMetadata(realm: Realm, provider: IdentityProvider): Promise<string> {
      return serviceProviderMetadata(provider.protocol as SamlProtocol, await openSecret(realm, provider), serviceProviderEntityId(realm, provider), callbackUrl(realm, provider));
    },
  };
}
