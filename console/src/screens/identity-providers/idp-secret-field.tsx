/**
 * The provider's secret, write-only: never shown, only whether one is stored ("set"), and a field
 * to give a new one ("replace"). A client secret is a password field; a private key (Apple, a
 * SAML SP that signs) a PEM text area.
 */
import { useState } from 'preact/hooks';
import { t } from '../../i18n/i18n.ts';
import { Button } from '../../ui/button.tsx';
import { TextArea, TextField } from '../../ui/fields.tsx';
import { Badge } from '../../ui/states.tsx';
import { secretField } from './idp-model.ts';
import type { FieldProps } from './idp-protocol-fields.tsx';

export function SecretField({ form, set, errors, stored, readOnly }: FieldProps & { stored: boolean | null; readOnly?: boolean }) {
  const [replacing, setReplacing] = useState(false);
  const field = secretField(form);
  if (!field) return <p class="help small muted">{t('integrations.idp.secret_none_needed')}</p>;
  const label = field === 'private_key' ? t('integrations.idp.private_key') : t('integrations.idp.client_secret');
  const error = errors[field];
  if (stored !== null && !replacing) {
    return (
      <div class="field">
        <span class="label">{label}</span>
        <div class="idp-secret">
          {stored ? <Badge tone="ok">{t('integrations.idp.secret_set')}</Badge> : <Badge tone="warn">{t('integrations.idp.secret_not_set')}</Badge>}
          {!readOnly ? <Button small onClick={() => setReplacing(true)}>{stored ? t('integrations.idp.secret_replace') : t('integrations.idp.secret_add')}</Button> : null}
        </div>
        <div class="help">{t('integrations.idp.secret_write_only')}</div>
        {error ? <div class="error-text">{error}</div> : null}
      </div>
    );
  }
  const help = field === 'private_key' ? t(form.type === 'saml' ? 'integrations.idp.private_key_saml_help' : 'integrations.idp.private_key_help') : t('integrations.idp.client_secret_help');
  return (
    <>
      {field === 'private_key' ? (
        <TextArea label={label} required={stored === null} value={form.secret} onValue={(value) => set('secret', value)} rows={6} placeholder="-----BEGIN PRIVATE KEY-----" help={help} error={error} spellcheck={false} autocomplete="off" />
      ) : (
        <TextField label={label} type="password" required={stored === null} value={form.secret} onValue={(value) => set('secret', value)} help={help} error={error} autocomplete="new-password" />
      )}
      {replacing ? (
        <Button
          small
          onClick={() => {
            set('secret', '');
            setReplacing(false);
          }}
        >
          {t('integrations.idp.secret_keep')}
        </Button>
      ) : null}
    </>
  );
}
