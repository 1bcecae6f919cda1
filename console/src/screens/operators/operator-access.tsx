/**
 * Whether an operator can sign in (locked, inactive) and deleting them. Lock and deactivate are
 * asked first and can be undone from the toast (PATCH `locked` / `state` reverses them); delete is
 * for good, so the operator's email is typed to confirm.
 */
import { useState } from 'preact/hooks';
import { unwrap } from '../../api/client.ts';
import { t } from '../../i18n/i18n.ts';
import { useApp } from '../../ui/app-context.tsx';
import { Button } from '../../ui/button.tsx';
import { ConfirmDialog } from '../../ui/dialog.tsx';
import { ErrorNotice } from '../../ui/states.tsx';
import { useToast } from '../../ui/toasts.tsx';
import { useAction } from '../../ui/use-action.ts';
import { operatorName, OperatorState } from './operator-list.tsx';
import type { Operator } from './operator-page.tsx';

type Change = { locked: boolean } | { state: 'active' | 'inactive' };

export function OperatorAccess({ operator, manage, onChanged }: { operator: Operator; manage: boolean; onChanged(operator: Operator): void }) {
  const { api } = useApp();
  const notify = useToast();
  const [asking, setAsking] = useState<'lock' | 'deactivate' | null>(null);
  const { busy, error, run } = useAction();
  const name = operatorName(operator);

  const patch = async (body: Change) => onChanged(await unwrap(api.PATCH('/admin/v1/operators/{operator}', { params: { path: { operator: operator.id } }, body })));

  /** Applies a change, then offers its reverse as Undo. */
  async function apply(body: Change, reverse: Change, message: string) {
    await patch(body);
    notify(message, {
      undo: async () => {
        try {
          await patch(reverse);
        } catch (failure) {
          notify((failure as Error).message, { tone: 'error' });
        }
      },
    });
  }

  async function direct(body: Change, reverse: Change, message: string) {
    await run(async () => {
      await apply(body, reverse, message);
    });
  }

  return (
    <section class="card" aria-labelledby="operator-access">
      <h2 id="operator-access">{t('operator.state')}</h2>
      <p class="help-text"><OperatorState operator={operator} /></p>
      <p class="muted small">{t('operator.state_help')}</p>
      {manage ? (
        <div class="actions">
          {operator.locked ? (
            <Button busy={busy} onClick={() => direct({ locked: false }, { locked: true }, t('operator.unlocked_toast', { name }))}>{t('operator.unlock')}</Button>
          ) : (
            <Button onClick={() => setAsking('lock')}>{t('operator.lock')}</Button>
          )}
          {operator.state === 'active' ? (
            <Button onClick={() => setAsking('deactivate')}>{t('operator.deactivate')}</Button>
          ) : (
            <Button busy={busy} onClick={() => direct({ state: 'active' }, { state: 'inactive' }, t('operator.activated_toast', { name }))}>{t('operator.activate')}</Button>
          )}
        </div>
      ) : null}
      {error ? <div style="margin-top:12px"><ErrorNotice error={error} /></div> : null}
      <ConfirmDialog
        open={asking === 'lock'}
        title={t('operator.lock_title', { name })}
        body={<p>{t('operator.lock_body')}</p>}
        confirmLabel={t('operator.lock')}
        onConfirm={() => apply({ locked: true }, { locked: false }, t('operator.locked_toast', { name }))}
        onClose={() => setAsking(null)}
      />
      <ConfirmDialog
        open={asking === 'deactivate'}
        title={t('operator.deactivate_title', { name })}
        body={<p>{t('operator.deactivate_body')}</p>}
        confirmLabel={t('operator.deactivate')}
        onConfirm={() => apply({ state: 'inactive' }, { state: 'active' }, t('operator.deactivated_toast', { name }))}
        onClose={() => setAsking(null)}
      />
    </section>
  );
}

export function OperatorDelete({ operator }: { operator: Operator }) {
  const { api, navigate } = useApp();
  const notify = useToast();
  const [asking, setAsking] = useState(false);
  const name = operatorName(operator);
  return (
    <section class="card danger-zone" aria-labelledby="operator-danger">
      <h2 id="operator-danger">{t('operator.danger')}</h2>
      <p class="muted small">{t('operator.delete_body')}</p>
      <Button variant="danger" onClick={() => setAsking(true)}>{t('operator.delete')}</Button>
      <ConfirmDialog
        open={asking}
        title={t('operator.delete_title', { name })}
        body={<p>{t('operator.delete_body')}</p>}
        confirmLabel={t('operator.delete')}
        typedWord={operator.email ?? operator.id}
        onConfirm={async () => {
          await unwrap(api.DELETE('/admin/v1/operators/{operator}', { params: { path: { operator: operator.id } } }));
          notify(t('operator.deleted', { name }));
          navigate('/operators');
        }}
        onClose={() => setAsking(false)}
      />
    </section>
  );
}
