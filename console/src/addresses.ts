/**
 * Every address of the console, in one visible table (routes.ts gives each its screen). A realm's
 * screens render inside the realm's frame (its name and section tabs); `section` names their tab.
 */
import type { RouteDef } from './router.ts';

export type RealmSection = 'overview' | 'users' | 'events' | 'messages' | 'applications' | 'identity-providers' | 'roles' | 'tenants' | 'api-keys' | 'policies' | 'webhooks' | 'settings';

export interface Address<Name extends string = string> extends RouteDef<Name> {
  /** Set for a realm's screens: shown in its frame, with this tab current. */
  section?: RealmSection;
}

export const addresses = [
  { name: 'realms', pattern: '/realms' },
  { name: 'realm-new', pattern: '/new/realm' },
  { name: 'realm', pattern: '/realms/:realm', section: 'overview' },
  { name: 'realm-settings', pattern: '/realms/:realm/settings', section: 'settings' },
  { name: 'users', pattern: '/realms/:realm/users', section: 'users' },
  { name: 'user', pattern: '/realms/:realm/users/:user', section: 'users' },
  { name: 'events', pattern: '/realms/:realm/events', section: 'events' },
  { name: 'messages', pattern: '/realms/:realm/messages', section: 'messages' },
  { name: 'templates', pattern: '/realms/:realm/templates', section: 'messages' },
  { name: 'template', pattern: '/realms/:realm/templates/:type', section: 'messages' },
  { name: 'applications', pattern: '/realms/:realm/applications', section: 'applications' },
  { name: 'application', pattern: '/realms/:realm/applications/:app', section: 'applications' },
  { name: 'identity-providers', pattern: '/realms/:realm/identity-providers', section: 'identity-providers' },
  { name: 'identity-provider', pattern: '/realms/:realm/identity-providers/:idp', section: 'identity-providers' },
  { name: 'roles', pattern: '/realms/:realm/roles', section: 'roles' },
  { name: 'role', pattern: '/realms/:realm/roles/:role', section: 'roles' },
  { name: 'tenants', pattern: '/realms/:realm/tenants', section: 'tenants' },
  { name: 'tenant', pattern: '/realms/:realm/tenants/:tenant', section: 'tenants' },
  { name: 'api-keys', pattern: '/realms/:realm/api-keys', section: 'api-keys' },
  { name: 'policies', pattern: '/realms/:realm/policies', section: 'policies' },
  { name: 'policy', pattern: '/realms/:realm/policies/:module', section: 'policies' },
  { name: 'webhooks', pattern: '/realms/:realm/webhooks', section: 'webhooks' },
  { name: 'webhook', pattern: '/realms/:realm/webhooks/:webhook', section: 'webhooks' },
  { name: 'operators', pattern: '/operators' },
  { name: 'operator', pattern: '/operators/:operator' },
  { name: 'operator-applications', pattern: '/operator-applications' },
] as const satisfies readonly Address[];

export type ScreenName = (typeof addresses)[number]['name'];
