/** Creating an operator in a modal: sign-in details, then permissions (a realm picked by searching). */
import { useState } from 'preact/hooks';
import { ApiError } from '../../api/api-error.ts';
import { unwrap } from '../../api/client.ts';
import type { ResponseOf } from '../../api/types.ts';
import { t } from '../../i18n/i18n.ts';
import { useApp } from '../../ui/app-context.tsx';
import { Modal } from '../../ui/dialog.tsx';
import { TextField } from '../../ui/fields.tsx';
import { CancelAndAct } from '../../ui/form-actions.tsx';
import { ErrorNotice } from '../../ui/states.tsx';
import { useAction } from '../../ui/use-action.ts';
import { fieldErrors } from '../applications/application-kinds.ts';
import { GrantsEditor } from './grants-editor.tsx';
import { draftProblem, emptyDraft, grantsOf } from './grants.ts';

type Operator = ResponseOf<'/admin/v1/operators', 'post'>;

export function OperatorCreate({ open, onClose, onCreated }: { open: boolean; onClose(): void; onCreated(operator: Operator): void }) {
  const { api } = useApp();
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [draft, setDraft] = useState(emptyDraft);
  const { busy, error, setError, run } = useAction();
  const [tried, setTried] = useState(false);
  const problem = draftProblem(draft);
  const fields = error instanceof ApiError ? fieldErrors(error.details) : {};
  const formId = 'operator-create-form';

  function reset() {
    setEmail('');
    setDisplayName('');
    setPassword('');
    setDraft(emptyDraft());
    setError(null);
    setTried(false);
  }

  async function submit(event: Event) {
    event.preventDefault();
    setTried(true);
    if (problem) return;
    await run(async () => {
      const made = await unwrap(api.POST('/admin/v1/operators', { body: { email: email.trim(), password, display_name: displayName.trim() || null, grants: grantsOf(draft) } }));
      reset();
      onCreated(made);
    });
  }

  return (
    <Modal
      open={open}
      title={t('operators.create_title')}
      onClose={() => {
        reset();
        onClose();
      }}
      footer={
        <CancelAndAct onCancel={onClose} form={formId} busy={busy} label={t('operators.create')} />
      }
    >
      <form id={formId} onSubmit={submit} noValidate>
        <TextField label={t('operators.field.email')} help={t('operators.field.email_help')} type="email" autocomplete="off" required value={email} onValue={setEmail} error={fields.email} />
        <TextField label={t('operators.field.display_name')} help={t('operators.field.display_name_help')} value={displayName} onValue={setDisplayName} error={fields.display_name} />
        <TextField label={t('operators.field.password')} help={t('operators.field.password_help')} type="password" autocomplete="new-password" required value={password} onValue={setPassword} error={fields.password} />
        <GrantsEditor draft={draft} onChange={setDraft} error={tried && problem ? t('grants.no_realms') : fields.grants} />
        {grantsOf(draft).length === 0 ? <p class="notice warn small">{t('operators.no_grant_warning')}</p> : null}
        {error ? <ErrorNotice error={error} /> : null}
      </form>
    </Modal>
  );
}
