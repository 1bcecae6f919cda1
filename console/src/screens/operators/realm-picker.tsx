/**
 * Chooses the realms of an `admin_realm` grant. There may be 100,000 realms, so nothing is listed
 * up front: the operator types and the server searches (GET /admin/v1/realms?q=), ten at a time.
 * Chosen realms are kept by id and shown by name (each looked up once).
 */
import { useState } from 'preact/hooks';
import { unwrap } from '../../api/client.ts';
import { t } from '../../i18n/i18n.ts';
import { useApp } from '../../ui/app-context.tsx';
import { Button } from '../../ui/button.tsx';
import { SearchField } from '../../ui/fields.tsx';
import { ErrorNotice } from '../../ui/states.tsx';
import { useAsync } from '../../ui/use-async.ts';
import { useDebounced } from '../../ui/use-debounced.ts';

const SHOWN = 24;

function ChosenRealm({ id, onRemove, disabled }: { id: string; onRemove(): void; disabled?: boolean }) {
  const { api } = useApp();
  const realm = useAsync((signal) => unwrap(api.GET('/admin/v1/realms/{realm}', { params: { path: { realm: id } }, signal })), [id]);
  const name = realm.data ? realm.data.name : realm.error ? t('grants.realm_unknown', { id }) : id;
  return (
    <li class="chip">
      <span>{name}</span>
      {realm.data ? <code class="muted">{realm.data.slug}</code> : null}
      {disabled ? null : (
        <button type="button" class="chip-remove" aria-label={t('grants.realm_remove', { name })} onClick={onRemove}>
          ×
        </button>
      )}
    </li>
  );
}

export function RealmPicker({ value, onChange, disabled }: { value: string[]; onChange(realms: string[]): void; disabled?: boolean }) {
  const { api } = useApp();
  const [query, setQuery] = useState('');
  const [all, setAll] = useState(false);
  const q = useDebounced(query.trim(), 150);
  const results = useAsync(
    (signal) => (q ? unwrap(api.GET('/admin/v1/realms', { params: { query: { q, limit: 10, sort: 'name' } }, signal })) : Promise.resolve({ items: [], next_cursor: null })),
    [q],
  );
  const shown = all ? value : value.slice(0, SHOWN);
  return (
    <div class="realm-picker">
      <div class="field-label">{t('grants.realms_chosen', { count: value.length })}</div>
      {value.length === 0 ? <p class="muted small">{t('grants.realms_none_chosen')}</p> : (
        <ul class="chips" aria-label={t('grants.realms_label')}>
          {shown.map((id) => <ChosenRealm key={id} id={id} disabled={disabled} onRemove={() => onChange(value.filter((other) => other !== id))} />)}
        </ul>
      )}
      {!all && value.length > SHOWN ? <Button small variant="ghost" onClick={() => setAll(true)}>{t('grants.show_all_realms', { count: value.length })}</Button> : null}
      {disabled ? null : (
        <>
          <SearchField label={t('grants.realm_search')} value={query} onValue={setQuery} placeholder={t('grants.realm_search_placeholder')} />
          <p class="muted small picker-hint">{t('grants.realm_search_hint')}</p>
          {results.error ? <ErrorNotice error={results.error} onRetry={results.reload} /> : null}
          {q && results.data ? (
            results.data.items.length === 0 ? (
              <p class="muted small" role="status">{t('grants.realm_none_found', { query: q })}</p>
            ) : (
              <ul class="picker-results" aria-label={t('grants.realm_results')}>
                {results.data.items.map((realm) => {
                  const chosen = value.includes(realm.id);
                  return (
                    <li key={realm.id}>
                      <span class="picker-name">
                        <strong>{realm.name}</strong> <code class="muted">{realm.slug}</code>
                      </span>
                      {realm.is_system ? (
                        <span class="muted small">{t('grants.realm_admin_excluded')}</span>
                      ) : chosen ? (
                        <span class="muted small">{t('grants.realm_added')}</span>
                      ) : (
                        <Button small aria-label={t('grants.realm_add', { name: realm.name })} onClick={() => onChange([...value, realm.id])}>
                          {t('grants.add')}
                        </Button>
                      )}
                    </li>
                  );
                })}
              </ul>
            )
          ) : null}
        </>
      )}
    </div>
  );
}
