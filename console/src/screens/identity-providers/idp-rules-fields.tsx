/**
 * How a sign-in through the provider goes: scopes and extra authorization parameters, which
 * addresses are admitted and trusted, what a first sign-in does (create, link only, refuse), and
 * whether it counts as multi-factor.
 */
import { t } from '../../i18n/i18n.ts';
import { CheckField, SelectField, TextArea, TextField } from '../../ui/fields.tsx';
import type { FieldProps } from './idp-protocol-fields.tsx';
import { typeInfo } from './presets.ts';

export function RulesFields({ form, set, errors }: FieldProps) {
  const info = typeInfo(form.type);
  const saml = form.type === 'saml';
  return (
    <fieldset class="group">
      <legend>{t('integrations.idp.rules')}</legend>
      {!saml ? (
        <>
          <TextField label={t('integrations.idp.scopes')} value={form.scopes} onValue={(value) => set('scopes', value)} placeholder={info.scopes.join(' ')} help={t('integrations.idp.scopes_help', { scopes: info.scopes.join(' ') || t('common.none') })} error={errors.scopes} autocomplete="off" />
          <div class="grid-2">
            <SelectField
              label={t('integrations.idp.prompt')}
              value={form.prompt}
              onValue={(value) => set('prompt', value)}
              help={t('integrations.idp.prompt_help')}
              error={errors.prompt}
              options={[
                { value: '', label: t('integrations.idp.prompt.default') },
                { value: 'login', label: 'login' },
                { value: 'consent', label: 'consent' },
                { value: 'select_account', label: 'select_account' },
                { value: 'none', label: 'none' },
              ]}
            />
            <TextArea label={t('integrations.idp.authorize_params')} value={form.authorize_params} onValue={(value) => set('authorize_params', value)} rows={2} placeholder="hd=example.com" help={t('integrations.idp.authorize_params_help')} error={errors.authorize_params} spellcheck={false} style="min-height:64px" />
          </div>
        </>
      ) : null}
      <TextField label={t('integrations.idp.allowed_domains')} value={form.allowed_email_domains} onValue={(value) => set('allowed_email_domains', value)} placeholder="example.com, example.org" help={t(saml ? 'integrations.idp.allowed_domains_saml_help' : 'integrations.idp.allowed_domains_help')} error={errors.allowed_email_domains} autocomplete="off" />
      <CheckField label={t('integrations.idp.trust_email')} help={t(saml ? 'integrations.idp.trust_email_saml_help' : 'integrations.idp.trust_email_help')} checked={form.trust_email} onChecked={(value) => set('trust_email', value)} />
      {errors.trust_email ? <p class="error-text small">{errors.trust_email}</p> : null}
      <SelectField
        label={t('integrations.idp.first_sign_in')}
        value={form.first_sign_in}
        onValue={(value) => set('first_sign_in', value)}
        help={t('integrations.idp.first_sign_in_help')}
        error={errors.first_sign_in}
        options={[
          { value: 'create', label: t('integrations.idp.first_sign_in.create') },
          { value: 'link', label: t('integrations.idp.first_sign_in.link') },
          { value: 'refuse', label: t('integrations.idp.first_sign_in.refuse') },
        ]}
      />
      <CheckField label={t('integrations.idp.link_by_email')} help={t('integrations.idp.link_by_email_help')} checked={form.link_by_email} disabled={!form.trust_email && !form.link_by_email} onChecked={(value) => set('link_by_email', value)} />
      {errors.link_by_email ? <p class="error-text small">{errors.link_by_email}</p> : null}
      <CheckField label={t('integrations.idp.sync_on_sign_in')} help={t('integrations.idp.sync_on_sign_in_help')} checked={form.sync_on_sign_in} onChecked={(value) => set('sync_on_sign_in', value)} />
      <CheckField label={t('integrations.idp.satisfies_mfa')} help={t('integrations.idp.satisfies_mfa_help')} checked={form.satisfies_mfa} onChecked={(value) => set('satisfies_mfa', value)} />
    </fieldset>
  );
}
