/**
 * The console's addresses, matched without a library: `/console/realms/:realm/users/:user` and so
 * on, with history navigation. Pure, so the matching is unit-tested.
 */
export interface Match<Name extends string = string> {
  name: Name;
  params: Record<string, string>;
}

export interface RouteDef<Name extends string = string> {
  name: Name;
  pattern: string;
}

/** Matches a path (below the console's base) against patterns in order; `:name` takes one segment. */
export function matchRoute<Name extends string>(routes: readonly RouteDef<Name>[], path: string): Match<Name> | undefined {
  const segments = path.split('/').filter(Boolean);
  for (const route of routes) {
    const parts = route.pattern.split('/').filter(Boolean);
    if (parts.length !== segments.length) continue;
    const params: Record<string, string> = {};
    let matched = true;
    for (let i = 0; i < parts.length; i++) {
      if (parts[i].startsWith(':')) {
        try {
          params[parts[i].slice(1)] = decodeURIComponent(segments[i]);
        } catch {
          matched = false;
          break;
        }
      } else if (parts[i] !== segments[i]) {
        matched = false;
        break;
      }
    }
    if (matched) return { name: route.name, params };
  }
  return undefined;
}
