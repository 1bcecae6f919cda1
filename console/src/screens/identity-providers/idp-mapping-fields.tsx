/**
 * What a sign-in through the provider writes on the account (JIT provisioning): profile fields and
 * custom keys from claims (or SAML attributes), tags every user of the provider gets, and roles —
 * to everyone, or only to users whose claim has a given value. Roles are added, never taken away.
 */
import { t } from '../../i18n/i18n.ts';
import { Button } from '../../ui/button.tsx';
import { TextField } from '../../ui/fields.tsx';
import { MAPPED_FIELDS } from './idp-model.ts';
import type { FieldProps } from './idp-protocol-fields.tsx';

export function MappingFields({ form, set, errors, readOnly }: FieldProps & { readOnly?: boolean }) {
  return (
    <fieldset class="group">
      <legend>{t('integrations.idp.mapping')}</legend>
      <p class="help">{t('integrations.idp.mapping_help')}</p>
      <div class="grid-2">
        {MAPPED_FIELDS.map((name) => (
          <TextField key={name} label={t(`integrations.idp.field.${name}`)} value={form.fields[name]} onValue={(value) => set('fields', { ...form.fields, [name]: value })} error={errors[`mapping.fields.${name}`]} autocomplete="off" />
        ))}
      </div>
      <h3>{t('integrations.idp.custom')}</h3>
      <p class="help small muted">{t('integrations.idp.custom_help')}</p>
      <div class="idp-rows">
        {form.custom.map((rule, index) => (
          <div class="idp-row" key={index} style="grid-template-columns:minmax(0,1fr) minmax(0,1fr) auto">
            <TextField label={t('integrations.idp.custom_key', { n: index + 1 })} value={rule.key} onValue={(value) => set('custom', form.custom.map((r, i) => (i === index ? { ...r, key: value } : r)))} autocomplete="off" />
            <TextField label={t('integrations.idp.custom_claim', { n: index + 1 })} value={rule.claim} onValue={(value) => set('custom', form.custom.map((r, i) => (i === index ? { ...r, claim: value } : r)))} autocomplete="off" />
            {!readOnly ? <Button small variant="ghost" aria-label={t('integrations.idp.remove_custom', { n: index + 1 })} onClick={() => set('custom', form.custom.filter((_, i) => i !== index))}>{t('integrations.idp.remove')}</Button> : null}
          </div>
        ))}
      </div>
      {errors['mapping.custom'] ? <p class="error-text small">{errors['mapping.custom']}</p> : null}
      {!readOnly ? <Button small onClick={() => set('custom', [...form.custom, { key: '', claim: '' }])}>{t('integrations.idp.add_custom')}</Button> : null}
      <div style="height:14px" />
      <TextField label={t('integrations.idp.tags')} value={form.tags} onValue={(value) => set('tags', value)} placeholder="partner, sso" help={t('integrations.idp.tags_help')} error={errors['mapping.tags']} autocomplete="off" />
      <h3>{t('integrations.idp.roles')}</h3>
      <p class="help small muted">{t('integrations.idp.roles_help')}</p>
      <div class="idp-rows">
        {form.roles.map((rule, index) => (
          <div class="idp-row" key={index}>
            <TextField label={t('integrations.idp.role', { n: index + 1 })} value={rule.role} onValue={(value) => set('roles', form.roles.map((r, i) => (i === index ? { ...r, role: value } : r)))} autocomplete="off" />
            <TextField label={t('integrations.idp.role_claim', { n: index + 1 })} value={rule.claim} onValue={(value) => set('roles', form.roles.map((r, i) => (i === index ? { ...r, claim: value } : r)))} autocomplete="off" />
            <TextField label={t('integrations.idp.role_value', { n: index + 1 })} value={rule.value} onValue={(value) => set('roles', form.roles.map((r, i) => (i === index ? { ...r, value: value } : r)))} autocomplete="off" />
            {!readOnly ? <Button small variant="ghost" aria-label={t('integrations.idp.remove_role', { n: index + 1 })} onClick={() => set('roles', form.roles.filter((_, i) => i !== index))}>{t('integrations.idp.remove')}</Button> : null}
          </div>
        ))}
      </div>
      {errors['mapping.roles'] ? <p class="error-text small">{errors['mapping.roles']}</p> : null}
      {!readOnly ? <Button small onClick={() => set('roles', [...form.roles, { role: '', claim: '', value: '' }])}>{t('integrations.idp.add_role')}</Button> : null}
    </fieldset>
  );
}
