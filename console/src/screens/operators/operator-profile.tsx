/** An operator's email, display name and username: a form for a superadmin, facts for others. */
import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../../api/api-error.ts';
import { unwrap } from '../../api/client.ts';
import { t } from '../../i18n/i18n.ts';
import { useApp } from '../../ui/app-context.tsx';
import { Button } from '../../ui/button.tsx';
import { TextField } from '../../ui/fields.tsx';
import { ErrorNotice } from '../../ui/states.tsx';
import { useToast } from '../../ui/toasts.tsx';
import { useAction } from '../../ui/use-action.ts';
import { fieldErrors } from '../applications/application-kinds.ts';
import type { Operator } from './operator-page.tsx';

export function OperatorProfile({ operator, manage, onSaved }: { operator: Operator; manage: boolean; onSaved(operator: Operator): void }) {
  const { api } = useApp();
  const notify = useToast();
  const [email, setEmail] = useState(operator.email ?? '');
  const [displayName, setDisplayName] = useState(operator.display_name ?? '');
  const [username, setUsername] = useState(operator.username ?? '');
  const { busy, error, run } = useAction();
  useEffect(() => {
    setEmail(operator.email ?? '');
    setDisplayName(operator.display_name ?? '');
    setUsername(operator.username ?? '');
  }, [operator.id, operator.email, operator.display_name, operator.username]);
  const fields = error instanceof ApiError ? fieldErrors(error.details) : {};

  if (!manage) {
    return (
      <section class="card" aria-labelledby="operator-profile">
        <h2 id="operator-profile">{t('operator.profile')}</h2>
        <dl class="props">
          <dt>{t('operators.field.email')}</dt>
          <dd>{operator.email ?? t('common.none')}</dd>
          <dt>{t('operators.field.display_name')}</dt>
          <dd>{operator.display_name ?? t('common.none')}</dd>
          <dt>{t('operators.field.username')}</dt>
          <dd>{operator.username ?? t('common.none')}</dd>
        </dl>
      </section>
    );
  }

  async function save(event: Event) {
    event.preventDefault();
    const body: { email?: string; display_name?: string | null; username?: string | null } = {};
    if (email.trim() !== (operator.email ?? '')) body.email = email.trim();
    if (displayName.trim() !== (operator.display_name ?? '')) body.display_name = displayName.trim() || null;
    if (username.trim() !== (operator.username ?? '')) body.username = username.trim() || null;
    if (Object.keys(body).length === 0) {
      notify(t('operator.unchanged'));
      return;
    }
    await run(async () => {
      onSaved(await unwrap(api.PATCH('/admin/v1/operators/{operator}', { params: { path: { operator: operator.id } }, body })));
      notify(t('operator.profile_saved'));
    });
  }

  return (
    <form class="card" aria-labelledby="operator-profile" onSubmit={save} noValidate>
      <h2 id="operator-profile">{t('operator.profile')}</h2>
      <TextField label={t('operators.field.email')} type="email" value={email} onValue={setEmail} error={fields.email} autocomplete="off" />
      <TextField label={t('operators.field.display_name')} help={t('operators.field.display_name_help')} value={displayName} onValue={setDisplayName} error={fields.display_name} />
      <TextField label={t('operators.field.username')} help={t('operators.field.username_help')} value={username} onValue={setUsername} error={fields.username} autocomplete="off" />
      {error ? <ErrorNotice error={error} /> : null}
      <div class="card-foot">
        <Button variant="primary" type="submit" busy={busy}>{t('common.save')}</Button>
      </div>
    </form>
  );
}
