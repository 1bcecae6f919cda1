import { AppError } from '../errors.ts';
import { problemOf, type Cedar, type PolicyProblem } from './policy-cedar.ts';
import { checkComplexity } from './policy-complexity.ts';
import { readsOfPolicy, type PolicyReads } from './policy-reads.ts';
import { realmSchema } from './policy-schema.ts';

/** How much a realm may hold: modules are read and compiled whole, so each is bounded. */
export const policyLimits = { moduleBytes: 64 * 1024, policiesPerModule: 200, modulesPerRealm: 50 };

/** A module name: one path segment (seed 002's `/iam/access` is `iam.access`). */
export const MODULE_NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;

/** One policy of a module: its id (`@id("…")` or `policy{n}`, n counting from 0) and its text. */
export interface ModulePolicy {
  id: string;
  text: string;
  /** The actions its scope names; null when its scope is any action. */
  actions: string[] | null;
  /** What its conditions read of a request (policy-reads.ts). */
  reads: PolicyReads;
}

export interface ParsedModule {
  policies: ModulePolicy[];
  /** The actions the policies' scopes name (declared in the schema, see policy-schema.ts). */
  actions: string[];
}

export function requireModuleName(module: string): string {
  if (!MODULE_NAME.test(module)) {
    throw new AppError('policy.module_not_found', 'A policy module name is 1-64 of a-z, 0-9, ".", "_" and "-", starting with a letter or digit.');
  }
  return module;
}

function refuse(problems: PolicyProblem[]): never {
  const where = (p: PolicyProblem) => (p.line === null ? '' : `line ${p.line}, column ${p.column}: `);
  const details = problems.map((p) => ({ field: p.policy === undefined ? 'policy' : `policy.${p.policy}`, issue: `${where(p)}${p.message}` }));
  throw new AppError('policy.invalid', `The policy is not valid: ${details.map((d) => d.issue).join('; ')}`, { details });
}

/**
 * Splits a module into its policies, with their ids and scope actions; refuses text too deep for
 * Cedar (policy-complexity.ts, before Cedar sees it) and text Cedar cannot parse.
 */
export function parseModule(cedar: Cedar, text: string): ParsedModule {
  if (Buffer.byteLength(text, 'utf8') > policyLimits.moduleBytes) {
    throw new AppError('policy.too_large', `A policy module holds at most ${policyLimits.moduleBytes} bytes.`);
  }
  checkComplexity(text);
  const parts = cedar.policySetTextToParts(text);
  if (parts.type === 'failure') refuse(parts.errors.map((error) => problemOf(text, error)));
  if (parts.policies.length === 0) refuse([{ message: 'a module holds at least one policy (delete the module instead)', line: null, column: null }]);
  if (parts.policy_templates.length > 0) refuse([{ message: 'policy templates (with ?principal or ?resource slots) are not supported', line: null, column: null }]);
  if (parts.policies.length > policyLimits.policiesPerModule) {
    throw new AppError('policy.too_large', `A policy module holds at most ${policyLimits.policiesPerModule} policies.`);
  }
  const policies: ModulePolicy[] = [];
  const actions = new Set<string>();
  parts.policies.forEach((part, index) => {
    const json = cedar.policyToJson(part);
    if (json.type === 'failure') refuse(json.errors.map((error) => problemOf(part, error)));
    const id = json.json.annotations?.id ?? `policy${index}`;
    if (policies.some((p) => p.id === id)) refuse([{ message: `two policies have the id "${id}"`, line: null, column: null }]);
    const scope = json.json.action;
    // Actions have no groups here (no action entities are ever sent), so `in` is membership of the list.
    const named = scope.op === '==' && 'entity' in scope ? [uidId(scope.entity)] : scope.op === 'in' ? ('entities' in scope ? scope.entities : [scope.entity]).map(uidId) : null;
    named?.forEach((action) => actions.add(action));
    policies.push({ id, text: part, actions: named, reads: readsOfPolicy(json.json) });
  });
  return { policies, actions: [...actions] };
}

const uidId = (uid: { id: string } | { __entity: { id: string } }) => ('__entity' in uid ? uid.__entity.id : uid.id);

/**
 * Validates a module against the realm's schema (strict mode); refuses it with each error's
 * position in the module's text. `actions`: every action the schema declares.
 */
export function validateModule(cedar: Cedar, text: string, parsed: ParsedModule, actions: Iterable<string>): void {
  const answer = cedar.validate({ schema: realmSchema(actions), policies: { staticPolicies: text } });
  if (answer.type === 'failure') refuse(answer.errors.map((error) => problemOf(text, error)));
  // Cedar names the policies of a text policy0, policy1…; report them by their own ids.
  const idOf = (cedarId: string) => parsed.policies[Number(cedarId.replace(/^policy/, ''))]?.id ?? cedarId;
  if (answer.validationErrors.length > 0) refuse(answer.validationErrors.map((v) => problemOf(text, v.error, idOf(v.policyId))));
}
