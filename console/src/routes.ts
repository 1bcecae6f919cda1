/**
 * Every screen of the console and its address, in one visible table. A realm's screens render
 * inside the realm's frame (its name and section tabs); `section` names the tab they belong to.
 */
import type { ComponentType } from 'preact';
import type { RouteDef } from './router.ts';
import { RealmList } from './screens/realms/realm-list.tsx';
import { RealmCreate } from './screens/realms/realm-create.tsx';
import { RealmOverview } from './screens/realms/realm-overview.tsx';
import { RealmSettings } from './screens/realms/realm-settings.tsx';
import { UserList } from './screens/users/user-list.tsx';
import { UserPage } from './screens/users/user-page.tsx';
import { EventLog } from './screens/events/event-log.tsx';
import { MessageList } from './screens/messages/message-list.tsx';
import { TemplateList } from './screens/messages/template-list.tsx';
import { TemplateEditor } from './screens/messages/template-editor.tsx';
import { ApplicationList } from './screens/applications/application-list.tsx';
import { ApplicationPage } from './screens/applications/application-page.tsx';
import { IdentityProviderList } from './screens/identity-providers/identity-provider-list.tsx';
import { IdentityProviderPage } from './screens/identity-providers/identity-provider-page.tsx';
import { RoleList } from './screens/access/role-list.tsx';
import { RolePage } from './screens/access/role-page.tsx';
import { TenantList } from './screens/access/tenant-list.tsx';
import { TenantPage } from './screens/access/tenant-page.tsx';
import { ApiKeyList } from './screens/access/api-key-list.tsx';
import { PolicyList } from './screens/access/policy-list.tsx';
import { PolicyEditor } from './screens/access/policy-editor.tsx';
import { WebhookList } from './screens/webhooks/webhook-list.tsx';
import { WebhookPage } from './screens/webhooks/webhook-page.tsx';
import { OperatorList } from './screens/operators/operator-list.tsx';
import { OperatorPage } from './screens/operators/operator-page.tsx';
import { OperatorApplicationList } from './screens/operators/operator-application-list.tsx';

export type RealmSection = 'overview' | 'users' | 'events' | 'messages' | 'applications' | 'identity-providers' | 'roles' | 'tenants' | 'api-keys' | 'policies' | 'webhooks' | 'settings';

export interface Screen extends RouteDef {
  view: ComponentType<{ params: Record<string, string> }>;
  /** Set for a realm's screens: shown in its frame, with this tab current. */
  section?: RealmSection;
}

export const screens: Screen[] = [
  { name: 'realms', pattern: '/realms', view: RealmList },
  { name: 'realm-new', pattern: '/new/realm', view: RealmCreate },
  { name: 'realm', pattern: '/realms/:realm', view: RealmOverview, section: 'overview' },
  { name: 'realm-settings', pattern: '/realms/:realm/settings', view: RealmSettings, section: 'settings' },
  { name: 'users', pattern: '/realms/:realm/users', view: UserList, section: 'users' },
  { name: 'user', pattern: '/realms/:realm/users/:user', view: UserPage, section: 'users' },
  { name: 'events', pattern: '/realms/:realm/events', view: EventLog, section: 'events' },
  { name: 'messages', pattern: '/realms/:realm/messages', view: MessageList, section: 'messages' },
  { name: 'templates', pattern: '/realms/:realm/templates', view: TemplateList, section: 'messages' },
  { name: 'template', pattern: '/realms/:realm/templates/:type', view: TemplateEditor, section: 'messages' },
  { name: 'applications', pattern: '/realms/:realm/applications', view: ApplicationList, section: 'applications' },
  { name: 'application', pattern: '/realms/:realm/applications/:app', view: ApplicationPage, section: 'applications' },
  { name: 'identity-providers', pattern: '/realms/:realm/identity-providers', view: IdentityProviderList, section: 'identity-providers' },
  { name: 'identity-provider', pattern: '/realms/:realm/identity-providers/:idp', view: IdentityProviderPage, section: 'identity-providers' },
  { name: 'roles', pattern: '/realms/:realm/roles', view: RoleList, section: 'roles' },
  { name: 'role', pattern: '/realms/:realm/roles/:role', view: RolePage, section: 'roles' },
  { name: 'tenants', pattern: '/realms/:realm/tenants', view: TenantList, section: 'tenants' },
  { name: 'tenant', pattern: '/realms/:realm/tenants/:tenant', view: TenantPage, section: 'tenants' },
  { name: 'api-keys', pattern: '/realms/:realm/api-keys', view: ApiKeyList, section: 'api-keys' },
  { name: 'policies', pattern: '/realms/:realm/policies', view: PolicyList, section: 'policies' },
  { name: 'policy', pattern: '/realms/:realm/policies/:module', view: PolicyEditor, section: 'policies' },
  { name: 'webhooks', pattern: '/realms/:realm/webhooks', view: WebhookList, section: 'webhooks' },
  { name: 'webhook', pattern: '/realms/:realm/webhooks/:webhook', view: WebhookPage, section: 'webhooks' },
  { name: 'operators', pattern: '/operators', view: OperatorList },
  { name: 'operator', pattern: '/operators/:operator', view: OperatorPage },
  { name: 'operator-applications', pattern: '/operator-applications', view: OperatorApplicationList },
];
