/**
 * The realm's signing keys (metadata only, newest first): rotation, and revoking a retired key at
 * once (a key thought leaked), each confirmed first.
 */
import { useState } from 'preact/hooks';
import { unwrap } from '../../api/client.ts';
import type { Realm } from '../../api/types.ts';
import { formatDateTime, t } from '../../i18n/i18n.ts';
import { useApp } from '../../ui/app-context.tsx';
import { Button } from '../../ui/button.tsx';
import { ConfirmDialog } from '../../ui/dialog.tsx';
import { Badge, Empty, ErrorNotice, Loading } from '../../ui/states.tsx';
import { useToast } from '../../ui/toasts.tsx';
import { useAsync } from '../../ui/use-async.ts';

export function RealmKeys({ realm, canManage }: { realm: Realm; canManage: boolean }) {
  const { api } = useApp();
  const notify = useToast();
  const [confirming, setConfirming] = useState(false);
  const [revoking, setRevoking] = useState<string | null>(null);
  const keys = useAsync((signal) => unwrap(api.GET('/admin/v1/realms/{realm}/keys', { params: { path: { realm: realm.id }, query: { limit: 50 } }, signal })), [realm.id]);
  return (
    <section class="card" aria-labelledby="realm-keys">
      <div class="realm-card-head">
        <h2 id="realm-keys">{t('realm.keys.title')}</h2>
        {canManage ? <Button small onClick={() => setConfirming(true)}>{t('realm.keys.rotate')}</Button> : null}
      </div>
      <p class="muted small">{t('realm.keys.intro')}</p>
      {keys.error ? <ErrorNotice error={keys.error} onRetry={keys.reload} /> : null}
      {!keys.data && !keys.error ? <Loading rows={2} /> : null}
      {keys.data && keys.data.items.length === 0 ? <Empty title={t('realm.keys.empty')} /> : null}
      {keys.data && keys.data.items.length > 0 ? (
        <div class="realm-table-scroll">
          <table class="data" aria-label={t('realm.keys.list_label', { name: realm.name })}>
            <thead>
              <tr>
                <th scope="col">{t('realm.keys.col.kid')}</th>
                <th scope="col">{t('realm.keys.col.algorithm')}</th>
                <th scope="col">{t('realm.keys.col.state')}</th>
                <th scope="col" class="realm-hide-phone">{t('realm.keys.col.created')}</th>
                <th scope="col" class="realm-hide-phone">{t('realm.keys.col.verify_until')}</th>
              </tr>
            </thead>
            <tbody>
              {keys.data.items.map((key) => (
                <tr key={key.kid}>
                  <td><code class="realm-kid">{key.kid}</code></td>
                  <td>{key.algorithm}</td>
                  <td>
                    <div class="realm-key-state">
                      <Badge tone={key.state === 'active' ? 'ok' : undefined}>{key.state === 'active' ? t('realm.keys.active') : t('realm.keys.retired')}</Badge>
                      {canManage && key.state === 'retired' ? (
                        <Button small variant="danger" aria-label={t('realm.keys.revoke_label', { kid: key.kid })} onClick={() => setRevoking(key.kid)}>
                          {t('realm.keys.revoke')}
                        </Button>
                      ) : null}
                    </div>
                  </td>
                  <td class="realm-hide-phone muted">{formatDateTime(key.created_at)}</td>
                  <td class="realm-hide-phone muted">{key.verify_until ? formatDateTime(key.verify_until) : t('common.none')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <ConfirmDialog
        open={confirming}
        title={t('realm.keys.rotate_title')}
        body={<p>{t('realm.keys.rotate_body')}</p>}
        confirmLabel={t('realm.keys.rotate')}
        danger={false}
        onClose={() => setConfirming(false)}
        onConfirm={async () => {
          await unwrap(api.POST('/admin/v1/realms/{realm}/keys/rotate', { params: { path: { realm: realm.id } } }));
          keys.reload();
          notify(t('realm.keys.rotated'));
        }}
      />
      <ConfirmDialog
        open={revoking !== null}
        title={t('realm.keys.revoke_title')}
        body={<p>{t('realm.keys.revoke_body', { kid: revoking ?? '' })}</p>}
        confirmLabel={t('realm.keys.revoke')}
        danger
        onClose={() => setRevoking(null)}
        onConfirm={async () => {
          await unwrap(api.DELETE('/admin/v1/realms/{realm}/keys/{kid}', { params: { path: { realm: realm.id, kid: revoking ?? '' } } }));
          keys.reload();
          notify(t('realm.keys.revoked'));
        }}
      />
    </section>
  );
}
