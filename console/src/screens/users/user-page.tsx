/**
 * One user: who they are and their state at a glance, the actions on them (lock, reset links,
 * password, delete) for managers, and their sections as tabs. Read-only operators see the same
 * page without anything that changes the user.
 */
import { unwrap } from '../../api/client.ts';
import type { User } from '../../api/types.ts';
import { t } from '../../i18n/i18n.ts';
import { useApp } from '../../ui/app-context.tsx';
import { PageHead } from '../../ui/page.tsx';
import { Badge, ErrorNotice, Loading } from '../../ui/states.tsx';
import { useAsync } from '../../ui/use-async.ts';
import { useRealm } from '../realms/realm-frame.tsx';
import { UserAccess } from './user-access.tsx';
import { UserActions } from './user-actions.tsx';
import { UserEvents } from './user-events.tsx';
import { userName } from './user-names.ts';
import { UserProfile } from './user-profile.tsx';
import { UserSecurity } from './user-security.tsx';
import { UserSessions } from './user-sessions.tsx';
import { Tabs, useTabFromAddress } from './user-tabs.tsx';
import { UserVersions } from './user-versions.tsx';

const TABS = ['profile', 'sessions', 'security', 'access', 'events', 'versions'] as const;
type Tab = (typeof TABS)[number];

export interface UserSectionProps {
  user: User;
  /** Takes the user as a change answered it (the page's header follows). */
  replace(user: User): void;
  reload(): void;
}

export function UserPage({ params }: { params: Record<string, string> }) {
  const { api } = useApp();
  const { realm, canManage } = useRealm();
  const [tab, setTab] = useTabFromAddress<Tab>(TABS, 'profile');
  const state = useAsync((signal) => unwrap(api.GET('/admin/v1/realms/{realm}/users/{user}', { params: { path: { realm: realm.id, user: params.user } }, signal })), [realm.id, params.user]);
  const realmPath = `/realms/${encodeURIComponent(realm.id)}`;
  const crumbs = [{ label: realm.name, to: realmPath }, { label: t('users.title'), to: `${realmPath}/users` }];
  if (state.error && !state.data) {
    return (
      <>
        <PageHead title={t('user.not_found_title')} crumbs={crumbs} />
        <ErrorNotice error={state.error} onRetry={state.reload} />
      </>
    );
  }
  if (!state.data) return <Loading rows={6} />;
  const user = state.data;
  const section: UserSectionProps = { user, replace: state.set, reload: state.reload };
  return (
    <>
      <PageHead title={userName(user)} crumbs={crumbs} actions={canManage ? <UserActions {...section} /> : null} />
      <div class="user-summary">
        <Badge tone={user.state === 'active' ? 'ok' : 'warn'}>{user.state === 'active' ? t('common.active') : t('common.inactive')}</Badge>
        {user.locked ? <Badge tone="danger">{user.locked_reason ? t('user.locked_because', { reason: user.locked_reason }) : t('users.locked')}</Badge> : null}
        {user.user_type === 'api' ? <Badge tone="accent">{t('user.type_api')}</Badge> : null}
        <span class="muted small"><code>{user.id}</code></span>
        <span class="muted small">{t('user.version_is', { version: user.version })}</span>
      </div>
      {!canManage ? <p class="muted small">{t('common.read_only')}</p> : null}
      <Tabs label={t('user.sections', { name: userName(user) })} current={tab} onSelect={setTab} tabs={TABS.map((key) => ({ key, label: t(`user.tab.${key}`) }))}>
        {tab === 'profile' ? <UserProfile {...section} /> : null}
        {tab === 'sessions' ? <UserSessions {...section} /> : null}
        {tab === 'security' ? <UserSecurity {...section} /> : null}
        {tab === 'access' ? <UserAccess {...section} /> : null}
        {tab === 'events' ? <UserEvents {...section} /> : null}
        {tab === 'versions' ? <UserVersions {...section} /> : null}
      </Tabs>
    </>
  );
}
