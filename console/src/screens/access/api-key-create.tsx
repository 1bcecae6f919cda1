/**
 * Making a service key of the realm: its name, the service it is bound to, its lifetime and what it
 * may do (capabilities, each `allow` or `deny`). The key itself comes back once, in KeyShown.
 */
import { useState } from 'preact/hooks';
import { ApiError } from '../../api/api-error.ts';
import { t } from '../../i18n/i18n.ts';
import { Button } from '../../ui/button.tsx';
import { CopyField } from '../../ui/copy-field.tsx';
import { Modal } from '../../ui/dialog.tsx';
import { SelectField, TextField } from '../../ui/fields.tsx';
import { CancelAndAct } from '../../ui/form-actions.tsx';
import { useAction } from '../../ui/use-action.ts';
import { FormError } from './form-error.tsx';
import { capabilitiesOf, fieldErrors, type CapabilityRow } from './access-logic.ts';

export interface KeyDraft {
  name: string;
  service: string | null;
  expires_in_days: number | null;
  capabilities: Record<string, 'allow' | 'deny'>;
}

export function ApiKeyForm({ onSubmit, onCancel }: { onSubmit(draft: KeyDraft): Promise<void>; onCancel(): void }) {
  const [name, setName] = useState('');
  const [service, setService] = useState('');
  const [days, setDays] = useState('');
  const [rows, setRows] = useState<CapabilityRow[]>([{ name: '', effect: 'allow' }]);
  const { busy, error, run } = useAction();
  const [daysError, setDaysError] = useState<string | undefined>();
  const fields = error instanceof ApiError ? fieldErrors(error.details) : {};
  const setRow = (index: number, change: Partial<CapabilityRow>) => setRows((all) => all.map((row, i) => (i === index ? { ...row, ...change } : row)));

  async function submit(event: Event) {
    event.preventDefault();
    const lifetime = days.trim() ? Number(days) : null;
    if (lifetime !== null && (!Number.isInteger(lifetime) || lifetime < 1 || lifetime > 3650)) {
      setDaysError(t('access.keys.days_range'));
      return;
    }
    setDaysError(undefined);
    await run(async () => {
      await onSubmit({ name: name.trim(), service: service.trim() || null, expires_in_days: lifetime, capabilities: capabilitiesOf(rows) });
    });
  }

  return (
    <form onSubmit={submit} noValidate>
      <TextField label={t('access.keys.name')} value={name} onValue={setName} required autocomplete="off" error={fields.name} />
      <TextField label={t('access.keys.service')} value={service} onValue={setService} autocomplete="off" help={t('access.keys.service_help')} error={fields.service} />
      <TextField label={t('access.keys.expires_days')} type="number" min={1} max={3650} step={1} value={days} onValue={setDays} help={t('access.keys.expires_help')} error={daysError ?? fields.expires_in_days} />
      <fieldset class="access-picks">
        <legend>{t('access.keys.capabilities')}</legend>
        <p class="help">{t('access.keys.capabilities_help')}</p>
        {rows.map((row, index) => (
          <div class="access-cap-row" key={index}>
            <TextField label={t('access.keys.capability_name', { n: index + 1 })} value={row.name} onValue={(value) => setRow(index, { name: value })} placeholder="invoices:read" autocomplete="off" />
            <SelectField label={t('access.keys.capability_effect', { n: index + 1 })} value={row.effect} onValue={(value) => setRow(index, { effect: value as 'allow' | 'deny' })} options={[{ value: 'allow', label: t('access.keys.allow') }, { value: 'deny', label: t('access.keys.deny') }]} />
            <Button small variant="ghost" aria-label={t('access.keys.capability_remove', { n: index + 1 })} disabled={rows.length === 1 && !row.name} onClick={() => setRows((all) => (all.length === 1 ? [{ name: '', effect: 'allow' }] : all.filter((_, i) => i !== index)))}>
              {t('access.keys.remove_row')}
            </Button>
          </div>
        ))}
        <Button small disabled={rows.length >= 50} onClick={() => setRows((all) => [...all, { name: '', effect: 'allow' }])}>{t('access.keys.add_capability')}</Button>
        {fields.capabilities ? <div class="error-text">{fields.capabilities}</div> : null}
      </fieldset>
      <FormError error={error} />
      <div class="access-form-foot">
        <CancelAndAct onCancel={onCancel} busy={busy} label={t('access.keys.create')} />
      </div>
    </form>
  );
}

/** The key in full, shown now and (under the hash policy) never again: copy it, then close. */
export function KeyShown({ shown, onClose }: { shown: { name: string; key: string; once: boolean } | null; onClose(): void }) {
  return (
    <Modal open={shown !== null} title={shown?.once ? t('access.keys.shown_title', { name: shown?.name ?? '' }) : t('access.keys.retrieved_title', { name: shown?.name ?? '' })} onClose={onClose} footer={<Button variant="primary" onClick={onClose}>{t('access.keys.shown_done')}</Button>}>
      {shown ? (
        <>
          <div class="notice warn" role="note">{shown.once ? t('access.keys.shown_warning') : t('access.keys.retrieved_warning')}</div>
          <CopyField label={t('access.keys.the_key')} value={shown.key} />
        </>
      ) : null}
    </Modal>
  );
}
