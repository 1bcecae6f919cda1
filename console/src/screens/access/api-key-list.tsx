/**
 * The realm's own API keys (its service account): what each may do, when it expires and was last
 * used. Managers make keys (shown once), revoke them, and read back those kept under `encrypt`.
 */
import { useState } from 'preact/hooks';
import { unwrap } from '../../api/client.ts';
import type { ItemOf } from '../../api/types.ts';
import { formatDateTime, formatRelative, t } from '../../i18n/i18n.ts';
import { useApp } from '../../ui/app-context.tsx';
import { Button } from '../../ui/button.tsx';
import { ConfirmDialog, Modal } from '../../ui/dialog.tsx';
import { PageHead } from '../../ui/page.tsx';
import { Badge, Empty, ErrorNotice, Loading } from '../../ui/states.tsx';
import { useToast } from '../../ui/toasts.tsx';
import { useAsync } from '../../ui/use-async.ts';
import { VirtualTable, type Column } from '../../ui/virtual-table.tsx';
import { useRealm } from '../realms/realm-frame.tsx';
import { ApiKeyForm, KeyShown } from './api-key-create.tsx';

type Key = ItemOf<'/admin/v1/realms/{realm}/api-keys'>;

function Capabilities({ value }: { value: Key['capabilities'] }) {
  const entries = Object.entries(value);
  if (!entries.length) return <span class="muted">{t('access.keys.no_capabilities')}</span>;
  return <span class="mono small" title={entries.map(([name, effect]) => `${name}: ${effect}`).join(', ')}>{entries.map(([name, effect]) => `${name}: ${effect}`).join(', ')}</span>;
}

export function ApiKeyList(_props: { params: Record<string, string> }) {
  const { api } = useApp();
  const { realm, canManage } = useRealm();
  const notify = useToast();
  const [creating, setCreating] = useState(false);
  const [shown, setShown] = useState<{ name: string; key: string; once: boolean } | null>(null);
  const [revoking, setRevoking] = useState<Key | null>(null);
  const [retrieving, setRetrieving] = useState<string | null>(null);
  const keys = useAsync(async (signal) => (await unwrap(api.GET('/admin/v1/realms/{realm}/api-keys', { params: { path: { realm: realm.id } }, signal }))).items, [realm.id]);
  const encrypt = realm.api_keys.policy === 'encrypt';

  async function retrieve(key: Key) {
    setRetrieving(key.id);
    try {
      const { api_key } = await unwrap(api.POST('/admin/v1/realms/{realm}/api-keys/{id}/retrieve', { params: { path: { realm: realm.id, id: key.id } } }));
      setShown({ name: key.name, key: api_key, once: false });
    } catch (error) {
      notify((error as Error).message, { tone: 'error' });
    } finally {
      setRetrieving(null);
    }
  }

  const columns: Column<Key>[] = [
    { header: t('access.keys.name'), width: 'minmax(0,1.2fr)', cell: (key) => <span><strong>{key.name}</strong><br /><code class="muted small">{key.id}</code></span> },
    { header: t('access.keys.service'), width: 'minmax(0,0.8fr)', hideBelow: 900, cell: (key) => (key.service ? <code>{key.service}</code> : <span class="muted">{t('access.keys.any_service')}</span>) },
    { header: t('access.keys.capabilities'), width: 'minmax(0,1.3fr)', hideBelow: 700, cell: (key) => <Capabilities value={key.capabilities} /> },
    {
      header: t('access.keys.expires'),
      width: '150px',
      hideBelow: 560,
      cell: (key) => (key.expires_at ? (Date.parse(key.expires_at) < Date.now() ? <Badge tone="danger">{t('access.keys.expired')}</Badge> : <span title={formatDateTime(key.expires_at)}>{formatRelative(key.expires_at)}</span>) : <span class="muted">{t('access.keys.never')}</span>),
    },
    { header: t('access.keys.last_used'), width: '150px', hideBelow: 1100, cell: (key) => (key.last_used_at ? <span class="muted" title={`${formatDateTime(key.last_used_at)} ${key.last_used_ip ?? ''}`}>{formatRelative(key.last_used_at)}</span> : <span class="muted">{t('access.keys.unused')}</span>) },
    { header: t('access.keys.storage'), width: '96px', hideBelow: 1000, cell: (key) => <Badge tone={key.policy === 'encrypt' ? 'accent' : undefined}>{key.policy === 'encrypt' ? t('access.keys.encrypted') : t('access.keys.hashed')}</Badge> },
    ...(canManage
      ? [{
          header: t('access.col.actions'),
          width: '170px',
          cell: (key: Key) => (
            <span class="access-row-actions">
              {key.policy === 'encrypt' ? <Button small variant="ghost" busy={retrieving === key.id} aria-label={t('access.keys.retrieve_label', { name: key.name })} onClick={() => retrieve(key)}>{t('access.keys.retrieve')}</Button> : null}
              <Button small variant="ghost" aria-label={t('access.keys.revoke_label', { name: key.name })} onClick={() => setRevoking(key)}>{t('access.keys.revoke')}</Button>
            </span>
          ),
        }]
      : []),
  ];
  return (
    <>
      <PageHead
        title={t('access.keys.title')}
        crumbs={[{ label: realm.name, to: `/realms/${encodeURIComponent(realm.id)}` }]}
        actions={canManage ? <Button variant="primary" onClick={() => setCreating(true)}>{t('access.keys.create')}</Button> : null}
      />
      <p class="muted access-lead">{t('access.keys.lead')}</p>
      <div class="notice access-policy" role="note">
        <div><strong>{t('access.keys.policy_title')}</strong> {encrypt ? t('access.keys.policy_encrypt') : t('access.keys.policy_hash')}</div>
      </div>
      {keys.error ? <ErrorNotice error={keys.error} onRetry={keys.reload} /> : null}
      {!keys.data && !keys.error ? (
        <div class="table-wrap"><Loading rows={4} /></div>
      ) : keys.data && keys.data.length === 0 ? (
        <div class="table-wrap"><Empty title={t('access.keys.empty')}><p>{canManage ? t('access.keys.empty_hint') : t('access.keys.empty_hint_read')}</p></Empty></div>
      ) : keys.data ? (
        <VirtualTable label={t('access.keys.title')} items={keys.data} columns={columns} keyOf={(key) => key.id} complete loading={false} onEndReached={() => {}} rowHeight={60} />
      ) : null}
      {canManage ? (
        <>
          <Modal open={creating} title={t('access.keys.create_title')} onClose={() => setCreating(false)}>
            <ApiKeyForm
              onCancel={() => setCreating(false)}
              onSubmit={async (draft) => {
                const made = await unwrap(api.POST('/admin/v1/realms/{realm}/api-keys', { params: { path: { realm: realm.id } }, body: draft }));
                setCreating(false);
                const { api_key, ...listed } = made;
                keys.set([...(keys.data ?? []), listed]);
                setShown({ name: made.name, key: api_key, once: made.policy === 'hash' });
              }}
            />
          </Modal>
          <KeyShown shown={shown} onClose={() => setShown(null)} />
          <ConfirmDialog
            open={revoking !== null}
            title={t('access.keys.revoke_title', { name: revoking?.name ?? '' })}
            body={<p>{t('access.keys.revoke_body')}</p>}
            typedWord={revoking?.name}
            confirmLabel={t('access.keys.revoke')}
            onClose={() => setRevoking(null)}
            onConfirm={async () => {
              const gone = revoking!;
              await unwrap(api.DELETE('/admin/v1/realms/{realm}/api-keys/{id}', { params: { path: { realm: realm.id, id: gone.id } } }));
              keys.set((keys.data ?? []).filter((key) => key.id !== gone.id));
              notify(t('access.keys.revoked', { name: gone.name }));
            }}
          />
        </>
      ) : null}
    </>
  );
}
