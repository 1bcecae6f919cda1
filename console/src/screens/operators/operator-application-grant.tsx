/**
 * Giving grants to an operator application, or changing them (PUT replaces them all): a machine
 * application of the admin realm is picked by searching its applications, then the same grants
 * editor as for operators.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../../api/api-error.ts';
import { unwrap } from '../../api/client.ts';
import type { Grant } from '../../auth/permissions.ts';
import { t } from '../../i18n/i18n.ts';
import { useApp } from '../../ui/app-context.tsx';
import { Button } from '../../ui/button.tsx';
import { Modal } from '../../ui/dialog.tsx';
import { CancelAndAct } from '../../ui/form-actions.tsx';
import { SearchField } from '../../ui/fields.tsx';
import { ErrorNotice, Loading } from '../../ui/states.tsx';
import { useAction } from '../../ui/use-action.ts';
import { useAsync } from '../../ui/use-async.ts';
import { useDebounced } from '../../ui/use-debounced.ts';
import { fieldErrors } from '../applications/application-kinds.ts';
import { GrantsEditor } from './grants-editor.tsx';
import { draftOf, draftProblem, emptyDraft, grantsOf } from './grants.ts';

export interface Target {
  client_id: string;
  name: string;
  grants: Grant[];
}

function MachinePicker({ onPick, granted }: { onPick(app: { client_id: string; name: string }): void; granted: Set<string> }) {
  const { api } = useApp();
  const [query, setQuery] = useState('');
  const q = useDebounced(query.trim(), 150);
  // Only machine applications sign in with client credentials; the server searches them by name.
  const apps = useAsync((signal) => unwrap(api.GET('/admin/v1/realms/{realm}/applications', { params: { path: { realm: 'admin' }, query: { limit: 20, kind: 'machine', ...(q ? { q } : {}) } }, signal })), [q]);
  const machines = apps.data?.items ?? [];
  return (
    <div class="field">
      <div class="field-label">{t('operator_apps.pick')}</div>
      <p class="help">{t('operator_apps.pick_help')}</p>
      <SearchField label={t('operator_apps.pick_search')} value={query} onValue={setQuery} placeholder={t('operator_apps.pick_placeholder')} />
      {apps.error ? <ErrorNotice error={apps.error} onRetry={apps.reload} /> : null}
      {apps.loading && !apps.data ? <Loading rows={2} /> : machines.length === 0 && !apps.error ? (
        <p class="muted small" role="status">{t('operator_apps.pick_none')}</p>
      ) : (
        <ul class="picker-results" aria-label={t('operator_apps.pick')}>
          {machines.map((app) => (
            <li key={app.client_id}>
              <span class="picker-name">
                <strong>{app.name}</strong> <code class="muted">{app.client_id}</code>
                {granted.has(app.client_id) ? <span class="muted small"> · {t('operator_apps.has_grants')}</span> : null}
              </span>
              <Button small aria-label={t('operator_apps.pick_choose', { name: app.name })} onClick={() => onPick(app)}>{t('operator_apps.pick_choose_short')}</Button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function OperatorApplicationGrant({ open, target, granted, onClose, onSaved }: { open: boolean; target: Target | null; granted: Set<string>; onClose(): void; onSaved(name: string): void }) {
  const { api } = useApp();
  const [picked, setPicked] = useState<{ client_id: string; name: string } | null>(null);
  const [draft, setDraft] = useState(emptyDraft);
  // The application whose grants are being read: an answer for another (picked before) is dropped.
  const reading = useRef<string | null>(null);
  const { busy, error, setError, run } = useAction();
  const [tried, setTried] = useState(false);
  useEffect(() => {
    if (!open) return;
    setPicked(target ? { client_id: target.client_id, name: target.name } : null);
    setDraft(target ? draftOf(target.grants) : emptyDraft());
    setError(null);
    setTried(false);
  }, [open, target]);
  const grants = grantsOf(draft);
  const problem = !picked ? t('operator_apps.pick_required') : draftProblem(draft) ? t('grants.no_realms') : grants.length === 0 ? t('operator_apps.no_grants_warning') : null;
  const fields = error instanceof ApiError ? fieldErrors(error.details) : {};

  async function save(event: Event) {
    event.preventDefault();
    setTried(true);
    if (problem || !picked) return;
    await run(async () => {
      await unwrap(api.PUT('/admin/v1/operator-applications/{application}', { params: { path: { application: picked.client_id } }, body: { grants } }));
      onSaved(picked.name);
    });
  }

  const formId = 'operator-app-grant-form';
  return (
    <Modal
      open={open}
      title={target ? t('operator_apps.change_title', { name: target.name }) : t('operator_apps.give_title')}
      onClose={onClose}
      footer={
        <CancelAndAct onCancel={onClose} form={formId} busy={busy} label={t('operator_apps.save')} />
      }
    >
      <form id={formId} onSubmit={save} noValidate>
        {picked ? (
          <div class="picked">
            <span>{t('operator_apps.picked', { name: picked.name })} <code class="muted">{picked.client_id}</code></span>
            {target ? null : <Button small variant="ghost" onClick={() => setPicked(null)}>{t('operator_apps.pick_change')}</Button>}
          </div>
        ) : (
          <MachinePicker
            granted={granted}
            onPick={(app) => {
              setPicked(app);
              // Nothing of an application picked before carries over; one that already has grants
              // starts from them (PUT replaces them), one without (404) from none.
              setDraft(emptyDraft());
              reading.current = app.client_id;
              void unwrap(api.GET('/admin/v1/operator-applications/{application}', { params: { path: { application: app.client_id } } })).then(
                (found) => {
                  if (reading.current === app.client_id) setDraft(draftOf(found.grants));
                },
                () => undefined,
              );
            }}
          />
        )}
        <GrantsEditor draft={draft} onChange={setDraft} error={tried && problem ? problem : fields.grants} />
        {error ? <ErrorNotice error={error} /> : null}
      </form>
    </Modal>
  );
}
