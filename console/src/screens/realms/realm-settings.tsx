/**
 * Every setting of a realm as grouped forms. The fields' kinds, ranges and choices come from the
 * server's /openapi.json (the PATCH body schema), the grouping and words from our layout table;
 * Save sends only what changed, and the API's complaints appear next to their fields.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ApiError } from '../../api/api-error.ts';
import { unwrap } from '../../api/client.ts';
import type { RequestOf } from '../../api/types.ts';
import { t, type MessageKey } from '../../i18n/i18n.ts';
import { useApp } from '../../ui/app-context.tsx';
import { Button } from '../../ui/button.tsx';
import { PageHead } from '../../ui/page.tsx';
import { ErrorNotice, Loading } from '../../ui/states.tsx';
import { useAsync } from '../../ui/use-async.ts';
import { useRealm } from './realm-frame.tsx';
import { SettingField } from './realm-setting-field.tsx';
import { placeDetails, planPatch, toDraft, valueAt, type Draft } from './realm-settings-model.ts';
import { describeField, patchBodySchema, SETTINGS_LAYOUT, type FieldSpec, type JsonSchema } from './realm-settings-schema.ts';

type PatchBody = RequestOf<'/admin/v1/realms/{realm}', 'patch'>;

// The schema is the server's and does not change while the console runs: read it once.
let schemaOnce: Promise<JsonSchema> | undefined;
function loadSchema(): Promise<JsonSchema> {
  schemaOnce ??= fetch('/openapi.json', { headers: { accept: 'application/json' } })
    .then((response) => {
      if (!response.ok) throw new Error(t('realm.settings.schema_failed'));
      return response.json();
    })
    .then(patchBodySchema)
    .catch((error: Error) => {
      schemaOnce = undefined;
      throw error;
    });
  return schemaOnce;
}

interface Group {
  key: string;
  specs: FieldSpec[];
}

export function RealmSettings(_props: { params: Record<string, string> }) {
  const { realm, canManage, replace } = useRealm();
  const { api } = useApp();
  const schema = useAsync(() => loadSchema(), []);
  const groups = useMemo<Group[]>(() => {
    if (!schema.data) return [];
    const root = schema.data;
    return SETTINGS_LAYOUT.map((group) => ({ key: group.key, specs: group.fields.map((field) => describeField(root, field)).filter((spec): spec is FieldSpec => Boolean(spec)) }));
  }, [schema.data]);
  const specs = useMemo(() => groups.flatMap((group) => group.specs), [groups]);
  const fresh = () => Object.fromEntries(specs.map((spec) => [spec.path, toDraft(spec, valueAt(realm, spec.path))]));
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<MessageKey | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  // A refused save takes the operator to the first field it concerns (centred, clear of the sticky Save bar).
  useEffect(() => {
    const first = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    first?.scrollIntoView({ block: 'center' });
    first?.focus({ preventScroll: true });
  }, [fieldErrors]);
  // The form starts again from the realm whenever the realm (a save, a reload) or the schema changes.
  useEffect(() => setDrafts(fresh()), [realm, specs]);

  const plan = useMemo(() => planPatch(specs, drafts, realm), [specs, drafts, realm]);
  const crumbs = [{ label: t('realms.title'), to: '/realms' }, { label: realm.name, to: `/realms/${encodeURIComponent(realm.id)}` }];

  async function save(event: Event) {
    event.preventDefault();
    setStatus(null);
    setFailure(null);
    const issues = Object.fromEntries(Object.entries(plan.issues).map(([path, key]) => [path, t(key)]));
    setFieldErrors(issues);
    if (Object.keys(issues).length > 0) return setStatus('realm.settings.fix_fields');
    if (plan.changed.length === 0) return setStatus('realm.settings.no_changes');
    setBusy(true);
    try {
      const saved = await unwrap(api.PATCH('/admin/v1/realms/{realm}', { params: { path: { realm: realm.id } }, body: plan.body as PatchBody }));
      setStatus('realm.settings.saved');
      replace(saved);
    } catch (error) {
      const placed = error instanceof ApiError ? placeDetails(error.details, specs.map((spec) => spec.path)) : { byField: {}, rest: [] };
      setFieldErrors(placed.byField);
      setFailure(error as Error);
    } finally {
      setBusy(false);
    }
  }

  const head = <PageHead title={t('realm.settings.title')} crumbs={crumbs} />;
  if (schema.error) return <>{head}<ErrorNotice error={schema.error} onRetry={schema.reload} /></>;
  if (!schema.data || specs.length === 0) return <>{head}<Loading rows={8} /></>;
  return (
    <>
      {head}
      <p class="muted">{canManage ? t('realm.settings.intro') : t('realm.settings.read_only')}</p>
      <nav class="realm-jump" aria-label={t('realm.settings.jump')}>
        {groups.map((group) => (
          <a key={group.key} href={`#settings-${group.key}`}>{t(`realm.settings.g.${group.key}` as MessageKey)}</a>
        ))}
      </nav>
      <form ref={formRef} noValidate onSubmit={save} class="realm-settings">
        {groups.map((group) => (
          <fieldset key={group.key} class="group" id={`settings-${group.key}`} disabled={!canManage}>
            <legend>{t(`realm.settings.g.${group.key}` as MessageKey)}</legend>
            <p class="help">{t(`realm.settings.g.${group.key}.help` as MessageKey)}</p>
            <div class="realm-fields">
              {group.specs.map((spec) => (
                <div key={spec.path} class={`realm-field realm-field-${spec.kind}`}>
                  <SettingField spec={spec} value={drafts[spec.path] ?? toDraft(spec, valueAt(realm, spec.path))} onValue={(value) => { setStatus(null); setDrafts((all) => ({ ...all, [spec.path]: value })); }} error={fieldErrors[spec.path]} disabled={!canManage} />
                </div>
              ))}
            </div>
          </fieldset>
        ))}
        {canManage ? (
          <div class="form-foot realm-save">
            <div class="grow" role="status" aria-live="polite">
              {failure ? <ErrorNotice error={failure} /> : status ? <span class={status === 'realm.settings.saved' ? 'realm-saved' : 'muted'}>{t(status)}</span> : plan.changed.length > 0 ? <span class="muted">{plan.changed.length === 1 ? t('realm.settings.changed_one') : t('realm.settings.changed_other', { count: plan.changed.length })}</span> : null}
            </div>
            <Button disabled={busy || plan.changed.length === 0} onClick={() => { setDrafts(fresh()); setFieldErrors({}); setFailure(null); setStatus(null); }}>
              {t('realm.settings.discard')}
            </Button>
            <Button type="submit" variant="primary" busy={busy}>{t('realm.settings.save')}</Button>
          </div>
        ) : null}
      </form>
    </>
  );
}
