/**
 * The realm document's format: its name and version, and the shape of each section an import
 * checks before it writes anything of it. Shapes give types and bounds; the rules of each kind of
 * thing (a role's slug, an application's redirect URIs, a template's variables…) are checked by
 * the same functions the admin API uses, in src/portability/realm-import.ts.
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { Ajv } from 'ajv';
import { applicationLimits } from '../applications/application.ts';
import { roleLimits } from '../authorization/role.ts';
import { AppError } from '../errors.ts';
import { once } from '../platform/lazy.ts';
import { providerLimits } from '../identity-providers/provider.ts';
import { userLimits } from '../users/user-fields.ts';

export const REALM_EXPORT_FORMAT = 'keyrealm.realm/1';

const text = (maxLength = 1000) => Type.String({ maxLength });
const nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
/** Epoch milliseconds within JavaScript's dates (and so within bigint columns). */
const time = Type.Integer({ minimum: 0, maximum: 8_640_000_000_000_000 });
/** Within integer columns. */
const count = Type.Integer({ minimum: 0, maximum: 2_147_483_647 });
// Never `.` or `..`: an id is a URL path segment, and those resolve to another path.
const id = Type.String({ minLength: 1, maxLength: 100, pattern: '^(?!\\.{1,2}$)[A-Za-z0-9_.:|-]+$' });
const json = Type.Unknown();
/** Sub-records are closed: a key the format does not have is refused, never written. */
const closed = { additionalProperties: false } as const;

const SecretsHeader = Type.Object({ kdf: Type.Literal('scrypt'), ln: Type.Integer({ minimum: 1, maximum: 64 }), r: Type.Integer({ minimum: 1, maximum: 64 }), p: Type.Integer({ minimum: 1, maximum: 64 }), salt: text(100), check: text(500) }, closed);

const SigningKey = Type.Object({
  id,
  algorithm: Type.Union([Type.Literal('ES256'), Type.Literal('EdDSA'), Type.Literal('RS256'), Type.Literal('HS256')]),
  /** Written for reading; an import derives the public key from the private one instead. */
  public_jwk: json,
  private_material: text(20_000),
  state: Type.Union([Type.Literal('active'), Type.Literal('retired')]),
  created_at: time,
  retired_at: nullable(time),
  verify_until: nullable(time),
}, closed);

const Template = Type.Object({ type: text(100), subject: text(100_000), html: text(100_000), text: text(100_000) }, closed);
const Role = Type.Object({
  id,
  slug: text(100),
  display_name: nullable(text()),
  description: nullable(text(10_000)),
  active: Type.Boolean(),
  permissions: Type.Array(text(), { maxItems: 1000 }),
  includes: Type.Array(id, { maxItems: 1000 }),
}, closed);
const Tenant = Type.Object({ id, slug: text(100), name: text(1000), active: Type.Boolean(), custom: Type.Record(Type.String(), json) }, closed);
const texts = (max = 100) => Type.Array(text(2000), { maxItems: max });
const Application = Type.Object(
  {
    client_id: id,
    kind: text(40),
    name: text(),
    logo_url: nullable(text(2000)),
    enabled: Type.Boolean(),
    redirect_uris: texts(),
    post_logout_redirect_uris: texts(),
    cors_origins: texts(),
    grant_types: texts(),
    scopes: texts(),
    consent: text(40),
    access_token_audience: nullable(text(2000)),
    access_token_minutes: nullable(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
    refresh_token_days: nullable(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
    token_endpoint_auth_method: text(40),
    jwks: nullable(Type.Record(Type.String(), json)),
    jwks_uri: nullable(text(2000)),
    backchannel_logout_uri: nullable(text(2000)),
    frame_origins: texts(),
    secret_hash: nullable(text(200)),
  },
  { additionalProperties: true },
);
const IdentityProvider = Type.Object(
  {
    id,
    slug: text(100),
    kind: text(20),
    preset: nullable(text(40)),
    display_name: text(),
    icon_url: nullable(text(2000)),
    position: Type.Integer({ minimum: -1_000_000, maximum: 1_000_000 }),
    enabled: Type.Boolean(),
    protocol: Type.Record(Type.String(), json),
    rules: Type.Record(Type.String(), json),
    secret: nullable(text(20_000)),
    created_at: time,
  },
  { additionalProperties: true },
);

/** Found by review: an algorithm or state no factor has was written as given, and the factor's checks answered 500. */
const oneOf = (values: string[]) => Type.Union(values.map((value) => Type.Literal(value)));
const factorFields = {
  name: text(200),
  state: oneOf(['pending', 'active']),
  secret: text(1000),
  digits: Type.Integer({ minimum: 6, maximum: 8 }),
  algorithm: oneOf(['SHA1', 'SHA256', 'SHA512']),
  last_used_step: nullable(Type.Integer({ minimum: 0, maximum: 8_640_000_000_000_000 })),
  resync_counter: nullable(count),
  resync_until: nullable(time),
  created_at: time,
  confirmed_at: nullable(time),
  last_used_at: nullable(time),
};
/** A TOTP factor has a period and no counter; an HOTP factor a counter and no period. */
const Factor = Type.Union([
  Type.Object({ type: Type.Literal('totp'), period: Type.Integer({ minimum: 1, maximum: 600 }), counter: Type.Null(), ...factorFields }, closed),
  Type.Object({ type: Type.Literal('hotp'), period: Type.Null(), counter: count, ...factorFields }, closed),
]);
const Passkey = Type.Object({
  credential_id: text(2000),
  public_key: text(5000),
  sign_count: count,
  transports: Type.Array(text(40), { maxItems: 20 }),
  aaguid: text(100),
  backed_up: Type.Boolean(),
  device_type: text(40),
  name: text(200),
  created_at: time,
  last_used_at: nullable(time),
}, closed);
const RoleHeld = Type.Object({ role_id: id, starts_at: time, ends_at: nullable(time), created_at: time }, closed);
const Membership = Type.Object({ tenant_id: id, roles: Type.Array(text(100), { maxItems: 1000 }), created_at: time }, closed);
const Identity = Type.Object({ id, provider_id: id, subject: text(1000), email: nullable(text(320)), created_at: time, last_used_at: nullable(time) }, closed);

/** A user as the document holds one: the profile (checked as `POST …/users` checks one) and what comes with it. */
export const UserRecord = Type.Object(
  {
    id,
    password_hash: nullable(text(1024)),
    locked: Type.Boolean(),
    locked_reason: nullable(text(userLimits.lockedReasonLength)),
    signed_up: Type.Boolean(),
    last_login_at: nullable(time),
    created_at: time,
    created_by: nullable(text(100)),
    factors: Type.Array(Factor, { maxItems: 100 }),
    passkeys: Type.Array(Passkey, { maxItems: 100 }),
    roles: Type.Array(RoleHeld, { maxItems: 1000 }),
    tenants: Type.Array(Membership, { maxItems: 1000 }),
    identities: Type.Array(Identity, { maxItems: 100 }),
  },
  { additionalProperties: true },
);

export type SigningKeyEntry = Static<typeof SigningKey>;
export type TemplateEntry = Static<typeof Template>;
export type RoleEntry = Static<typeof Role>;
export type TenantEntry = Static<typeof Tenant>;
export type ApplicationEntry = Static<typeof Application> & Record<string, unknown>;
export type ProviderEntry = Static<typeof IdentityProvider> & Record<string, unknown>;
export type UserEntry = Static<typeof UserRecord> & Record<string, unknown>;

/** The sections in the order an export writes them and an import reads them; users come last. */
export const sections = {
  format: Type.Literal(REALM_EXPORT_FORMAT),
  exported_at: Type.String({ maxLength: 100 }),
  secrets: nullable(SecretsHeader),
  realm: Type.Object({ id, created_at: time }, { additionalProperties: true }),
  signing_keys: Type.Array(SigningKey, { maxItems: 1000 }),
  templates: Type.Array(Template, { maxItems: 100 }),
  // As many as the admin API lets a realm have.
  roles: Type.Array(Role, { maxItems: roleLimits.perRealm }),
  tenants: Type.Array(Tenant, { maxItems: 1_000_000 }),
  applications: Type.Array(Application, { maxItems: applicationLimits.perRealm }),
  identity_providers: Type.Array(IdentityProvider, { maxItems: providerLimits.perRealm }),
} as const;


// Compiled by the first import, not at every start.
const compiled = once(() => {
  const ajv = new Ajv({ allErrors: false, strict: false, coerceTypes: false, useDefaults: false });
  return { sections: new Map(Object.entries(sections).map(([name, schema]) => [name, ajv.compile(schema)])), user: ajv.compile(UserRecord) };
});

function refusal(where: string, errors: { instancePath: string; message?: string }[] | null | undefined): AppError {
  const first = errors?.[0];
  return new AppError('import.malformed_document', `The document's ${where}${first?.instancePath ?? ''} ${first?.message ?? 'is invalid'}.`);
}

export function checkSection(name: string, value: unknown): void {
  const check = compiled().sections.get(name);
  if (!check) throw new AppError('import.malformed_document', `The document has an unknown section "${name}".`);
  if (!check(value)) throw refusal(name, check.errors);
}

/** The user's own record shape; its profile fields are checked by the user schema afterwards. */
export function userRecordProblem(value: unknown): string | undefined {
  const checkUser = compiled().user;
  if (checkUser(value)) return undefined;
  const first = checkUser.errors?.[0];
  return `${first?.instancePath || '(user)'} ${first?.message ?? 'is invalid'}`;
}
