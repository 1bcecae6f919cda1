import { Type, type Static } from '@sinclair/typebox';
import type { KeyRing, RealmLookup } from '../../contracts.ts';
import { MFA_POLICIES } from '../../realms/realm.ts';
import { resolveActiveRealm } from '../../realms/resolve-realm.ts';
import { oneOf } from './realm-schema.ts';
import type { RouteTree } from '../app.ts';
import { errorResponses, Nullable } from '../schemas.ts';

const RealmParams = Type.Object({ realm: Type.String({ minLength: 1, maxLength: 100, description: 'Realm id or slug.' }) });

const PublicRealm = Type.Object({
  id: Type.String(),
  slug: Type.String(),
  name: Type.String(),
  public_info: Type.Object({ display_name: Nullable(Type.String()), description: Nullable(Type.String()), logo_url: Nullable(Type.String()) }),
  sign_in_methods: Type.Array(Type.String(), { description: 'Methods that can start a sign-in here (`sign_in.first_factors`): `password`, `email_otp`, `sms_otp`, `magic_link`, `number_match`, `passkey`.' }),
  second_factors: Type.Array(Type.String(), { description: 'Methods that can serve as the second factor (`totp`, `hotp`, `passkey`, `email_otp`, `sms_otp`, `recovery_code`).' }),
  mfa: oneOf(MFA_POLICIES, '`required`: every user proves a second factor, enrolling one at their next sign-in.'),
  registration_enabled: Type.Boolean(),
  password_policy: Type.Object(
    {
      min_length: Type.Integer({ description: 'The fewest characters a new password may have (Unicode code points after NFKC).' }),
      max_length: Type.Integer({ description: 'The most characters a new password may have; never truncated.' }),
    },
    { description: 'What a sign-up or password page can tell people before they submit; common passwords and ones built on their identifiers are refused too.' },
  ),
});

const optional = (description: string) => Type.Optional(Type.String({ description }));
const Jwk = Type.Object({
  kty: Type.String(),
  kid: Type.String(),
  alg: Type.String(),
  use: Type.String(),
  crv: optional('EC and OKP keys.'),
  x: optional('EC and OKP keys.'),
  y: optional('EC keys.'),
  n: optional('RSA keys.'),
  e: optional('RSA keys.'),
});

/** Clients and resource servers may cache the key set; rotated keys keep verifying far longer than this. */
const JWKS_CACHE_CONTROL = 'public, max-age=300';

/** What anyone may know of a realm: its public face and its public signing keys. Unknown or inactive → 404. */
export function publicRealmRoutes(deps: { lookup: RealmLookup; keys: KeyRing }): RouteTree {
  return async (app) => {
    app.get<{ Params: Static<typeof RealmParams> }>(
      '/realms/:realm',
      { schema: { tags: ['realms'], summary: 'Public information about a realm', params: RealmParams, response: { 200: PublicRealm, ...errorResponses(404) } } },
      async (request) => {
        const realm = await resolveActiveRealm(deps.lookup, request.params.realm);
        return {
          id: realm.id,
          slug: realm.slug,
          name: realm.name,
          public_info: realm.public_info,
          sign_in_methods: realm.sign_in.first_factors,
          second_factors: realm.sign_in.second_factors,
          mfa: realm.sign_in.mfa,
          registration_enabled: realm.users.registration.enabled,
          password_policy: { min_length: realm.password_policy.min_length, max_length: realm.password_policy.max_length },
        };
      },
    );

    app.get<{ Params: Static<typeof RealmParams> }>(
      '/realms/:realm/.well-known/jwks.json',
      {
        schema: {
          tags: ['realms'],
          summary: "The realm's public signing keys (none for HS256 realms)",
          params: RealmParams,
          response: { 200: Type.Object({ keys: Type.Array(Jwk) }), ...errorResponses(404) },
        },
      },
      async (request, reply) => {
        const realm = await resolveActiveRealm(deps.lookup, request.params.realm);
        reply.header('cache-control', JWKS_CACHE_CONTROL);
        return { keys: await deps.keys.jwks(realm.id) };
      },
    );
  };
}
