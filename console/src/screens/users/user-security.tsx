/**
 * The security tab: the sign-in guard's view (failures, temporary locks), second factors (reset
 * removes them all, with the recovery codes), passkeys and linked identities, each removable by
 * a manager after confirmation.
 */
import { useState } from 'preact/hooks';
import { unwrap } from '../../api/client.ts';
import { formatDateTime, formatNumber, t } from '../../i18n/i18n.ts';
import { useApp } from '../../ui/app-context.tsx';
import { Button } from '../../ui/button.tsx';
import { ConfirmDialog } from '../../ui/dialog.tsx';
import { Badge, ErrorNotice, Loading } from '../../ui/states.tsx';
import { useToast } from '../../ui/toasts.tsx';
import { useAsync } from '../../ui/use-async.ts';
import { useRealm } from '../realms/realm-frame.tsx';
import { ListCard } from './user-list-card.tsx';
import type { UserSectionProps } from './user-page.tsx';

type Pending = { kind: 'mfa' } | { kind: 'passkey'; id: string; name: string } | { kind: 'identity'; id: string; name: string } | null;
const when = (value: string | number | null) => (value === null ? t('user.never_used') : formatDateTime(value));

export function UserSecurity({ user }: UserSectionProps) {
  const { api } = useApp();
  const { realm, canManage } = useRealm();
  const notify = useToast();
  const [pending, setPending] = useState<Pending>(null);
  const path = { realm: realm.id, user: user.id };
  const deps = [realm.id, user.id, user.version];
  const lockout = useAsync((signal) => unwrap(api.GET('/admin/v1/realms/{realm}/users/{user}/lockout', { params: { path }, signal })), deps);
  const mfa = useAsync((signal) => unwrap(api.GET('/admin/v1/realms/{realm}/users/{user}/mfa', { params: { path }, signal })), deps);
  const passkeys = useAsync((signal) => unwrap(api.GET('/admin/v1/realms/{realm}/users/{user}/passkeys', { params: { path }, signal })), deps);
  const identities = useAsync((signal) => unwrap(api.GET('/admin/v1/realms/{realm}/users/{user}/identities', { params: { path }, signal })), deps);

  async function confirm() {
    if (pending?.kind === 'mfa') {
      await unwrap(api.DELETE('/admin/v1/realms/{realm}/users/{user}/mfa', { params: { path } }));
      mfa.reload();
      notify(t('user.mfa_reset_done'));
    } else if (pending?.kind === 'passkey') {
      await unwrap(api.DELETE('/admin/v1/realms/{realm}/users/{user}/passkeys/{passkey}', { params: { path: { ...path, passkey: pending.id } } }));
      passkeys.reload();
      notify(t('user.passkey_removed', { name: pending.name }));
    } else if (pending?.kind === 'identity') {
      await unwrap(api.DELETE('/admin/v1/realms/{realm}/users/{user}/identities/{identity}', { params: { path: { ...path, identity: pending.id } } }));
      identities.reload();
      notify(t('user.identity_unlinked', { name: pending.name }));
    }
  }
  const status = lockout.data;
  const factorCount = mfa.data?.items.length ?? 0;
  return (
    <div class="stack">
      <section class="card" aria-labelledby="user-lockout-h">
        <h2 id="user-lockout-h">{t('user.lockout_title')}</h2>
        {lockout.error ? <ErrorNotice error={lockout.error} onRetry={lockout.reload} /> : !status ? <Loading rows={2} /> : (
          <dl class="props">
            <dt>{t('user.lockout.state')}</dt>
            <dd>{status.locked ? <Badge tone="danger">{t('users.locked')}</Badge> : status.locked_until ? <Badge tone="warn">{t('user.lockout.until', { time: formatDateTime(status.locked_until) })}</Badge> : <Badge tone="ok">{t('user.lockout.open')}</Badge>}</dd>
            {status.locked_reason ? <><dt>{t('user.lock_reason')}</dt><dd>{status.locked_reason}</dd></> : null}
            <dt>{t('user.lockout.failures')}</dt>
            <dd>{formatNumber(status.failures)}</dd>
            <dt>{t('user.lockout.locks')}</dt>
            <dd>{formatNumber(status.locks)}</dd>
          </dl>
        )}
      </section>
      <ListCard
        id="user-mfa-h"
        title={t('user.mfa_title')}
        state={mfa}
        keyOf={(factor) => factor.id}
        empty={t('user.mfa_empty')}
        head={
          <span class="actions">
            {mfa.data ? <span class="muted small">{t('user.recovery_left', { count: formatNumber(mfa.data.recovery_codes_left) })}</span> : null}
            {canManage && (factorCount > 0 || (mfa.data?.recovery_codes_left ?? 0) > 0) ? <Button variant="danger" small onClick={() => setPending({ kind: 'mfa' })}>{t('user.mfa_reset')}</Button> : null}
          </span>
        }
        columns={[
          { header: t('user.col.name'), cell: (factor) => factor.name },
          { header: t('user.col.type'), cell: (factor) => <code>{factor.type.toUpperCase()}</code> },
          { header: t('common.state'), cell: (factor) => <Badge tone={factor.state === 'active' ? 'ok' : 'warn'}>{factor.state === 'active' ? t('common.active') : t('user.pending')}</Badge> },
          { header: t('user.col.last_used'), cell: (factor) => <span class="muted">{when(factor.last_used_at)}</span>, minor: true },
        ]}
      />
      <ListCard
        id="user-passkeys-h"
        title={t('user.passkeys_title')}
        state={passkeys}
        keyOf={(passkey) => passkey.id}
        empty={t('user.passkeys_empty')}
        columns={[
          { header: t('user.col.name'), cell: (passkey) => passkey.name },
          { header: t('user.col.kind'), cell: (passkey) => (passkey.device_type === 'multiDevice' ? t('user.passkey_synced') : t('user.passkey_device')) },
          { header: t('common.created'), cell: (passkey) => <span class="muted">{formatDateTime(passkey.created_at)}</span>, minor: true },
          { header: t('user.col.last_used'), cell: (passkey) => <span class="muted">{when(passkey.last_used_at)}</span>, minor: true },
        ]}
        rowAction={canManage ? (passkey) => <Button small onClick={() => setPending({ kind: 'passkey', id: passkey.id, name: passkey.name })} aria-label={t('user.passkey_remove_label', { name: passkey.name })}>{t('user.remove')}</Button> : undefined}
      />
      <ListCard
        id="user-identities-h"
        title={t('user.identities_title')}
        state={identities}
        keyOf={(identity) => identity.id}
        empty={t('user.identities_empty')}
        columns={[
          { header: t('user.col.provider'), cell: (identity) => identity.provider_name ?? identity.provider_slug ?? identity.provider_id },
          { header: t('user.col.subject'), cell: (identity) => <code>{identity.subject}</code>, minor: true },
          { header: t('user.field.email'), cell: (identity) => identity.email ?? t('common.none') },
          { header: t('user.col.last_used'), cell: (identity) => <span class="muted">{when(identity.last_used_at)}</span>, minor: true },
        ]}
        rowAction={canManage ? (identity) => {
          const name = identity.provider_name ?? identity.provider_slug ?? identity.provider_id;
          return <Button small onClick={() => setPending({ kind: 'identity', id: identity.id, name })} aria-label={t('user.identity_unlink_label', { name })}>{t('user.unlink')}</Button>;
        } : undefined}
      />
      <ConfirmDialog
        open={pending !== null}
        title={pending?.kind === 'mfa' ? t('user.mfa_reset_title') : pending?.kind === 'passkey' ? t('user.passkey_remove_title', { name: pending.name }) : t('user.identity_unlink_title', { name: pending?.kind === 'identity' ? pending.name : '' })}
        body={<p>{pending?.kind === 'mfa' ? t('user.mfa_reset_body') : pending?.kind === 'passkey' ? t('user.passkey_remove_body') : t('user.identity_unlink_body')}</p>}
        confirmLabel={pending?.kind === 'mfa' ? t('user.mfa_reset') : pending?.kind === 'passkey' ? t('user.remove') : t('user.unlink')}
        onConfirm={confirm}
        onClose={() => setPending(null)}
      />
    </div>
  );
}
