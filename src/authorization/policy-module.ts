import { AppError } from '../errors.ts';
import { positionOf, problemOf, type Cedar, type PolicyProblem } from './policy-cedar.ts';
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
  /** Where it starts in the module's text: the position of a problem Cedar places nowhere in it. */
  start: { line: number; column: number } | null;
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

/**
 * The text with every `//` comment blanked (spaces, lines kept), strings left alone: a policy's
 * text copied into a comment before it is not where it starts (found by review).
 */
function withoutComments(text: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      out += c;
      if (c === '\\' && i + 1 < text.length) out += text[++i];
      else if (c === '"') inString = false;
    } else if (c === '"') {
      inString = true;
      out += c;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') {
        out += ' ';
        i++;
      }
      if (i < text.length) out += '\n';
    } else out += c;
  }
  return out;
}

/** Each policy's start in the text (Cedar gives each policy's own text, in order). */
function startsOf(module: string, parts: string[]): ({ line: number; column: number } | null)[] {
  const text = withoutComments(module);
  let from = 0;
  return parts.map((given) => {
    const part = withoutComments(given);
    const at = text.indexOf(part, from);
    if (at < 0) return null;
    from = at + part.length;
    // Blanking keeps every character where it was: the offset is the module's own.
    return positionOf(module, Buffer.byteLength(module.slice(0, at)));
  });
}

/**
 * A problem of one policy, placed at the policy's start where Cedar gives no position (found by
 * review: an empty action list, two policies with one id), and named by the policy's own id where
 * Cedar's text names it as Cedar numbers policies.
 */
function ofPolicy(problem: PolicyProblem, policy: ModulePolicy | undefined, cedarId: string): PolicyProblem {
  if (!policy) return problem;
  const message = problem.message.replaceAll(`\`${cedarId}\``, `\`${policy.id}\``);
  const placed = problem.line === null && policy.start ? { line: policy.start.line, column: policy.start.column } : {};
  return { ...problem, message, ...placed, policy: policy.id };
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
  const starts = startsOf(text, parts.policies);
  parts.policies.forEach((part, index) => {
    const start = starts[index] ?? null;
    const json = cedar.policyToJson(part);
    // Positions in the policy's own text, moved to the module's.
    const inModule = (problem: PolicyProblem): PolicyProblem =>
      problem.line === null || !start ? { ...problem, ...(start ?? {}) } : { ...problem, line: start.line + problem.line - 1, column: problem.line === 1 ? start.column + (problem.column ?? 1) - 1 : problem.column };
    if (json.type === 'failure') refuse(json.errors.map((error) => inModule(problemOf(part, error))));
    const id = json.json.annotations?.id ?? `policy${index}`;
    if (policies.some((p) => p.id === id)) refuse([{ message: `two policies have the id "${id}"`, line: start?.line ?? null, column: start?.column ?? null, policy: id }]);
    const scope = json.json.action;
    // Actions have no groups here (no action entities are ever sent), so `in` is membership of the list.
    const named = scope.op === '==' && 'entity' in scope ? [uidId(scope.entity)] : scope.op === 'in' ? ('entities' in scope ? scope.entities : [scope.entity]).map(uidId) : null;
    named?.forEach((action) => actions.add(action));
    policies.push({ id, text: part, actions: named, reads: readsOfPolicy(json.json), start });
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
  const policyOf = (cedarId: string) => parsed.policies[Number(cedarId.replace(/^policy/, ''))];
  if (answer.validationErrors.length > 0) refuse(answer.validationErrors.map((v) => ofPolicy(problemOf(text, v.error, v.policyId), policyOf(v.policyId), v.policyId)));
}
