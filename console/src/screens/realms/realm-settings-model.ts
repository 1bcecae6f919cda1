/**
 * The settings form's values: each field's draft (what its input holds) made from the realm, read
 * back into the API's value, and the PATCH body of only what changed. Pure, so it is unit-tested.
 */
import type { MessageKey } from '../../i18n/i18n.ts';
import type { FieldSpec } from './realm-settings-schema.ts';

export interface TenantPolicyDraft {
  type: string;
  tenant: string;
}

export type Draft = string | boolean | string[] | TenantPolicyDraft;

type Parsed = { ok: true; value: unknown } | { ok: false; issue: MessageKey };

export function valueAt(source: unknown, path: string): unknown {
  let node = source;
  for (const part of path.split('.')) node = node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined;
  return node;
}

function setAt(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let node = target;
  for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
  node[parts[parts.length - 1]] = value;
}

/** JSON with object keys sorted, so two equal values compare equal whatever their key order. */
export function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((key) => `${JSON.stringify(key)}:${stable((value as Record<string, unknown>)[key])}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** What the field's input shows for the realm's current value. */
export function toDraft(spec: FieldSpec, value: unknown): Draft {
  switch (spec.kind) {
    case 'boolean':
      return value === true;
    case 'integer':
      return typeof value === 'number' ? String(value) : '';
    case 'enum':
    case 'text':
    case 'longtext':
      return typeof value === 'string' ? value : '';
    case 'multi':
      return Array.isArray(value) ? value.map(String) : [];
    case 'lines':
      return Array.isArray(value) ? value.join('\n') : '';
    case 'tenant-policy': {
      const policy = (value ?? {}) as { type?: string; tenant?: string };
      return { type: policy.type ?? 'current', tenant: policy.tenant ?? '' };
    }
    case 'json':
      return value === null || value === undefined ? '' : JSON.stringify(value, null, 2);
  }
}

/** The API's value for what the input holds, or why it cannot be one. Ranges are the API's to check. */
export function fromDraft(spec: FieldSpec, draft: Draft): Parsed {
  switch (spec.kind) {
    case 'boolean':
      return { ok: true, value: draft === true };
    case 'integer': {
      const text = String(draft).trim();
      return /^-?\d+$/.test(text) ? { ok: true, value: Number(text) } : { ok: false, issue: 'realm.settings.invalid_integer' };
    }
    case 'enum':
      return { ok: true, value: draft };
    case 'text':
    case 'longtext':
      if (spec.nullable && String(draft).trim() === '') return { ok: true, value: null };
      return { ok: true, value: draft };
    case 'multi':
      return { ok: true, value: draft };
    case 'lines':
      return { ok: true, value: String(draft).split('\n').map((line) => line.trim()).filter(Boolean) };
    case 'tenant-policy': {
      const policy = draft as TenantPolicyDraft;
      return { ok: true, value: policy.type === 'selected' ? { type: policy.type, tenant: policy.tenant.trim() } : { type: policy.type } };
    }
    case 'json': {
      const text = String(draft).trim();
      if (text === '') return spec.nullable ? { ok: true, value: null } : { ok: false, issue: 'realm.settings.required' };
      try {
        return { ok: true, value: JSON.parse(text) };
      } catch {
        return { ok: false, issue: 'realm.settings.invalid_json' };
      }
    }
  }
}

export interface PatchPlan {
  body: Record<string, unknown>;
  /** Paths of the fields that changed. */
  changed: string[];
  /** Fields whose input cannot be sent, with why. */
  issues: Record<string, MessageKey>;
}

/** The PATCH body of the fields whose value differs from the realm's (nested objects merge on the server). */
export function planPatch(specs: FieldSpec[], drafts: Record<string, Draft>, realm: unknown): PatchPlan {
  const plan: PatchPlan = { body: {}, changed: [], issues: {} };
  for (const spec of specs) {
    const draft = drafts[spec.path];
    if (draft === undefined) continue;
    const parsed = fromDraft(spec, draft);
    if (!parsed.ok) {
      plan.issues[spec.path] = parsed.issue;
      continue;
    }
    if (stable(parsed.value) === stable(valueAt(realm, spec.path))) continue;
    setAt(plan.body, spec.path, parsed.value);
    plan.changed.push(spec.path);
  }
  return plan;
}

/**
 * The API's complaints (`details[].field`, dotted: `brute_force.lock_after`, `roles.default.2`)
 * placed at the form field they belong to: the longest field path that is the detail's field or
 * contains it. Those that fit no field are returned apart, to show above the form.
 */
export function placeDetails(details: { field?: string; issue?: string }[], paths: string[]): { byField: Record<string, string>; rest: { field?: string; issue?: string }[] } {
  const byField: Record<string, string> = {};
  const rest: { field?: string; issue?: string }[] = [];
  for (const detail of details) {
    const field = (detail.field ?? '').replace(/\[(\d+)\]/g, '.$1');
    const owner = paths.filter((path) => field === path || field.startsWith(`${path}.`)).sort((a, b) => b.length - a.length)[0];
    if (owner && detail.issue) byField[owner] = byField[owner] ? `${byField[owner]}; ${detail.issue}` : detail.issue;
    else rest.push(detail);
  }
  return { byField, rest };
}
