/**
 * The realm's own collections from a realm document — signing keys, templates, roles, tenants,
 * applications, identity providers. `settleSections` checks them all without writing (a dry run
 * stops there): no duplicates, each one by the rules the admin API applies to it
 * (`settle…`/`check…` of its module), the signing keys usable. `writeSections` then writes the
 * settled values into the new realm in its creating transaction.
 */
import { createPublicKey } from 'node:crypto';
import type { Kysely } from 'kysely';
import { AppError } from '../errors.ts';
import { settleFields } from '../applications/application-rules.ts';
import { kindProfiles, type ApplicationFields } from '../applications/application.ts';
import { applicationStore } from '../applications/application-store.ts';
import { checkRoleFields, type RoleFields } from '../authorization/role.ts';
import { cycleThrough, type RoleGraph } from '../authorization/role-graph.ts';
import { settleTenantFields, type TenantFields } from '../authorization/tenant.ts';
import { tenantStore } from '../authorization/tenant-store.ts';
import type { ApplicationKind } from '../contracts.ts';
import { settleProviderFields, type ProviderFields } from '../identity-providers/provider.ts';
import { providerFieldsOf, providerStore } from '../identity-providers/provider-store.ts';
import { isMessageType } from '../mail/message-types.ts';
import { renderChecked } from '../mail/templates.ts';
import { oneLine } from '../platform/display-text.ts';
import type { SecretBox } from '../platform/secret-box.ts';
import { signingKeyOf } from '../realms/key-material.ts';
import type { Realm } from '../realms/realm.ts';
import { bulkInsert } from '../storage/bulk-insert.ts';
import { writeJson } from '../storage/codec.ts';
import type { Schema } from '../storage/schema.ts';
import { assertKeyFits } from '../tokens/jws.ts';
import type { ApplicationEntry, ProviderEntry, RoleEntry, SigningKeyEntry, TemplateEntry, TenantEntry } from './realm-document.ts';

export interface DocumentSections {
  signing_keys?: SigningKeyEntry[];
  templates?: TemplateEntry[];
  roles?: RoleEntry[];
  tenants?: TenantEntry[];
  applications?: ApplicationEntry[];
  identity_providers?: ProviderEntry[];
}

export interface SectionContext {
  /** The id an exported id gets here (itself, when ids are kept). */
  idOf: (kind: 'role' | 'tenant' | 'provider' | 'key', exported: string) => string;
  /** Opens a secret sealed under the export's passphrase; undefined when the export holds none. */
  openExported?: (sealed: string) => string;
}

/**
 * Runs a pure check of a part of the document, naming the part in its refusal. The checks read
 * untrusted values and do no I/O: anything they throw (a TypeError from a wrongly shaped value
 * too) is the document's fault.
 */
function within<T>(where: string, check: () => T): T {
  try {
    return check();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new AppError('import.malformed_document', `The document's ${where} is refused: ${message}`, { details: error instanceof AppError ? error.details : [] });
  }
}

/** Refuses a document holding two of one thing (by each of the keys that must be unique). */
function unique<T>(items: T[], what: string, keys: ((item: T) => string)[]): void {
  for (const key of keys) {
    const seen = new Set<string>();
    for (const item of items) {
      const value = key(item);
      if (seen.has(value)) throw new AppError('import.malformed_document', `The document holds two ${what} with ${value}.`);
      seen.add(value);
    }
  }
}

const APPLICATION_FIELDS = ['name', 'logo_url', 'enabled', 'redirect_uris', 'post_logout_redirect_uris', 'cors_origins', 'grant_types', 'scopes', 'consent', 'access_token_audience', 'access_token_minutes', 'refresh_token_days', 'token_endpoint_auth_method', 'jwks', 'jwks_uri', 'backchannel_logout_uri', 'frame_origins'] as const;

/**
 * The realm's signing keys must work: exactly one active key, of the realm's algorithm, every
 * private part readable and of its algorithm's kind. The public half that verifies tokens is
 * derived from the private one, never taken from the document, where nothing seals it.
 */
function settleKeys(realm: Realm, keys: SigningKeyEntry[], open: (sealed: string) => string): { key: SigningKeyEntry; material: string; publicJwk: string | null }[] {
  const active = keys.filter((key) => key.state === 'active');
  if (active.length !== 1 || active[0].algorithm !== realm.tokens.algorithm) {
    throw new AppError('import.malformed_document', `The document's signing keys must hold exactly one active key, of the realm's algorithm ${realm.tokens.algorithm}.`);
  }
  return keys.map((key) => {
    const material = open(key.private_material);
    const publicJwk = within(`signing key ${key.id}`, () => {
      const signing = signingKeyOf(key.algorithm, material);
      assertKeyFits(key.algorithm, signing);
      return key.algorithm === 'HS256' ? null : writeJson(createPublicKey(signing).export({ format: 'jwk' }));
    });
    return { key, material, publicJwk };
  });
}

/** Everything checked, nothing written. */
export function settleSections(realm: Realm, sections: DocumentSections, ctx: SectionContext) {
  const roles = sections.roles ?? [];
  const tenants = sections.tenants ?? [];
  const applications = sections.applications ?? [];
  const providers = sections.identity_providers ?? [];
  const templates = sections.templates ?? [];
  unique(roles, 'roles', [(r) => `id ${r.id}`, (r) => `slug ${r.slug.toLowerCase()}`]);
  unique(tenants, 'tenants', [(t) => `id ${t.id}`, (t) => `slug ${t.slug.trim().toLowerCase()}`]);
  unique(applications, 'applications', [(a) => `client_id ${a.client_id}`]);
  unique(providers, 'identity providers', [(p) => `id ${p.id}`, (p) => `slug ${p.slug}`]);
  unique(templates, 'templates', [(t) => `type ${t.type}`]);
  unique(sections.signing_keys ?? [], 'signing keys', [(k) => `id ${k.id}`]);
  // The document's roles as the graph the role service checks a change against: no cycles.
  const graph: RoleGraph = new Map(roles.map((role) => [role.id, role]));
  return {
    keys: ctx.openExported && sections.signing_keys?.length ? settleKeys(realm, sections.signing_keys, ctx.openExported) : undefined,
    templates: templates.map((template) =>
      within(`template ${template.type}`, () => {
        if (!isMessageType(template.type)) throw new AppError('template.not_found', `There is no message type ${template.type}.`);
        renderChecked(template.type, template);
        return template;
      }),
    ),
    roles: roles.map((role) => {
      const missing = role.includes.find((included) => !graph.has(included));
      if (missing) throw new AppError('import.malformed_document', `The document's role ${role.slug} includes ${missing}, which is not one of its roles.`);
      const cycle = cycleThrough(graph, role.id, role.includes);
      if (cycle) throw new AppError('import.malformed_document', `The document's role ${role.slug} includes itself through ${cycle.join(' → ')}.`);
      const named = { ...role, display_name: role.display_name === null ? null : oneLine(role.display_name) };
      return { id: role.id, includes: role.includes, fields: within(`role ${role.slug}`, (): RoleFields => checkRoleFields(named)) };
    }),
    tenants: tenants.map((tenant) => ({ id: tenant.id, fields: within(`tenant ${tenant.slug}`, (): TenantFields => settleTenantFields({ ...tenant, name: oneLine(tenant.name) })) })),
    applications: applications.map((app) => {
      if (!Object.hasOwn(kindProfiles, app.kind)) throw new AppError('import.malformed_document', `The document's application ${app.client_id} has an unknown kind ${app.kind}.`);
      const given = { ...Object.fromEntries(APPLICATION_FIELDS.map((field) => [field, app[field]])), name: oneLine(app.name) } as unknown as ApplicationFields;
      return { app, kind: app.kind as ApplicationKind, fields: within(`application ${app.client_id}`, () => settleFields(app.kind as ApplicationKind, given)) };
    }),
    providers: providers.map((provider) => ({
      id: provider.id,
      fields: within(`identity provider ${provider.slug}`, (): ProviderFields => settleProviderFields(providerFieldsOf({ ...provider, display_name: oneLine(provider.display_name) }))),
      // A provider's secret travels only sealed under the passphrase; without one the provider comes without it.
      secret: provider.secret !== null && ctx.openExported ? ctx.openExported(provider.secret) : null,
    })),
  };
}

export type SettledSections = ReturnType<typeof settleSections>;

export async function writeSections(
  trx: Kysely<Schema>,
  write: { realmId: string; at: number; by: string | null; secrets: SecretBox; idOf: SectionContext['idOf'] },
  settled: SettledSections,
): Promise<void> {
  const { realmId, at, by, idOf } = write;
  if (settled.keys) {
    await bulkInsert(
      trx,
      'signing_keys',
      settled.keys.map(({ key, material, publicJwk }) => ({
        id: idOf('key', key.id),
        realm_id: realmId,
        algorithm: key.algorithm,
        public_jwk: publicJwk,
        private_material: write.secrets.seal(material),
        state: key.state,
        created_at: key.created_at,
        retired_at: key.retired_at,
        verify_until: key.verify_until,
      })),
    );
  }
  await bulkInsert(trx, 'message_templates', settled.templates.map((t) => ({ realm_id: realmId, type: t.type, subject: t.subject, html: t.html, text: t.text, updated_at: at, updated_by: by })));
  await bulkInsert(
    trx,
    'roles',
    settled.roles.map(({ id, fields }) => ({
      realm_id: realmId,
      id: idOf('role', id),
      slug: fields.slug,
      display_name: fields.display_name,
      description: fields.description,
      active: fields.active,
      permissions: writeJson(fields.permissions),
      created_at: at,
      created_by: by,
      updated_at: at,
      updated_by: by,
      version: 1,
    })),
  );
  await bulkInsert(trx, 'role_includes', settled.roles.flatMap((role) => role.includes.map((included) => ({ realm_id: realmId, role_id: idOf('role', role.id), included_id: idOf('role', included) }))));
  for (const { id, fields } of settled.tenants) await tenantStore.insert(trx, { realmId, id: idOf('tenant', id), fields, at, by });
  for (const { app, kind, fields } of settled.applications) await applicationStore.insert(trx, { realmId, clientId: app.client_id, kind, fields, secretHash: app.secret_hash, at, by });
  for (const { id, fields, secret } of settled.providers) await providerStore.insert(trx, realmId, idOf('provider', id), fields, secret === null ? null : write.secrets.seal(secret), at, by);
}
