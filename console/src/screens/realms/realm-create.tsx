/**
 * A new realm: its name, slug and a security preset, each preset explained by what it sets, so
 * the choice is made knowingly. On success the new realm's overview opens; the API's complaints
 * appear next to the fields they concern.
 */
import { useState } from 'preact/hooks';
import { ApiError } from '../../api/api-error.ts';
import { unwrap } from '../../api/client.ts';
import type { RequestOf } from '../../api/types.ts';
import { t, type MessageKey } from '../../i18n/i18n.ts';
import { useApp } from '../../ui/app-context.tsx';
import { Button } from '../../ui/button.tsx';
import { Link } from '../../ui/link.tsx';
import { PageHead } from '../../ui/page.tsx';
import { ErrorNotice } from '../../ui/states.tsx';
import { useToast } from '../../ui/toasts.tsx';
import { TextField } from '../../ui/fields.tsx';
import { placeDetails } from './realm-settings-model.ts';
import { PRESET_CHOICES, PRESET_SUMMARIES, type PresetChoice } from './realm-presets.ts';

type CreateBody = RequestOf<'/admin/v1/realms', 'post'>;

export function RealmCreate(_props: { params: Record<string, string> }) {
  const { api, can, navigate } = useApp();
  const notify = useToast();
  const [name, setName] = useState('');
  const [slug, setSlug] = useState('');
  const [preset, setPreset] = useState<PresetChoice>('balanced');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Error | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const crumbs = [{ label: t('realms.title'), to: '/realms' }];

  if (!can.createRealms) {
    return (
      <>
        <PageHead title={t('realm.create.title')} crumbs={crumbs} />
        <div class="notice warn">{t('realm.create.not_allowed')}</div>
      </>
    );
  }

  async function submit(event: Event) {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    setErrors({});
    const body: CreateBody = { name, ...(slug.trim() ? { slug: slug.trim() } : {}), ...(preset !== 'none' ? { preset } : {}) };
    try {
      const realm = await unwrap(api.POST('/admin/v1/realms', { body }));
      notify(t('realm.create.created', { name: realm.name }));
      navigate(`/realms/${encodeURIComponent(realm.id)}`);
    } catch (error) {
      if (error instanceof ApiError) setErrors(placeDetails(error.details, ['name', 'slug', 'preset']).byField);
      setFailure(error as Error);
      setBusy(false);
    }
  }

  return (
    <>
      <PageHead title={t('realm.create.title')} crumbs={crumbs} />
      <form class="card realm-create" noValidate onSubmit={submit}>
        <p class="muted">{t('realm.create.intro')}</p>
        <div class="grid-2">
          <TextField label={t('realm.create.name')} help={t('realm.create.name_help')} error={errors.name} value={name} onValue={setName} required maxLength={200} autocomplete="off" />
          <TextField label={t('realm.create.slug')} help={t('realm.create.slug_help')} error={errors.slug} value={slug} onValue={setSlug} autocomplete="off" maxLength={63} />
        </div>
        <fieldset class="realm-presets" aria-describedby="preset-help">
          <legend>{t('realm.create.preset')}</legend>
          <p class="help" id="preset-help">{t('realm.create.preset_help')}</p>
          <div class="realm-preset-grid">
            {PRESET_CHOICES.map((choice) => {
              const summary = PRESET_SUMMARIES[choice];
              return (
                <label key={choice} class={`realm-preset${preset === choice ? ' chosen' : ''}`}>
                  <span class="realm-preset-title">
                    <input type="radio" name="preset" value={choice} checked={preset === choice} onChange={() => setPreset(choice)} />
                    <strong>{t(`realm.create.preset.${choice}` as MessageKey)}</strong>
                  </span>
                  <span class="realm-preset-why">{t(`realm.create.preset.${choice}_why` as MessageKey)}</span>
                  <span class="realm-preset-facts">
                    {t('realm.create.preset.summary', { min: summary.min_length, access: summary.access_token_minutes, days: summary.refresh_token_days === 1 ? t('realm.create.preset.days_one') : t('realm.create.preset.days_other', { count: summary.refresh_token_days }), reset: summary.reset_token_minutes })}{' '}
                    {summary.require_email_verification ? t('realm.create.preset.verify_yes') : t('realm.create.preset.verify_no')}
                  </span>
                </label>
              );
            })}
          </div>
          {errors.preset ? <div class="error-text">{errors.preset}</div> : null}
        </fieldset>
        {failure ? <ErrorNotice error={failure} /> : null}
        <div class="actions realm-create-foot">
          <Link to="/realms" class="btn">{t('common.cancel')}</Link>
          <Button type="submit" variant="primary" busy={busy}>{t('realm.create.submit')}</Button>
        </div>
      </form>
    </>
  );
}
