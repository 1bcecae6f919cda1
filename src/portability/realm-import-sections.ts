/**
 * The realm's own collections from a realm document — signing keys, templates, roles, tenants,
 * applications, identity providers — each checked by the rules the admin API applies to it
 * (`settle…`/`check…` of its module) and written into the new realm in its creating transaction.
 * Ids are taken from `ids` (kept, or newly made for an import with new ids).
 */
import type { Kysely } from 'kysely';
import { AppError } from '../errors.ts';
import { settleFields } from '../applications/application-rules.ts';
import { kindProfiles, type ApplicationFields } from '../applications/application.ts';
import type { ApplicationKind } from '../contracts.ts';
import { applicationStore } from '../applications/application-store.ts';
import { checkRoleFields } from '../authorization/role.ts';
import { settleTenantFields } from '../authorization/tenant.ts';
import { tenantStore } from '../authorization/tenant-store.ts';
import { settleProviderFields } from '../identity-providers/provider.ts';
import { providerFieldsOf, providerStore } from '../identity-providers/provider-store.ts';
import { isMessageType } from '../mail/message-types.ts';
import { renderChecked } from '../mail/templates.ts';
import type { SecretBox } from '../platform/secret-box.ts';
import { bulkInsert } from '../storage/bulk-insert.ts';
import { writeJson } from '../storage/codec.ts';
import type { Schema } from '../storage/schema.ts';
import type { ApplicationEntry, ProviderEntry, RoleEntry, SigningKeyEntry, TemplateEntry, TenantEntry } from './realm-document.ts';

export interface SectionContext {
  trx: Kysely<Schema>;
  realmId: string;
  at: number;
  by: string | null;
  /** The id an exported id gets here (itself, when ids are kept). */
  idOf: (kind: 'role' | 'tenant' | 'provider' | 'key', exported: string) => string;
  /** Opens a secret sealed under the export's passphrase; undefined when the export holds none. */
  openExported?: (sealed: string) => string;
  secrets: SecretBox;
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

export async function writeSigningKeys(ctx: SectionContext, keys: SigningKeyEntry[]): Promise<void> {
  const open = ctx.openExported;
  if (!open) return;
  await bulkInsert(
    ctx.trx,
    'signing_keys',
    keys.map((key) => ({
      id: ctx.idOf('key', key.id),
      realm_id: ctx.realmId,
      algorithm: key.algorithm,
      public_jwk: key.public_jwk === null ? null : writeJson(key.public_jwk),
      private_material: ctx.secrets.seal(within('signing key', () => open(key.private_material))),
      state: key.state,
      created_at: key.created_at,
      retired_at: key.retired_at,
      verify_until: key.verify_until,
    })),
  );
}

export async function writeTemplates(ctx: SectionContext, templates: TemplateEntry[]): Promise<void> {
  for (const template of templates) {
    within(`template ${template.type}`, () => {
      if (!isMessageType(template.type)) throw new AppError('template.not_found', `There is no message type ${template.type}.`);
      renderChecked(template.type, template);
    });
  }
  await bulkInsert(ctx.trx, 'message_templates', templates.map((t) => ({ realm_id: ctx.realmId, type: t.type, subject: t.subject, html: t.html, text: t.text, updated_at: ctx.at, updated_by: ctx.by })));
}

export async function writeRoles(ctx: SectionContext, roles: RoleEntry[]): Promise<void> {
  const known = new Set(roles.map((role) => role.id));
  const rows = roles.map((role) => {
    const fields = within(`role ${role.slug}`, () => checkRoleFields({ ...role, includes: [] }));
    const missing = role.includes.find((included) => !known.has(included));
    if (missing) throw new AppError('import.malformed_document', `The document's role ${role.slug} includes ${missing}, which is not one of its roles.`);
    return {
      realm_id: ctx.realmId,
      id: ctx.idOf('role', role.id),
      slug: fields.slug,
      display_name: fields.display_name,
      description: fields.description,
      active: fields.active,
      permissions: writeJson(fields.permissions),
      created_at: ctx.at,
      created_by: ctx.by,
      updated_at: ctx.at,
      updated_by: ctx.by,
      version: 1,
    };
  });
  await bulkInsert(ctx.trx, 'roles', rows);
  const edges = roles.flatMap((role) => role.includes.map((included) => ({ realm_id: ctx.realmId, role_id: ctx.idOf('role', role.id), included_id: ctx.idOf('role', included) })));
  await bulkInsert(ctx.trx, 'role_includes', edges);
}

export async function writeTenants(ctx: SectionContext, tenants: TenantEntry[]): Promise<void> {
  for (const tenant of tenants) {
    const fields = within(`tenant ${tenant.slug}`, () => settleTenantFields(tenant));
    await tenantStore.insert(ctx.trx, { realmId: ctx.realmId, id: ctx.idOf('tenant', tenant.id), fields, at: ctx.at, by: ctx.by });
  }
}

const APPLICATION_FIELDS = ['name', 'logo_url', 'enabled', 'redirect_uris', 'post_logout_redirect_uris', 'cors_origins', 'grant_types', 'scopes', 'consent', 'access_token_audience', 'access_token_minutes', 'refresh_token_days', 'token_endpoint_auth_method', 'jwks', 'jwks_uri', 'backchannel_logout_uri', 'frame_origins'] as const;

/** Applications keep their client_id (what their code is configured with) and their secret's hash. */
export async function writeApplications(ctx: SectionContext, applications: ApplicationEntry[]): Promise<void> {
  for (const app of applications) {
    if (!Object.hasOwn(kindProfiles, app.kind)) throw new AppError('import.malformed_document', `The document's application ${app.client_id} has an unknown kind ${app.kind}.`);
    const given = Object.fromEntries(APPLICATION_FIELDS.map((field) => [field, app[field]])) as unknown as ApplicationFields;
    const fields = within(`application ${app.client_id}`, () => settleFields(app.kind as ApplicationKind, given));
    await applicationStore.insert(ctx.trx, { realmId: ctx.realmId, clientId: app.client_id, kind: app.kind as ApplicationKind, fields, secretHash: app.secret_hash, at: ctx.at, by: ctx.by });
  }
}

/** A provider's secret travels only sealed under the passphrase; without one the provider comes without it. */
export async function writeProviders(ctx: SectionContext, providers: ProviderEntry[]): Promise<void> {
  for (const provider of providers) {
    const fields = within(`identity provider ${provider.slug}`, () => settleProviderFields(providerFieldsOf(provider)));
    const open = ctx.openExported;
    const secret = provider.secret !== null && open ? ctx.secrets.seal(within(`identity provider ${provider.slug}`, () => open(provider.secret as string))) : null;
    await providerStore.insert(ctx.trx, ctx.realmId, ctx.idOf('provider', provider.id), fields, secret, ctx.at, ctx.by);
  }
}
