/**
 * The settings of an application of one kind, as form fields: only those the API accepts for the
 * kind (application-kinds.ts), each explained. `full` adds what creation leaves to the defaults.
 */
import type { ComponentChildren } from 'preact';
import { t, type MessageKey } from '../../i18n/i18n.ts';
import { CheckField, SelectField, TextArea, TextField } from '../../ui/fields.tsx';
import { authMethodsFor, fieldsFor, fitScopes, scopesAllowed, type AuthMethod, type Kind } from './application-kinds.ts';
import type { AppDraft, DraftProblems } from './application-draft.ts';
import { ListEditor } from './list-editor.tsx';

interface Props {
  kind: Kind;
  draft: AppDraft;
  onChange(draft: AppDraft): void;
  /** The API's complaints by field. */
  errors: Record<string, string>;
  /** Entries of the lists the API refused, by field. */
  invalid?: Record<string, number[]>;
  problems?: DraftProblems;
  full?: boolean;
}

function Group({ title, children }: { title: string; children: ComponentChildren }) {
  return (
    <fieldset class="group">
      <legend>{title}</legend>
      {children}
    </fieldset>
  );
}

export function ApplicationFields({ kind, draft, onChange, errors, invalid = {}, problems = {}, full }: Props) {
  const fields = fieldsFor(kind, draft.refresh ? ['refresh_token'] : []);
  const set = <K extends keyof AppDraft>(key: K) => (value: AppDraft[K]) => onChange({ ...draft, [key]: value });
  const problem = (key: keyof DraftProblems) => (problems[key] === 'jwks' ? t('apps.field.jwks_invalid') : problems[key] === 'number' ? t('apps.field.number_invalid') : undefined);
  const uriPlaceholder = kind === 'native' ? 'com.example.app:/callback' : 'https://app.example.com/callback';
  const redirects = fields.redirectUris ? (
    <>
      <ListEditor label={t('apps.field.redirect_uris')} help={t(kind === 'native' ? 'apps.field.redirect_uris_native_help' : 'apps.field.redirect_uris_help')} values={draft.redirect_uris} onChange={set('redirect_uris')} error={errors.redirect_uris} invalid={invalid.redirect_uris} placeholder={uriPlaceholder} />
      <ListEditor label={t('apps.field.post_logout')} help={t('apps.field.post_logout_help')} values={draft.post_logout_redirect_uris} onChange={set('post_logout_redirect_uris')} error={errors.post_logout_redirect_uris} invalid={invalid.post_logout_redirect_uris} placeholder="https://app.example.com/" />
      {fields.corsOrigins ? <ListEditor label={t('apps.field.cors')} help={t('apps.field.cors_help')} values={draft.cors_origins} onChange={set('cors_origins')} error={errors.cors_origins} invalid={invalid.cors_origins} placeholder="https://app.example.com" /> : null}
      {full && fields.frameOrigins ? <ListEditor label={t('apps.field.frame_origins')} help={t('apps.field.frame_origins_help')} values={draft.frame_origins} onChange={set('frame_origins')} error={errors.frame_origins} invalid={invalid.frame_origins} placeholder="https://portal.example.com" /> : null}
      {full && fields.backchannelLogout ? <TextField label={t('apps.field.backchannel')} help={t('apps.field.backchannel_help')} type="url" value={draft.backchannel_logout_uri} onValue={set('backchannel_logout_uri')} error={errors.backchannel_logout_uri} /> : null}
    </>
  ) : full && fields.backchannelLogout ? (
    <TextField label={t('apps.field.backchannel')} help={t('apps.field.backchannel_help')} type="url" value={draft.backchannel_logout_uri} onValue={set('backchannel_logout_uri')} error={errors.backchannel_logout_uri} />
  ) : null;
  const auth = fields.authMethod ? (
    <>
      <SelectField
        label={t('apps.field.auth_method')}
        help={t('apps.field.auth_method_help')}
        value={draft.token_endpoint_auth_method}
        onValue={(value) => set('token_endpoint_auth_method')(value as AuthMethod)}
        error={errors.token_endpoint_auth_method}
        options={authMethodsFor(kind).map((method) => ({ value: method, label: t(`apps.auth.${method}` as MessageKey) }))}
      />
      {draft.token_endpoint_auth_method === 'private_key_jwt' ? (
        <>
          <TextField label={t('apps.field.jwks_uri')} help={t('apps.field.jwks_uri_help')} type="url" value={draft.jwks_uri} onValue={set('jwks_uri')} error={errors.jwks_uri} />
          <TextArea label={t('apps.field.jwks')} help={t('apps.field.jwks_help')} value={draft.jwks} onValue={set('jwks')} error={problem('jwks') ?? errors.jwks} rows={6} spellcheck={false} />
        </>
      ) : null}
    </>
  ) : null;
  const consent = fields.consent ? (
    <SelectField
      label={t('apps.field.consent')}
      value={draft.consent}
      onValue={(value) => set('consent')(value as 'required' | 'implicit')}
      error={errors.consent}
      options={[
        { value: 'required', label: t('apps.field.consent_required') },
        { value: 'implicit', label: t('apps.field.consent_implicit') },
      ]}
    />
  ) : null;

  if (!full) {
    return (
      <>
        <TextField label={t('apps.field.name')} help={t('apps.field.name_help')} value={draft.name} onValue={set('name')} error={errors.name} required maxLength={200} />
        {redirects}
        {consent}
        {auth}
      </>
    );
  }

  const allowed = scopesAllowed(kind, draft.refresh);
  return (
    <>
      <Group title={t('apps.section.basics')}>
        <TextField label={t('apps.field.name')} help={t('apps.field.name_help')} value={draft.name} onValue={set('name')} error={errors.name} required maxLength={200} />
        <TextField label={t('apps.field.logo_url')} help={t('apps.field.logo_url_help')} type="url" value={draft.logo_url} onValue={set('logo_url')} error={errors.logo_url} />
      </Group>
      {redirects ? <Group title={t('apps.section.redirects')}>{redirects}</Group> : null}
      <Group title={t('apps.section.tokens')}>
        {fields.refreshGrant ? (
          <CheckField label={t('apps.field.refresh')} help={t('apps.field.refresh_help')} checked={draft.refresh} onChecked={(refresh) => onChange({ ...draft, refresh, scopes: fitScopes(kind, refresh, draft.scopes) })} />
        ) : null}
        {fields.scopes ? (
          <fieldset class="list-editor">
            <legend>{t('apps.field.scopes')}</legend>
            <div class="help">{t('apps.field.scopes_help')}</div>
            <div class="scope-checks">
              {allowed.map((scope) => (
                <CheckField key={scope} label={scope} checked={draft.scopes.includes(scope)} onChecked={(on) => set('scopes')(on ? [...draft.scopes, scope] : draft.scopes.filter((other) => other !== scope))} />
              ))}
            </div>
            {errors.scopes ? <div class="error-text">{errors.scopes}</div> : null}
          </fieldset>
        ) : null}
        {consent}
        <div class="grid-2">
          <TextField label={t('apps.field.access_minutes')} help={t('apps.field.access_minutes_help')} type="number" min={1} max={1440} value={draft.access_token_minutes} onValue={set('access_token_minutes')} error={problem('access_token_minutes') ?? errors.access_token_minutes} />
          {fields.refreshDays ? <TextField label={t('apps.field.refresh_days')} help={t('apps.field.refresh_days_help')} type="number" min={1} max={365} value={draft.refresh_token_days} onValue={set('refresh_token_days')} error={problem('refresh_token_days') ?? errors.refresh_token_days} /> : null}
        </div>
        <TextField label={t('apps.field.audience')} help={t('apps.field.audience_help')} value={draft.access_token_audience} onValue={set('access_token_audience')} error={errors.access_token_audience} />
      </Group>
      {auth ? <Group title={t('apps.section.auth')}>{auth}</Group> : null}
    </>
  );
}
