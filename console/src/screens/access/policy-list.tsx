/**
 * The realm's Cedar policy modules. Without any, the default engine decides (said here, since an
 * empty list changes what authorize answers); with one, Cedar decides every check.
 */
import { useState } from 'preact/hooks';
import { unwrap } from '../../api/client.ts';
import type { ItemOf } from '../../api/types.ts';
import { formatDateTime, formatNumber, t } from '../../i18n/i18n.ts';
import { useApp } from '../../ui/app-context.tsx';
import { Button } from '../../ui/button.tsx';
import { Modal } from '../../ui/dialog.tsx';
import { CancelAndAct } from '../../ui/form-actions.tsx';
import { TextField } from '../../ui/fields.tsx';
import { Link } from '../../ui/link.tsx';
import { PageHead } from '../../ui/page.tsx';
import { Empty, ErrorNotice, Loading } from '../../ui/states.tsx';
import { useAsync } from '../../ui/use-async.ts';
import { VirtualTable, type Column } from '../../ui/virtual-table.tsx';
import { useRealm } from '../realms/realm-frame.tsx';
import { MODULE_NAME } from './access-logic.ts';

type Module = ItemOf<'/admin/v1/realms/{realm}/policies'>;

function NewModule({ open, taken, onClose, onChosen }: { open: boolean; taken: string[]; onClose(): void; onChosen(name: string): void }) {
  const [name, setName] = useState('');
  const [error, setError] = useState<string | undefined>();
  return (
    <Modal open={open} title={t('access.policies.new_title')} onClose={onClose}>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const value = name.trim();
          if (!MODULE_NAME.test(value)) return setError(t('access.policies.name_invalid'));
          if (taken.includes(value)) return setError(t('access.policies.name_taken'));
          setName('');
          setError(undefined);
          onChosen(value);
        }}
      >
        <TextField label={t('access.policies.module_name')} value={name} onValue={setName} required maxLength={64} autocomplete="off" help={t('access.policies.module_name_help')} error={error} />
        <div class="access-form-foot">
          <CancelAndAct onCancel={onClose} label={t('access.policies.continue')} />
        </div>
      </form>
    </Modal>
  );
}

export function PolicyList(_props: { params: Record<string, string> }) {
  const { api, navigate } = useApp();
  const { realm, canManage } = useRealm();
  const [creating, setCreating] = useState(false);
  const base = `/realms/${encodeURIComponent(realm.id)}/policies`;
  const modules = useAsync(async (signal) => (await unwrap(api.GET('/admin/v1/realms/{realm}/policies', { params: { path: { realm: realm.id } }, signal }))).items, [realm.id]);
  const columns: Column<Module>[] = [
    { header: t('access.policies.col.module'), width: 'minmax(0,1.6fr)', cell: (item) => <Link to={`${base}/${encodeURIComponent(item.module)}`} class="row-link mono">{item.module}</Link> },
    { header: t('access.policies.col.policies'), width: '110px', cell: (item) => formatNumber(item.policy_count) },
    { header: t('access.policies.col.version'), width: '90px', hideBelow: 640, cell: (item) => formatNumber(item.version) },
    { header: t('common.updated'), width: '190px', hideBelow: 820, cell: (item) => <span class="muted">{formatDateTime(item.updated_at)}</span> },
  ];
  const count = modules.data?.length ?? 0;
  return (
    <>
      <PageHead
        title={t('access.policies.title')}
        crumbs={[{ label: realm.name, to: `/realms/${encodeURIComponent(realm.id)}` }]}
        actions={canManage ? <Button variant="primary" onClick={() => setCreating(true)}>{t('access.policies.new')}</Button> : null}
      />
      {modules.data ? (
        <div class="notice access-policy" role="note">
          <div>{count === 0 ? t('access.policies.default_engine') : t('access.policies.cedar_engine')}</div>
        </div>
      ) : null}
      {modules.error ? <ErrorNotice error={modules.error} onRetry={modules.reload} /> : null}
      {!modules.data && !modules.error ? (
        <div class="table-wrap"><Loading rows={3} /></div>
      ) : modules.data && count === 0 ? (
        <div class="table-wrap"><Empty title={t('access.policies.empty')}><p>{canManage ? t('access.policies.empty_hint') : t('access.policies.empty_hint_read')}</p></Empty></div>
      ) : modules.data ? (
        <VirtualTable label={t('access.policies.title')} items={modules.data} columns={columns} keyOf={(item) => item.module} complete loading={false} onEndReached={() => {}} />
      ) : null}
      {canManage ? <NewModule open={creating} taken={(modules.data ?? []).map((item) => item.module)} onClose={() => setCreating(false)} onChosen={(name) => navigate(`${base}/${encodeURIComponent(name)}`)} /> : null}
    </>
  );
}
