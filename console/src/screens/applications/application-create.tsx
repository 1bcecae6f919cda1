/**
 * Creating an application: the kind first (each explained, since it is fixed once made), then the
 * few settings that kind needs to work; the rest keeps the kind's defaults and is on its page.
 */
import { useState } from 'preact/hooks';
import { ApiError } from '../../api/api-error.ts';
import { unwrap } from '../../api/client.ts';
import type { RequestOf, ResponseOf } from '../../api/types.ts';
import { t, type MessageKey } from '../../i18n/i18n.ts';
import { useApp } from '../../ui/app-context.tsx';
import { Button } from '../../ui/button.tsx';
import { Modal } from '../../ui/dialog.tsx';
import { CancelAndAct } from '../../ui/form-actions.tsx';
import { ErrorNotice } from '../../ui/states.tsx';
import { useAction } from '../../ui/use-action.ts';
import { bodyOf, newDraft, type AppDraft, type DraftProblems } from './application-draft.ts';
import { ApplicationFields } from './application-fields.tsx';
import { fieldErrors, invalidLists, KINDS, type Kind } from './application-kinds.ts';

export type CreatedApp = ResponseOf<'/admin/v1/realms/{realm}/applications', 'post'>;

export function ApplicationCreate({ realm, open, onClose, onCreated }: { realm: string; open: boolean; onClose(): void; onCreated(app: CreatedApp): void }) {
  const { api } = useApp();
  const [kind, setKind] = useState<Kind>('web');
  const [step, setStep] = useState<'kind' | 'settings'>('kind');
  const [draft, setDraft] = useState<AppDraft>(() => newDraft('web'));
  // The kind the draft was made for: going back and on with the same kind keeps what was typed.
  const [draftKind, setDraftKind] = useState<Kind>('web');
  const [problems, setProblems] = useState<DraftProblems>({});
  const { busy, error, setError, run } = useAction();
  const errors = error instanceof ApiError ? fieldErrors(error.details) : {};
  const formId = 'application-create-form';

  function close() {
    setStep('kind');
    setError(null);
    setDraft(newDraft(kind));
    setDraftKind(kind);
    onClose();
  }

  async function submit(event: Event) {
    event.preventDefault();
    if (step === 'kind') {
      if (kind !== draftKind) {
        setDraft((before) => ({ ...newDraft(kind), name: before.name }));
        setDraftKind(kind);
      }
      setStep('settings');
      return;
    }
    const { body, problems: found } = bodyOf(kind, draft);
    // Text that is not what its field takes (JWKS that is not JSON…) is shown at the field, not sent.
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    await run(async () => {
      const made = await unwrap(api.POST('/admin/v1/realms/{realm}/applications', { params: { path: { realm } }, body: { ...body, kind } as RequestOf<'/admin/v1/realms/{realm}/applications', 'post'> }));
      setStep('kind');
      onCreated(made);
    });
  }

  return (
    <Modal
      open={open}
      title={t('apps.create_title')}
      onClose={close}
      footer={
        step === 'kind' ? (
          <CancelAndAct onCancel={close} form={formId} label={t('apps.next')} />
        ) : (
          <>
            <Button onClick={() => setStep('kind')}>{t('apps.back')}</Button>
            <Button variant="primary" type="submit" form={formId} busy={busy}>{t('apps.create')}</Button>
          </>
        )
      }
    >
      <form id={formId} onSubmit={submit} noValidate>
        {step === 'kind' ? (
          <fieldset class="kind-picker">
            <legend>{t('apps.step_kind')}</legend>
            <p class="help">{t('apps.step_kind_help')}</p>
            {KINDS.map((option) => (
              <label key={option} class={`kind-option${kind === option ? ' chosen' : ''}`}>
                <input type="radio" name="kind" value={option} checked={kind === option} onChange={() => setKind(option)} />
                <span>
                  <strong>{t(`apps.kind.${option}` as MessageKey)}</strong>
                  <span class="help">{t(`apps.kind_help.${option}` as MessageKey)}</span>
                </span>
              </label>
            ))}
          </fieldset>
        ) : (
          <>
            <p class="kind-chosen">
              <span class="badge accent">{t(`apps.kind.${kind}` as MessageKey)}</span> <span class="muted small">{t(`apps.kind_help.${kind}` as MessageKey)}</span>
            </p>
            <ApplicationFields kind={kind} draft={draft} onChange={setDraft} errors={errors} invalid={error instanceof ApiError ? invalidLists(error.details) : {}} problems={problems} />
            {error ? <ErrorNotice error={error} /> : null}
          </>
        )}
      </form>
    </Modal>
  );
}
