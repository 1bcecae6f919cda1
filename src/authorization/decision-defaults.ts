import type { AclRule } from '../realms/realm.ts';
import type { Decision, DecisionCheck } from './decision-check.ts';
import type { DecisionSubject } from './decision-subject.ts';

/**
 * The decision without custom policies, in this order (the first that decides wins):
 *
 * 1. an API key's capabilities: a matching `deny` refuses (`capability_denied`); a key with
 *    capabilities and no matching `allow` refuses (`capability_missing`). A key never exceeds its
 *    owner, so an allowed capability goes on to the checks below;
 * 2. `master` access allows everything in the realm (`master_access`);
 * 3. a resource in another tenant than the subject's refuses (`tenant_mismatch`);
 * 4. `acl` access restricts: the action and resource must match a rule (`acl_denied`);
 * 5. a permission matching the action allows (`permission`), else `no_permission`.
 *
 * Matching (permissions and capability names): exact, `ns:*` for every action of `ns:`, or `*`;
 * a capability also matches by the action's verb (`read` matches `invoices:read`).
 */
export function defaultDecision(subject: DecisionSubject, check: DecisionCheck): Decision {
  const { action, resource } = check;
  const refused = capabilityRefusal(subject, action);
  if (refused) return refused;
  if (subject.access.type === 'master') return allow('master_access');
  if (resource.tenant !== undefined && resource.tenant !== subject.tenant) return deny('tenant_mismatch');
  if (subject.access.type === 'acl' && !subject.access.acl.some((rule) => aclAllows(rule, action, resource))) return deny('acl_denied');
  return subject.permissions.some((permission) => permissionMatches(permission, action)) ? allow('permission') : deny('no_permission');
}

/**
 * Step 1 alone: the refusal an API key's capabilities make of the action, or null to go on. Custom
 * policies decide only past it (decision-service.ts): a key is never used beyond its capabilities,
 * whatever the realm's policies permit its owner.
 */
export function capabilityRefusal(subject: DecisionSubject, action: string): Decision | null {
  if (subject.capabilities === null) return null;
  const matching = capabilityNames(action).map((name) => subject.capabilities?.[name]);
  if (matching.includes('deny')) return deny('capability_denied');
  if (!matching.includes('allow')) return deny('capability_missing');
  return null;
}

const allow = (reason: string): Decision => ({ decision: 'allow', reasons: [reason] });
const deny = (reason: string): Decision => ({ decision: 'deny', reasons: [reason] });

export function permissionMatches(permission: string, action: string): boolean {
  if (permission === action || permission === '*') return true;
  return permission.endsWith(':*') && action.startsWith(permission.slice(0, -1));
}

/**
 * The capability names that speak for an action: itself, every enclosing namespace's `ns:*`
 * (`billing:invoices:*`, `billing:*`, as a permission `billing:*` covers them all), its verb, `*`.
 */
function capabilityNames(action: string): string[] {
  const names = [action];
  for (let colon = action.lastIndexOf(':'); colon > 0; colon = action.lastIndexOf(':', colon - 1)) names.push(`${action.slice(0, colon)}:*`);
  if (names.length > 1) names.push(action.slice(action.lastIndexOf(':') + 1));
  return [...names, '*'];
}

/** An action's verb as an HTTP method: read/list/get → GET, create → POST, update → PUT, … */
const methodOfVerb: Record<string, string> = { read: 'GET', list: 'GET', get: 'GET', create: 'POST', write: 'PUT', update: 'PUT', patch: 'PATCH', delete: 'DELETE' };

/** The URI an ACL rule sees for a resource: `{type}/{id}` (e.g. `invoices/42`). */
export const aclUri = (resource: { type: string; id: string }): string => `${resource.type}/${resource.id}`;

/**
 * An ACL rule allows the resource's URI (`*` in the pattern matches any run of characters, a
 * leading `/` is ignored) with the action verb's method (unknown verbs: the verb in upper case).
 */
function aclAllows(rule: AclRule, action: string, resource: { type: string; id: string }): boolean {
  const verb = action.slice(action.lastIndexOf(':') + 1).toLowerCase();
  const method = methodOfVerb[verb] ?? verb.toUpperCase();
  if (!rule.methods.some((m) => m === '*' || m.toUpperCase() === method)) return false;
  return globMatches(rule.uri.replace(/^\/+/, ''), aclUri(resource));
}

function globMatches(pattern: string, text: string): boolean {
  const parts = pattern.split('*');
  if (parts.length === 1) return pattern === text;
  const first = parts[0] as string;
  const last = parts.at(-1) as string;
  if (!text.startsWith(first) || !text.endsWith(last) || text.length < first.length + last.length) return false;
  let at = first.length;
  for (const part of parts.slice(1, -1)) {
    const found = text.indexOf(part, at);
    if (found < 0 || found + part.length > text.length - last.length) return false;
    at = found + part.length;
  }
  return true;
}
