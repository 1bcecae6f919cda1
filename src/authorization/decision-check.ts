/**
 * One question put to the decision engine, and its answer. A resource is generic: its type and id
 * name it, `tenant` places it, `attributes` are whatever the application wants policies to read.
 */
export interface ResourceRef {
  type: string;
  id: string;
  tenant?: string;
  attributes?: Record<string, unknown>;
}

export interface DecisionCheck {
  action: string;
  resource: ResourceRef;
  context?: Record<string, unknown>;
  /**
   * Only this policy module decides (seed 002's `{ module, rule, payload }`); unset: all of the
   * realm's modules together.
   */
  module?: string;
}

export interface Decision {
  decision: 'allow' | 'deny';
  /** The ids of the determining policies (`module/policy`), or one of the default engine's reason codes. */
  reasons: string[];
}

/** Seed 002's form: `rule` is the action, the module names itself as the resource, `payload` is the context. */
export function checkFromRule(input: { module: string; rule: string; payload?: Record<string, unknown> }): DecisionCheck {
  const module = moduleFromPath(input.module);
  return { action: input.rule, resource: { type: 'module', id: module }, context: input.payload ?? {}, module };
}

/** `/iam/access` names the module `iam.access`: module names are single path segments. */
export const moduleFromPath = (path: string): string => path.replace(/^\/+/, '').replaceAll('/', '.');
