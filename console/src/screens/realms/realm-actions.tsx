/**
 * What can be done to a realm as a whole: deactivate or activate it (with Undo, since the API takes
 * it back), reset it (users and events deleted, typed confirmation) and delete it (typed
 * confirmation). The built-in admin realm refuses all three (the API answers 422), so they are not
 * offered for it; deleting needs a permission of its own.
 */
import { useState } from 'preact/hooks';
import { unwrap } from '../../api/client.ts';
import type { Realm } from '../../api/types.ts';
import { t } from '../../i18n/i18n.ts';
import { useApp } from '../../ui/app-context.tsx';
import { Button } from '../../ui/button.tsx';
import { ConfirmDialog } from '../../ui/dialog.tsx';
import { useToast } from '../../ui/toasts.tsx';

type Asking = 'deactivate' | 'reset' | 'delete' | null;

/** Whether a realm is the built-in admin realm, which cannot be deactivated, reset or deleted. */
export const isSystemRealm = (realm: Pick<Realm, 'is_system' | 'slug'>) => realm.is_system || realm.slug === 'admin';

export function RealmActions({ realm, canManage, onChanged }: { realm: Realm; canManage: boolean; onChanged(realm: Realm): void }) {
  const { api, can, navigate } = useApp();
  const notify = useToast();
  const [asking, setAsking] = useState<Asking>(null);
  const [busy, setBusy] = useState(false);
  if (!canManage) return null;
  if (isSystemRealm(realm)) {
    return (
      <section class="card" aria-labelledby="realm-actions">
        <h2 id="realm-actions">{t('realm.actions.title')}</h2>
        <p class="muted">{t('realm.actions.system_note')}</p>
      </section>
    );
  }
  const path = { params: { path: { realm: realm.id } } };
  const setState = async (state: 'active' | 'inactive') => onChanged(await unwrap(api.PATCH('/admin/v1/realms/{realm}', { ...path, body: { state } })));
  const name = realm.name;

  async function activate() {
    setBusy(true);
    try {
      await setState('active');
      notify(t('realm.actions.activated', { name }), { undo: () => setState('inactive').catch((error: Error) => notify(error.message, { tone: 'error' })) });
    } catch (error) {
      notify((error as Error).message, { tone: 'error' });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="card realm-danger" aria-labelledby="realm-actions">
      <h2 id="realm-actions">{t('realm.actions.title')}</h2>
      <div class="realm-action-row">
        <p class="muted small">{t('realm.actions.state_help')}</p>
        {realm.state === 'active' ? (
          <Button onClick={() => setAsking('deactivate')}>{t('realm.actions.deactivate')}</Button>
        ) : (
          <Button variant="primary" busy={busy} onClick={activate}>{t('realm.actions.activate')}</Button>
        )}
      </div>
      <div class="realm-action-row">
        <p class="muted small">{t('realm.actions.reset_body')}</p>
        <Button variant="danger" onClick={() => setAsking('reset')}>{t('realm.actions.reset')}</Button>
      </div>
      {can.deleteRealms ? (
        <div class="realm-action-row">
          <p class="muted small">{t('realm.actions.delete_body')}</p>
          <Button variant="danger" onClick={() => setAsking('delete')}>{t('realm.actions.delete')}</Button>
        </div>
      ) : null}
      <ConfirmDialog
        open={asking === 'deactivate'}
        title={t('realm.actions.deactivate_title', { name })}
        body={<p>{t('realm.actions.deactivate_body')}</p>}
        confirmLabel={t('realm.actions.deactivate')}
        onClose={() => setAsking(null)}
        onConfirm={async () => {
          await setState('inactive');
          notify(t('realm.actions.deactivated', { name }), { undo: () => setState('active').catch((error: Error) => notify(error.message, { tone: 'error' })) });
        }}
      />
      <ConfirmDialog
        open={asking === 'reset'}
        title={t('realm.actions.reset_title', { name })}
        body={<p>{t('realm.actions.reset_body')}</p>}
        confirmLabel={t('realm.actions.reset')}
        typedWord={realm.slug}
        onClose={() => setAsking(null)}
        onConfirm={async () => {
          onChanged(await unwrap(api.POST('/admin/v1/realms/{realm}/reset', { ...path, body: {} })));
          notify(t('realm.actions.reset_started', { name }));
        }}
      />
      <ConfirmDialog
        open={asking === 'delete'}
        title={t('realm.actions.delete_title', { name })}
        body={<p>{t('realm.actions.delete_body')}</p>}
        confirmLabel={t('realm.actions.delete')}
        typedWord={realm.slug}
        onClose={() => setAsking(null)}
        onConfirm={async () => {
          await unwrap(api.DELETE('/admin/v1/realms/{realm}', path));
          notify(t('realm.actions.deleted', { name }));
          navigate('/realms');
        }}
      />
    </section>
  );
}
