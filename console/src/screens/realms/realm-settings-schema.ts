/**
 * The realm settings form, laid out by us and checked against the server: the layout table says
 * which fields go in which group and in what order (labels and help come from the catalogue), and
 * the PATCH /admin/v1/realms/{realm} body schema of the server's own /openapi.json says what each
 * field is (its type, range, choices, description). A unit test asserts the two cover each other
 * exactly, so a setting the API gains cannot be silently missing from the console.
 */

/** The part of JSON Schema the OpenAPI document uses for the PATCH body. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  anyOf?: JsonSchema[];
  enum?: unknown[];
  items?: JsonSchema;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  maxItems?: number;
  pattern?: string;
  description?: string;
}

/** How a field is edited. `tenant-policy` is a choice plus the tenant it may name. */
export type FieldKind = 'boolean' | 'integer' | 'enum' | 'text' | 'longtext' | 'multi' | 'lines' | 'json' | 'tenant-policy';

export interface LayoutField {
  /** Dotted path in the PATCH body (and in the realm as GET answers it). */
  path: string;
  /** Overrides the kind read from the schema (long texts, the tenant policy). */
  widget?: 'longtext' | 'tenant-policy';
}

export interface LayoutGroup {
  key: string;
  fields: LayoutField[];
}

const f = (path: string, widget?: LayoutField['widget']): LayoutField => (widget ? { path, widget } : { path });

export const SETTINGS_LAYOUT: LayoutGroup[] = [
  { key: 'general', fields: [f('name'), f('slug'), f('reference'), f('custom')] },
  { key: 'public_info', fields: [f('public_info.display_name'), f('public_info.description', 'longtext'), f('public_info.logo_url')] },
  {
    key: 'users',
    fields: [
      f('users.registration.enabled'),
      f('users.registration.require_email_verification'),
      f('users.registration.username'),
      f('users.registration.mobile'),
      f('users.username_validation'),
      f('users.require_unique_emails'),
      f('users.registration.fields'),
    ],
  },
  {
    key: 'sign_in',
    fields: [f('sign_in.first_factors'), f('sign_in.mfa'), f('sign_in.second_factors'), f('sign_in.otp.length'), f('sign_in.otp.ttl_minutes'), f('sign_in.otp.max_attempts')],
  },
  {
    key: 'password_policy',
    fields: [
      f('password_policy.min_length'),
      f('password_policy.max_length'),
      f('password_policy.block_common'),
      f('password_policy.block_context'),
      f('password_policy.breached.enabled'),
      f('password_policy.breached.range_url'),
      f('password_policy.breached.on_unavailable'),
    ],
  },
  { key: 'brute_force', fields: [f('brute_force.enabled'), f('brute_force.delay_after'), f('brute_force.lock_after'), f('brute_force.lock_minutes'), f('brute_force.permanent_after')] },
  { key: 'email', fields: [f('email.from_name'), f('email.from_address'), f('email.verify_email_url'), f('email.reset_password_url')] },
  {
    key: 'tokens',
    fields: [
      f('tokens.algorithm'),
      f('tokens.session_type'),
      f('tokens.access_token_minutes'),
      f('tokens.refresh_token_days'),
      f('tokens.refresh_reuse_interval_seconds'),
      f('tokens.unmanaged_token_minutes'),
      f('tokens.verification_token_hours'),
      f('tokens.reset_token_minutes'),
      f('tokens.claims'),
      f('tokens.access_claim'),
      f('tokens.default_access'),
    ],
  },
  { key: 'tenant_policy', fields: [f('tenant_policy', 'tenant-policy')] },
  { key: 'api_keys', fields: [f('api_keys.policy'), f('api_keys.prefix'), f('api_keys.token_minutes')] },
  { key: 'roles', fields: [f('roles.default'), f('resource_links')] },
  { key: 'passkeys', fields: [f('passkeys.rp_id'), f('passkeys.rp_name'), f('passkeys.allowed_origins'), f('passkeys.user_verification'), f('passkeys.attestation')] },
  {
    key: 'branding',
    fields: [
      f('branding.layout.style'),
      f('branding.layout.logo_position'),
      f('branding.layout.corner_radius'),
      f('branding.colours.light'),
      f('branding.colours.dark'),
      f('branding.stylesheet', 'longtext'),
      f('branding.frame_ancestors'),
    ],
  },
  { key: 'localisation', fields: [f('localisation.default_locale'), f('localisation.overrides')] },
];

/** Fields of the PATCH body deliberately not in the settings form, and why. */
export const EXCLUDED_FIELDS: Record<string, string> = {
  preset: 'a one-off shortcut that writes other fields; offered when a realm is created, its fields are edited one by one here',
  state: 'changed on the overview by Activate/Deactivate, which confirms and offers Undo',
};

/** The PATCH body's schema in an OpenAPI document (/openapi.json). */
export function patchBodySchema(document: unknown): JsonSchema {
  const schema = (document as { paths?: Record<string, { patch?: { requestBody?: { content?: Record<string, { schema?: JsonSchema }> } } }> })?.paths?.['/admin/v1/realms/{realm}']?.patch?.requestBody
    ?.content?.['application/json']?.schema;
  if (!schema?.properties) throw new Error('The OpenAPI document has no PATCH /admin/v1/realms/{realm} body.');
  return schema;
}

/** The schema at a dotted path, through object properties; undefined when there is none. */
export function schemaAt(root: JsonSchema, path: string): JsonSchema | undefined {
  let node: JsonSchema | undefined = root;
  for (const part of path.split('.')) node = node?.properties?.[part];
  return node;
}

/** Objects with their own named, closed fields are groups; everything else is edited as one field. */
const isGroup = (node: JsonSchema) => node.type === 'object' && node.additionalProperties !== true && Object.keys(node.properties ?? {}).length > 0;

/** Every editable field of the schema: the dotted paths of its leaves. */
export function schemaLeaves(root: JsonSchema, prefix = ''): string[] {
  return Object.entries(root.properties ?? {}).flatMap(([name, node]) => {
    const path = prefix ? `${prefix}.${name}` : name;
    return isGroup(node) ? schemaLeaves(node, path) : [path];
  });
}

/** Where layout and schema disagree: layout fields the schema lacks, schema leaves the layout lacks. */
export function layoutMismatches(root: JsonSchema, layout = SETTINGS_LAYOUT, excluded = EXCLUDED_FIELDS): { notInSchema: string[]; notInLayout: string[] } {
  const paths = layout.flatMap((group) => group.fields.map((field) => field.path));
  const covered = (leaf: string) => [...paths, ...Object.keys(excluded)].some((path) => leaf === path || leaf.startsWith(`${path}.`));
  return { notInSchema: paths.filter((path) => !schemaAt(root, path)), notInLayout: schemaLeaves(root).filter((leaf) => !covered(leaf)) };
}

export interface FieldSpec {
  path: string;
  kind: FieldKind;
  /** null is accepted (an empty field sends null). */
  nullable: boolean;
  min?: number;
  max?: number;
  maxLength?: number;
  maxItems?: number;
  /** The values a choice offers (enum, or the items' enum of a list). */
  options: string[];
  description?: string;
}

/** What the schema says about one field of the layout. */
export function describeField(root: JsonSchema, field: LayoutField): FieldSpec | undefined {
  const node = schemaAt(root, field.path);
  if (!node) return undefined;
  const variants = node.anyOf ?? [node];
  const nullable = variants.some((variant) => variant.type === 'null');
  const concrete = variants.filter((variant) => variant.type !== 'null');
  const main = concrete.length === 1 ? concrete[0] : undefined;
  const spec: FieldSpec = { path: field.path, kind: 'json', nullable, options: [], description: main?.description ?? node.description };
  if (field.widget === 'tenant-policy') {
    spec.kind = 'tenant-policy';
    spec.options = concrete.map((variant) => variant.properties?.type?.enum?.[0]).filter((value): value is string => typeof value === 'string');
    return spec;
  }
  if (!main) return spec;
  if (main.type === 'boolean') spec.kind = 'boolean';
  else if (main.type === 'integer' || main.type === 'number') Object.assign(spec, { kind: 'integer', min: main.minimum, max: main.maximum });
  else if (main.type === 'string' && main.enum) Object.assign(spec, { kind: 'enum', options: main.enum.map(String) });
  else if (main.type === 'string') Object.assign(spec, { kind: field.widget === 'longtext' ? 'longtext' : 'text', maxLength: main.maxLength });
  else if (main.type === 'array' && main.items?.type === 'string' && main.items.enum) Object.assign(spec, { kind: 'multi', options: main.items.enum.map(String) });
  else if (main.type === 'array' && main.items?.type === 'string') Object.assign(spec, { kind: 'lines', maxItems: main.maxItems });
  else if (main.type === 'array') spec.maxItems = main.maxItems;
  return spec;
}
