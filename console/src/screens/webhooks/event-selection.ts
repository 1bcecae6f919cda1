/**
 * The event types a webhook subscribes to, as the API takes them: exact types (`user.created`),
 * prefix wildcards (`user.*`) and `*`. The picker shows one box per known type; these functions
 * keep the pattern list right when a box changes, without losing a wildcard the operator (or a
 * script) chose, and without sending a wildcard the operator never asked for.
 */
import { eventCodes } from '../../../../src/events/event-types.ts';

/** Every type the server records (the same list it checks subscriptions against). */
export const KNOWN_EVENT_TYPES: readonly string[] = Object.keys(eventCodes).sort();

/** Whether `patterns` takes `type` — the server's rule (src/webhooks/webhook.ts `wants`). */
export function matches(patterns: readonly string[], type: string): boolean {
  return patterns.some((pattern) => pattern === '*' || pattern === type || (pattern.endsWith('.*') && type.startsWith(pattern.slice(0, -1))));
}

/** The group a type is shown under: its first word (`user.login.failed` → `user`). */
export function groupOf(type: string): string {
  return type.split('.')[0];
}

/** The known types whose name contains every word of `query`, grouped by their first word, groups in order. */
export function groupTypes(types: readonly string[], query: string): { group: string; types: string[] }[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const groups = new Map<string, string[]>();
  for (const type of types) {
    if (!words.every((word) => type.includes(word))) continue;
    const group = groupOf(type);
    groups.set(group, [...(groups.get(group) ?? []), type]);
  }
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([group, list]) => ({ group, types: list }));
}

/** Patterns that name something besides exact known types (wildcards), shown apart so they are not lost. */
export function wildcards(patterns: readonly string[]): string[] {
  return patterns.filter((pattern) => pattern === '*' || pattern.endsWith('.*'));
}

/** Adds `types` (each box ticked): types already taken by a pattern add nothing. */
export function addTypes(patterns: readonly string[], types: readonly string[]): string[] {
  const next = [...patterns];
  for (const type of types) if (!matches(next, type)) next.push(type);
  return next;
}

/**
 * Removes `types` (each box cleared). A wildcard that took one of them is replaced by the exact
 * known types it took, minus those removed, so the others stay ticked.
 */
export function removeTypes(patterns: readonly string[], types: readonly string[], known: readonly string[] = KNOWN_EVENT_TYPES): string[] {
  const removing = new Set(types);
  const next: string[] = [];
  for (const pattern of patterns) {
    const isWildcard = pattern === '*' || pattern.endsWith('.*');
    if (!isWildcard) {
      if (!removing.has(pattern)) next.push(pattern);
      continue;
    }
    const covered = known.filter((type) => matches([pattern], type));
    if (!covered.some((type) => removing.has(type))) {
      next.push(pattern);
      continue;
    }
    for (const type of covered) if (!removing.has(type) && !matches(next, type)) next.push(type);
  }
  return next.filter((pattern, index) => next.indexOf(pattern) === index);
}

/** How many known types the patterns take. */
export function countTaken(patterns: readonly string[], known: readonly string[] = KNOWN_EVENT_TYPES): number {
  return known.filter((type) => matches(patterns, type)).length;
}
