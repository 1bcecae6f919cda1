/**
 * The fields of a webhook (POST and PATCH take the same ones): its endpoint, what it hears, whether
 * it is on, and a note. Refusals show next to their field, and the API's message and code above.
 */
import { useState } from 'preact/hooks';
import { t } from '../../i18n/i18n.ts';
import { CheckField, TextArea, TextField } from '../../ui/fields.tsx';
import { CancelAndAct } from '../../ui/form-actions.tsx';
import { ErrorNotice } from '../../ui/states.tsx';
import { useAction } from '../../ui/use-action.ts';
import { EventTypePicker } from './event-type-picker.tsx';
import { fieldErrors } from './form-errors.ts';

export interface WebhookValues {
  url: string;
  event_types: string[];
  enabled: boolean;
  description: string | null;
}

interface Props {
  initial: WebhookValues;
  submitLabel: string;
  onSubmit(values: WebhookValues): Promise<void>;
  onCancel(): void;
}

export function WebhookForm({ initial, submitLabel, onSubmit, onCancel }: Props) {
  const [url, setUrl] = useState(initial.url);
  const [eventTypes, setEventTypes] = useState(initial.event_types);
  const [enabled, setEnabled] = useState(initial.enabled);
  const [description, setDescription] = useState(initial.description ?? '');
  const { busy, error, run } = useAction();
  const { byField } = fieldErrors(error, ['url', 'event_types', 'description', 'enabled']);
  async function submit(event: Event) {
    event.preventDefault();
    await run(async () => {
      await onSubmit({ url: url.trim(), event_types: eventTypes, enabled, description: description.trim() || null });
    });
  }
  return (
    <form onSubmit={submit} noValidate>
      {error ? <ErrorNotice error={error} /> : null}
      <fieldset class="group">
        <legend>{t('integrations.webhook.endpoint')}</legend>
        <TextField label={t('integrations.webhook.url')} type="url" required value={url} onValue={setUrl} placeholder="https://example.com/hooks/keyrealm" help={t('integrations.webhook.url_help')} error={byField.url} autocomplete="off" />
        <TextArea label={t('integrations.webhook.description')} value={description} onValue={setDescription} rows={2} style="min-height:64px;font-family:inherit;font-size:14px" help={t('integrations.webhook.description_help')} error={byField.description} />
        <CheckField label={t('integrations.webhook.enabled')} help={t('integrations.webhook.enabled_help')} checked={enabled} onChecked={setEnabled} />
      </fieldset>
      <EventTypePicker value={eventTypes} onValue={setEventTypes} error={byField.event_types} />
      <div class="form-foot">
        <CancelAndAct onCancel={onCancel} busy={busy} disabled={!url.trim() || eventTypes.length === 0} label={busy ? t('common.saving') : submitLabel} />
      </div>
    </form>
  );
}
