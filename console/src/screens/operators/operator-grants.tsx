/**
 * An operator's permissions: the grants editor for a superadmin (a warning before taking away their
 * own superadmin; the API refuses if it is the last one and the refusal is shown here), badges and
 * realm names for everyone else.
 */
import { useEffect, useState } from 'preact/hooks';
import { unwrap } from '../../api/client.ts';
import { t } from '../../i18n/i18n.ts';
import { useApp } from '../../ui/app-context.tsx';
import { Button } from '../../ui/button.tsx';
import { ConfirmDialog } from '../../ui/dialog.tsx';
import { ErrorNotice } from '../../ui/states.tsx';
import { useToast } from '../../ui/toasts.tsx';
import { useAction } from '../../ui/use-action.ts';
import { GrantBadges, GrantsEditor } from './grants-editor.tsx';
import { draftOf, draftProblem, dropsSuperadmin, grantsOf, sameGrants } from './grants.ts';
import type { Operator } from './operator-page.tsx';
import { RealmPicker } from './realm-picker.tsx';

export function OperatorGrants({ operator, manage, self, onSaved }: { operator: Operator; manage: boolean; self: boolean; onSaved(operator: Operator): void }) {
  const { api } = useApp();
  const notify = useToast();
  const [draft, setDraft] = useState(() => draftOf(operator.grants));
  const { busy, error, attempt } = useAction();
  const [tried, setTried] = useState(false);
  const [confirmOwn, setConfirmOwn] = useState(false);
  useEffect(() => setDraft(draftOf(operator.grants)), [operator.id, JSON.stringify(operator.grants)]);

  if (!manage) {
    const realms = operator.grants.flatMap((grant) => (grant.permission === 'admin_realm' ? grant.realms : []));
    return (
      <section class="card" aria-labelledby="operator-grants">
        <h2 id="operator-grants">{t('operator.grants')}</h2>
        <GrantBadges grants={operator.grants} />
        {realms.length > 0 ? <div style="margin-top:12px"><RealmPicker value={realms} onChange={() => {}} disabled /></div> : null}
      </section>
    );
  }

  const grants = grantsOf(draft);
  const problem = draftProblem(draft);
  const unchanged = sameGrants(grants, operator.grants);

  async function send() {
    await attempt(async () => {
      onSaved(await unwrap(api.PATCH('/admin/v1/operators/{operator}', { params: { path: { operator: operator.id } }, body: { grants } })));
      notify(t('operator.grants_saved'));
    });
  }

  async function save(event: Event) {
    event.preventDefault();
    setTried(true);
    if (problem) return;
    if (self && dropsSuperadmin(operator.grants, grants)) {
      setConfirmOwn(true);
      return;
    }
    await send().catch(() => undefined);
  }

  return (
    <form class="card" aria-labelledby="operator-grants" onSubmit={save} noValidate>
      <h2 id="operator-grants">{t('operator.grants')}</h2>
      <GrantsEditor bare draft={draft} onChange={setDraft} error={tried && problem ? t('grants.no_realms') : undefined} />
      {error ? <ErrorNotice error={error} /> : null}
      <div class="card-foot">
        <Button variant="primary" type="submit" busy={busy} disabled={unchanged}>{t('operator.grants_save')}</Button>
      </div>
      <ConfirmDialog
        open={confirmOwn}
        title={t('operator.own_superadmin_title')}
        body={<p>{t('operator.own_superadmin_body')}</p>}
        confirmLabel={t('operator.own_superadmin_confirm')}
        onConfirm={send}
        onClose={() => setConfirmOwn(false)}
      />
    </form>
  );
}
