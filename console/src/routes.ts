/** Which screen draws each address of the console (addresses.ts). */
import type { ComponentType } from 'preact';
import { addresses, type Address, type ScreenName } from './addresses.ts';

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


export type { RealmSection } from './addresses.ts';

export interface Screen extends Address {
  view: ComponentType<{ params: Record<string, string> }>;
}

const views: Record<ScreenName, Screen['view']> = {
  'realms': RealmList,
  'realm-new': RealmCreate,
  'realm': RealmOverview,
  'realm-settings': RealmSettings,
  'users': UserList,
  'user': UserPage,
  'events': EventLog,
  'messages': MessageList,
  'templates': TemplateList,
  'template': TemplateEditor,
  'applications': ApplicationList,
  'application': ApplicationPage,
  'identity-providers': IdentityProviderList,
  'identity-provider': IdentityProviderPage,
  'roles': RoleList,
  'role': RolePage,
  'tenants': TenantList,
  'tenant': TenantPage,
  'api-keys': ApiKeyList,
  'policies': PolicyList,
  'policy': PolicyEditor,
  'webhooks': WebhookList,
  'webhook': WebhookPage,
  'operators': OperatorList,
  'operator': OperatorPage,
  'operator-applications': OperatorApplicationList,
};

export const screens: Screen[] = addresses.map((address) => ({ ...address, view: views[address.name] }));
