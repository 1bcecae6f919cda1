/**
 * The frame of a realm's screens: its name, state and section tabs, with the realm loaded once
 * for all of them (useRealm). A realm named by slug in the address works as by id.
 */
import { createContext, type ComponentChildren } from 'preact';
import { useContext } from 'preact/hooks';
import { unwrap } from '../../api/client.ts';
import type { Realm } from '../../api/types.ts';
import { t, type MessageKey } from '../../i18n/i18n.ts';
import type { RealmSection } from '../../addresses.ts';
import { useApp } from '../../ui/app-context.tsx';
import { TabLinks } from '../../ui/page.tsx';
import { ErrorNotice, Loading } from '../../ui/states.tsx';
import { useAsync } from '../../ui/use-async.ts';

interface RealmContextValue {
  realm: Realm;
  /** Whether the signed-in operator may change this realm. */
  canManage: boolean;
  reload(): void;
  replace(realm: Realm): void;
}

const RealmContext = createContext<RealmContextValue | null>(null);

export function useRealm(): RealmContextValue {
  const value = useContext(RealmContext);
  if (!value) throw new Error('useRealm outside a realm frame');
  return value;
}

const SECTIONS: { key: RealmSection; path: string; label: MessageKey }[] = [
  { key: 'overview', path: '', label: 'realm.tab.overview' },
  { key: 'users', path: '/users', label: 'realm.tab.users' },
  { key: 'events', path: '/events', label: 'realm.tab.events' },
  { key: 'messages', path: '/messages', label: 'realm.tab.messages' },
  { key: 'applications', path: '/applications', label: 'realm.tab.applications' },
  { key: 'identity-providers', path: '/identity-providers', label: 'realm.tab.identity_providers' },
  { key: 'roles', path: '/roles', label: 'realm.tab.roles' },
  { key: 'tenants', path: '/tenants', label: 'realm.tab.tenants' },
  { key: 'api-keys', path: '/api-keys', label: 'realm.tab.api_keys' },
  { key: 'policies', path: '/policies', label: 'realm.tab.policies' },
  { key: 'webhooks', path: '/webhooks', label: 'realm.tab.webhooks' },
  { key: 'settings', path: '/settings', label: 'realm.tab.settings' },
];

export function RealmFrame({ realmRef, section, children }: { realmRef: string; section: RealmSection; children: ComponentChildren }) {
  const { api, can } = useApp();
  const state = useAsync((signal) => unwrap(api.GET('/admin/v1/realms/{realm}', { params: { path: { realm: realmRef } }, signal })), [realmRef]);
  if (state.error) return <ErrorNotice error={state.error} onRetry={state.reload} />;
  if (!state.data) return <Loading />;
  const realm = state.data;
  const base = `/realms/${encodeURIComponent(realm.id)}`;
  return (
    <RealmContext.Provider value={{ realm, canManage: can.manageRealm(realm), reload: state.reload, replace: state.set }}>
      <TabLinks label={t('realm.sections', { name: realm.name })} current={section} tabs={SECTIONS.map((entry) => ({ key: entry.key, to: `${base}${entry.path}`, label: t(entry.label) }))} />
      {children}
    </RealmContext.Provider>
  );
}
