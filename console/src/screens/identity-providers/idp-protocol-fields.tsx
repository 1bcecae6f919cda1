/**
 * The connection to the provider, per protocol: a preset's few values, OpenID Connect's issuer,
 * OAuth 2.0's endpoints and claim paths, SAML's metadata (URL, document, or entity id, SSO URL and
 * certificates) and attribute names. Each field says what to copy from the provider's console.
 */
import { t } from '../../i18n/i18n.ts';
import { CheckField, SelectField, TextArea, TextField } from '../../ui/fields.tsx';
import { CLAIMS, SAML_ATTRIBUTES, type IdpForm } from './idp-model.ts';
import { typeInfo } from './presets.ts';

export interface FieldProps {
  form: IdpForm;
  set<K extends keyof IdpForm>(key: K, value: IdpForm[K]): void;
  errors: Record<string, string>;
}

export function ProtocolFields({ form, set, errors }: FieldProps) {
  const info = typeInfo(form.type);
  return (
    <fieldset class="group">
      <legend>{t('integrations.idp.connection')}</legend>
      <p class="help">{info.preset ? t('integrations.idp.connection_preset_help', { preset: info.label }) : t(`integrations.idp.connection_${info.kind}_help`)}</p>
      {form.type !== 'saml' ? (
        <TextField label={t('integrations.idp.client_id')} required value={form.client_id} onValue={(value) => set('client_id', value)} help={t('integrations.idp.client_id_help')} error={errors['preset_settings.client_id'] ?? errors['oidc.client_id'] ?? errors['oauth2.client_id']} autocomplete="off" />
      ) : null}
      {info.settings.includes('tenant') ? (
        <TextField label={t('integrations.idp.tenant')} required value={form.tenant} onValue={(value) => set('tenant', value)} help={t('integrations.idp.tenant_help')} error={errors['preset_settings.tenant']} autocomplete="off" />
      ) : null}
      {info.settings.includes('team_id') ? (
        <TextField label={t('integrations.idp.team_id')} required value={form.team_id} onValue={(value) => set('team_id', value)} help={t('integrations.idp.team_id_help')} error={errors['preset_settings.team_id']} autocomplete="off" />
      ) : null}
      {info.settings.includes('key_id') ? (
        <TextField label={t('integrations.idp.key_id')} required value={form.key_id} onValue={(value) => set('key_id', value)} help={t('integrations.idp.key_id_help')} error={errors['preset_settings.key_id']} autocomplete="off" />
      ) : null}
      {info.settings.includes('base_url') ? (
        <TextField label={t('integrations.idp.base_url')} type="url" value={form.base_url} onValue={(value) => set('base_url', value)} placeholder="https://gitlab.com" help={t('integrations.idp.base_url_help')} error={errors['preset_settings.base_url']} />
      ) : null}
      {form.type === 'oidc' ? <OidcFields form={form} set={set} errors={errors} /> : null}
      {form.type === 'oauth2' ? <OAuth2Fields form={form} set={set} errors={errors} /> : null}
      {form.type === 'saml' ? <SamlFields form={form} set={set} errors={errors} /> : null}
    </fieldset>
  );
}

function OidcFields({ form, set, errors }: FieldProps) {
  return (
    <>
      <TextField label={t('integrations.idp.issuer')} type="url" required value={form.issuer} onValue={(value) => set('issuer', value)} placeholder="https://login.example.com" help={t('integrations.idp.issuer_help')} error={errors['oidc.issuer']} />
      <div class="grid-2">
        <SelectField
          label={t('integrations.idp.token_auth')}
          value={form.token_auth}
          onValue={(value) => set('token_auth', value)}
          help={t('integrations.idp.token_auth_help')}
          error={errors['oidc.token_auth']}
          options={[
            { value: 'client_secret_basic', label: t('integrations.idp.token_auth.basic') },
            { value: 'client_secret_post', label: t('integrations.idp.token_auth.post') },
            { value: 'none', label: t('integrations.idp.token_auth.none') },
          ]}
        />
        <SelectField
          label={t('integrations.idp.response_mode')}
          value={form.response_mode}
          onValue={(value) => set('response_mode', value)}
          help={t('integrations.idp.response_mode_help')}
          error={errors['oidc.response_mode']}
          options={[
            { value: 'query', label: t('integrations.idp.response_mode.query') },
            { value: 'form_post', label: t('integrations.idp.response_mode.form_post') },
          ]}
        />
      </div>
    </>
  );
}

function OAuth2Fields({ form, set, errors }: FieldProps) {
  return (
    <>
      <TextField label={t('integrations.idp.authorization_url')} type="url" required value={form.authorization_url} onValue={(value) => set('authorization_url', value)} help={t('integrations.idp.authorization_url_help')} error={errors['oauth2.authorization_url']} />
      <TextField label={t('integrations.idp.token_url')} type="url" required value={form.token_url} onValue={(value) => set('token_url', value)} help={t('integrations.idp.token_url_help')} error={errors['oauth2.token_url']} />
      <TextField label={t('integrations.idp.profile_url')} type="url" required value={form.profile_url} onValue={(value) => set('profile_url', value)} help={t('integrations.idp.profile_url_help')} error={errors['oauth2.profile_url']} />
      <SelectField
        label={t('integrations.idp.token_auth')}
        value={form.token_auth === 'client_secret_post' ? 'client_secret_post' : 'client_secret_basic'}
        onValue={(value) => set('token_auth', value)}
        help={t('integrations.idp.token_auth_help')}
        options={[
          { value: 'client_secret_basic', label: t('integrations.idp.token_auth.basic') },
          { value: 'client_secret_post', label: t('integrations.idp.token_auth.post') },
        ]}
      />
      <CheckField label={t('integrations.idp.pkce')} help={t('integrations.idp.pkce_help')} checked={form.pkce} onChecked={(value) => set('pkce', value)} />
      <TextField label={t('integrations.idp.oauth_issuer')} type="url" value={form.issuer} onValue={(value) => set('issuer', value)} help={t('integrations.idp.oauth_issuer_help')} error={errors['oauth2.issuer']} />
      {form.issuer.trim() ? <CheckField label={t('integrations.idp.iss_required')} help={t('integrations.idp.iss_required_help')} checked={form.iss_parameter_required} onChecked={(value) => set('iss_parameter_required', value)} /> : null}
      <h3>{t('integrations.idp.claims')}</h3>
      <p class="help small muted">{t('integrations.idp.claims_help')}</p>
      <div class="grid-2">
        {CLAIMS.map((claim) => (
          <TextField key={claim} label={t(`integrations.idp.claim.${claim}`)} required={claim === 'subject'} value={form.claims[claim]} onValue={(value) => set('claims', { ...form.claims, [claim]: value })} error={errors[`oauth2.claims.${claim}`]} autocomplete="off" />
        ))}
      </div>
    </>
  );
}

function SamlFields({ form, set, errors }: FieldProps) {
  return (
    <>
      <SelectField
        label={t('integrations.idp.saml_source')}
        value={form.saml_source}
        onValue={(value) => set('saml_source', value as IdpForm['saml_source'])}
        help={t('integrations.idp.saml_source_help')}
        options={[
          { value: 'url', label: t('integrations.idp.saml_source.url') },
          { value: 'xml', label: t('integrations.idp.saml_source.xml') },
          { value: 'manual', label: t('integrations.idp.saml_source.manual') },
        ]}
      />
      {form.saml_source === 'url' ? (
        <TextField label={t('integrations.idp.metadata_url')} type="url" required value={form.metadata_url} onValue={(value) => set('metadata_url', value)} help={t('integrations.idp.metadata_url_help')} error={errors['saml.metadata_url'] ?? errors.saml} />
      ) : null}
      {form.saml_source === 'xml' ? (
        <TextArea label={t('integrations.idp.metadata_xml')} required value={form.metadata_xml} onValue={(value) => set('metadata_xml', value)} rows={8} help={t('integrations.idp.metadata_xml_help')} error={errors['saml.metadata_xml'] ?? errors.saml} spellcheck={false} />
      ) : null}
      {form.saml_source === 'manual' ? (
        <>
          <TextField label={t('integrations.idp.entity_id')} required value={form.entity_id} onValue={(value) => set('entity_id', value)} help={t('integrations.idp.entity_id_help')} error={errors['saml.entity_id'] ?? errors.saml} />
          <TextField label={t('integrations.idp.sso_url')} type="url" required value={form.sso_url} onValue={(value) => set('sso_url', value)} help={t('integrations.idp.sso_url_help')} error={errors['saml.sso_url']} />
          <TextArea label={t('integrations.idp.certificates')} required value={form.certificates} onValue={(value) => set('certificates', value)} rows={6} help={t('integrations.idp.certificates_help')} error={errors['saml.certificates']} spellcheck={false} />
        </>
      ) : null}
      <CheckField label={t('integrations.idp.sign_requests')} help={t('integrations.idp.sign_requests_help')} checked={form.sign_requests} onChecked={(value) => set('sign_requests', value)} />
      <h3>{t('integrations.idp.attributes')}</h3>
      <p class="help small muted">{t('integrations.idp.attributes_help')}</p>
      <div class="grid-2">
        {SAML_ATTRIBUTES.map((name) => (
          <TextField key={name} label={t(`integrations.idp.attribute.${name}`)} value={form.attributes[name]} onValue={(value) => set('attributes', { ...form.attributes, [name]: value })} error={errors[`saml.attributes.${name}`]} autocomplete="off" />
        ))}
      </div>
    </>
  );
}
