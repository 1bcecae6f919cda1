import type { EffectiveRoles } from '../contracts.ts';

/**
 * A realm's roles as a graph, for what needs all of them at once: refusing a cycle before it is
 * written, and turning a user's assigned roles into effective roles and permissions. Pure; the
 * store reads the graph (src/authorization/role-store.ts).
 */
export interface RoleNode {
  id: string;
  slug: string;
  active: boolean;
  permissions: string[];
  includes: string[];
}

export type RoleGraph = Map<string, RoleNode>;

/** Slugs of the assigned active roles and every active role they include, and the union of their permissions; both sorted. */
export type { EffectiveRoles };

/** Fresh arrays each time: callers may put them in tokens and answers of their own. */
export const noRoles = (): EffectiveRoles => ({ roles: [], permissions: [] });

/**
 * Whether `roleId` including `includes` would close a cycle: some included role reaches back to
 * `roleId` (a role including itself is the shortest cycle). Returns the path that would loop, in
 * slugs, for the error message.
 */
export function cycleThrough(graph: RoleGraph, roleId: string, includes: string[]): string[] | undefined {
  const seen = new Set<string>();
  const walk = (id: string, path: string[]): string[] | undefined => {
    if (id === roleId) return path;
    if (seen.has(id)) return undefined;
    seen.add(id);
    for (const next of graph.get(id)?.includes ?? []) {
      const found = walk(next, [...path, graph.get(next)?.slug ?? next]);
      if (found) return found;
    }
    return undefined;
  };
  for (const id of includes) {
    const found = walk(id, [graph.get(id)?.slug ?? id]);
    if (found) return found;
  }
  return undefined;
}

/**
 * The closure of the assigned roles. An inactive role grants nothing and opens nothing: the roles
 * it includes count only if reached another way. The walk keeps a visited set, so even a cycle
 * that slipped in could not loop.
 */
export function effectiveRoles(graph: RoleGraph, assigned: Iterable<string>): EffectiveRoles {
  const roles = new Set<string>();
  const permissions = new Set<string>();
  const visited = new Set<string>();
  const stack = [...assigned];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (visited.has(id)) continue;
    visited.add(id);
    const node = graph.get(id);
    if (!node || !node.active) continue;
    roles.add(node.slug);
    for (const permission of node.permissions) permissions.add(permission);
    stack.push(...node.includes);
  }
  if (roles.size === 0) return noRoles();
  return { roles: [...roles].sort(), permissions: [...permissions].sort() };
}
