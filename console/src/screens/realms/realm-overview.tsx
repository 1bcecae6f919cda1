/**
 * A realm at a glance: its users by state and lock, today's sign-ins and failures, the ten newest
 * events with their numeric codes, the addresses to hand out (login link, issuer, discovery), its
 * signing keys, and what can be done to the realm as a whole.
 */
import { unwrap } from '../../api/client.ts';
import { formatDateTime, formatNumber, formatRelative, t } from '../../i18n/i18n.ts';
import { useApp } from '../../ui/app-context.tsx';
import { Link } from '../../ui/link.tsx';
import { PageHead } from '../../ui/page.tsx';
import { Badge, Empty, ErrorNotice, Loading } from '../../ui/states.tsx';
import { useAsync } from '../../ui/use-async.ts';
import { isSystemRealm, RealmActions } from './realm-actions.tsx';
import { useRealm } from './realm-frame.tsx';
import { RealmKeys } from './realm-keys.tsx';
import { RealmLinks } from './realm-links.tsx';

export function RealmOverview(_props: { params: Record<string, string> }) {
  const { realm, canManage, replace } = useRealm();
  const { api } = useApp();
  const overview = useAsync((signal) => unwrap(api.GET('/admin/v1/realms/{realm}/overview', { params: { path: { realm: realm.id } }, signal })), [realm]);
  const base = `/realms/${encodeURIComponent(realm.id)}`;
  const data = overview.data;
  const stateBadge = isSystemRealm(realm) ? <Badge tone="accent">{t('realm.system')}</Badge> : <Badge tone={realm.state === 'active' ? 'ok' : 'warn'}>{realm.state === 'active' ? t('common.active') : t('common.inactive')}</Badge>;
  return (
    <>
      <PageHead title={realm.name} crumbs={[{ label: t('realms.title'), to: '/realms' }]} actions={stateBadge} />
      {overview.error ? <ErrorNotice error={overview.error} onRetry={overview.reload} /> : null}
      <section aria-label={t('realm.overview.stats')} class="grid-4 realm-stats">
        <Stat label={t('realm.overview.users')} value={data?.users.total} detail={data ? t('realm.overview.users_detail', { active: formatNumber(data.users.active), inactive: formatNumber(data.users.inactive) }) : ''} to={`${base}/users`} />
        <Stat label={t('realm.overview.locked')} value={data?.users.locked} detail={t('realm.overview.locked_detail')} tone={data && data.users.locked > 0 ? 'warn' : undefined} />
        <Stat label={t('realm.overview.sign_ins')} value={data?.sign_ins.today} detail={t('realm.overview.today_detail')} />
        <Stat label={t('realm.overview.failed')} value={data?.sign_ins.failed_today} detail={t('realm.overview.today_detail')} tone={data && data.sign_ins.failed_today > 0 ? 'danger' : undefined} />
      </section>
      <div class="realm-overview-grid">
        <div class="stack">
          <section class="card" aria-labelledby="realm-events">
            <div class="realm-card-head">
              <h2 id="realm-events">{t('realm.overview.events')}</h2>
              <Link to={`${base}/events`}>{t('realm.overview.events_all')}</Link>
            </div>
            {!data && !overview.error ? <Loading rows={5} /> : null}
            {data && data.last_events.length === 0 ? <Empty title={t('realm.overview.events_empty')} /> : null}
            {data && data.last_events.length > 0 ? (
              <div class="realm-table-scroll">
                <table class="data">
                  <thead>
                    <tr>
                      <th scope="col">{t('realm.overview.col.code')}</th>
                      <th scope="col">{t('realm.overview.col.type')}</th>
                      <th scope="col" class="realm-hide-phone">{t('realm.overview.col.user')}</th>
                      <th scope="col">{t('realm.overview.col.time')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.last_events.map((event) => (
                      <tr key={event.id}>
                        <td><code>{event.code ?? t('common.none')}</code></td>
                        <td><code class="realm-event-type">{event.type}</code></td>
                        <td class="realm-hide-phone realm-user-cell">
                          {event.user_id ? <Link to={`${base}/users/${encodeURIComponent(event.user_id)}`} title={event.user_id}><code>{event.user_id}</code></Link> : <span class="muted">{t('common.none')}</span>}
                        </td>
                        <td class="realm-nowrap"><time dateTime={event.at} title={formatDateTime(event.at)}>{formatRelative(event.at)}</time></td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : null}
          </section>
          <RealmKeys realm={realm} canManage={canManage} />
        </div>
        <div class="stack">
          <RealmLinks realm={realm} />
          <section class="card" aria-labelledby="realm-details">
            <h2 id="realm-details">{t('realm.overview.details')}</h2>
            <dl class="props">
              <dt>{t('realm.overview.id')}</dt>
              <dd><code>{realm.id}</code></dd>
              <dt>{t('realm.overview.slug')}</dt>
              <dd><code>{realm.slug}</code></dd>
              <dt>{t('realm.overview.state')}</dt>
              <dd>{realm.state === 'active' ? t('common.active') : t('common.inactive')}</dd>
              <dt>{t('realm.overview.created')}</dt>
              <dd>{formatDateTime(realm.created_at)}</dd>
              <dt>{t('realm.overview.updated')}</dt>
              <dd>{formatDateTime(realm.updated_at)}</dd>
            </dl>
          </section>
          <RealmActions realm={realm} canManage={canManage} onChanged={replace} />
        </div>
      </div>
    </>
  );
}

function Stat({ label, value, detail, to, tone }: { label: string; value: number | undefined; detail: string; to?: string; tone?: 'warn' | 'danger' }) {
  return (
    <div class={`stat${tone ? ` realm-stat-${tone}` : ''}`}>
      <div class="label">{to ? <Link to={to}>{label}</Link> : label}</div>
      <div class="value">{value === undefined ? <span class="skeleton realm-stat-skeleton" /> : formatNumber(value)}</div>
      <div class="small muted">{detail}</div>
    </div>
  );
}
