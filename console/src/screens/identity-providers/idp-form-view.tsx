/**
 * The whole identity provider form (adding and changing one): the sign-in button, the connection,
 * the secret, the sign-in rules and the mapping; the redirect URI to register follows the slug as
 * it is typed. Read-only operators get the same, every field disabled and no buttons.
 */
import { useState } from 'preact/hooks';
import { ApiError } from '../../api/api-error.ts';
import { t } from '../../i18n/i18n.ts';
import { Button } from '../../ui/button.tsx';
import { CheckField, TextField } from '../../ui/fields.tsx';
import { ErrorNotice } from '../../ui/states.tsx';
import { useAction } from '../../ui/use-action.ts';
import type { IdpForm } from './idp-model.ts';
import { MappingFields } from './idp-mapping-fields.tsx';
import { ProtocolFields } from './idp-protocol-fields.tsx';
import { RedirectUris } from './idp-redirect-uris.tsx';
import { RulesFields } from './idp-rules-fields.tsx';
import { SecretField } from './idp-secret-field.tsx';

interface Props {
  initial: IdpForm;
  /** Whether a secret is stored (null while adding). */
  stored: boolean | null;
  readOnly: boolean;
  submitLabel: string;
  onSubmit(form: IdpForm): Promise<void>;
  onCancel?(): void;
}

/** The API's per-field complaints by field path, also under the path up to a list index (`mapping.roles`). */
export function errorsByField(error: Error | null): Record<string, string> {
  const out: Record<string, string> = {};
  if (!(error instanceof ApiError)) return out;
  for (const detail of error.details) {
    if (!detail.field || !detail.issue) continue;
    for (const key of new Set([detail.field, detail.field.split('[')[0].replace(/\.\d+.*$/, '')])) out[key] = out[key] ? `${out[key]}; ${detail.issue}` : detail.issue;
  }
  return out;
}

export function IdpFormView({ initial, stored, readOnly, submitLabel, onSubmit, onCancel }: Props) {
  const [form, setForm] = useState<IdpForm>(initial);
  const { busy, error, run } = useAction();
  const set = <K extends keyof IdpForm>(key: K, value: IdpForm[K]) => setForm((before) => ({ ...before, [key]: value }));
  const errors = errorsByField(error);
  async function submit(event: Event) {
    event.preventDefault();
    const done = await run(async () => {
      await onSubmit(form);
      set('secret', '');
    });
    // The refusal is shown at the top of the form: bring it into view.
    if (!done) (event.target as HTMLElement).closest('main')?.scrollTo?.({ top: 0 });
  }
  const props = { form, set, errors };
  return (
    <form class="idp-form" onSubmit={submit} noValidate>
      {error ? <ErrorNotice error={error} /> : null}
      <fieldset class="idp-plain" disabled={readOnly}>
        <fieldset class="group">
          <legend>{t('integrations.idp.button')}</legend>
          <div class="grid-2">
            <TextField label={t('integrations.idp.display_name')} required value={form.display_name} onValue={(value) => set('display_name', value)} help={t('integrations.idp.display_name_help')} error={errors.display_name} maxLength={100} />
            <TextField label={t('integrations.idp.slug')} required value={form.slug} onValue={(value) => set('slug', value.toLowerCase())} help={t('integrations.idp.slug_help')} error={errors.slug} maxLength={40} autocomplete="off" />
            <TextField label={t('integrations.idp.icon_url')} type="url" value={form.icon_url} onValue={(value) => set('icon_url', value)} help={t('integrations.idp.icon_url_help')} error={errors.icon_url} />
            <TextField label={t('integrations.idp.position')} type="number" value={form.position} onValue={(value) => set('position', value)} help={t('integrations.idp.position_help')} error={errors.position} />
          </div>
          <CheckField label={t('integrations.idp.enabled')} help={t('integrations.idp.enabled_help')} checked={form.enabled} onChecked={(value) => set('enabled', value)} />
        </fieldset>
        {stored === null ? <RedirectUris type={form.type} slug={form.slug.trim()} draft /> : null}
        <ProtocolFields {...props} />
        <fieldset class="group">
          <legend>{t('integrations.idp.secret')}</legend>
          <SecretField {...props} stored={stored} readOnly={readOnly} />
        </fieldset>
        <RulesFields {...props} />
        <MappingFields {...props} readOnly={readOnly} />
      </fieldset>
      {!readOnly ? (
        <div class="form-foot">
          {onCancel ? <Button onClick={onCancel}>{t('common.cancel')}</Button> : null}
          <Button type="submit" variant="primary" busy={busy}>{busy ? t('common.saving') : submitLabel}</Button>
        </div>
      ) : null}
    </form>
  );
}
