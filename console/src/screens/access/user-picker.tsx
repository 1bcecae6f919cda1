/**
 * Finding one user of the realm by what the operator remembers (name, email, username), searched on
 * the server as they type, and choosing them from the matches (radio buttons: keyboard-friendly).
 */
import { useId, useState } from 'preact/hooks';
import { unwrap } from '../../api/client.ts';
import type { ItemOf } from '../../api/types.ts';
import { t } from '../../i18n/i18n.ts';
import { useApp } from '../../ui/app-context.tsx';
import { SearchField } from '../../ui/fields.tsx';
import { ErrorNotice, Loading } from '../../ui/states.tsx';
import { useAsync } from '../../ui/use-async.ts';
import { useDebounced } from '../../ui/use-debounced.ts';

export type UserItem = ItemOf<'/admin/v1/realms/{realm}/users'>;

/** How a user is named in pickers and lists: their name, else their email, username or id. */
export function userLabel(user: Pick<UserItem, 'id' | 'display_name' | 'email'> & { username?: string | null }): string {
  return user.display_name || user.email || user.username || user.id;
}

export function UserPicker({ realm, value, onValue, error }: { realm: string; value: UserItem | null; onValue(user: UserItem | null): void; error?: string }) {
  const { api } = useApp();
  const [query, setQuery] = useState('');
  const q = useDebounced(query.trim(), 200);
  const name = useId();
  const found = useAsync(
    async (signal) => (q ? (await unwrap(api.GET('/admin/v1/realms/{realm}/users', { params: { path: { realm }, query: { q, limit: 8 } }, signal }))).items : []),
    [realm, q],
  );
  const matches = found.data ?? [];
  return (
    <fieldset class="access-picks">
      <legend>{t('access.user_picker.legend')}</legend>
      <SearchField label={t('access.user_picker.search')} value={query} onValue={setQuery} placeholder={t('access.user_picker.placeholder')} />
      <div class="access-user-results" aria-live="polite">
        {found.error ? <ErrorNotice error={found.error} onRetry={found.reload} /> : null}
        {q && found.loading ? <Loading rows={2} /> : null}
        {q && !found.loading && !found.error && matches.length === 0 ? <p class="muted small">{t('access.user_picker.none', { query: q })}</p> : null}
        {!q && !value ? <p class="muted small">{t('access.user_picker.hint')}</p> : null}
        {[...(value && !matches.some((user) => user.id === value.id) ? [value] : []), ...matches].map((user) => (
          <label key={user.id} class="access-user-option">
            <input type="radio" name={name} checked={value?.id === user.id} onChange={() => onValue(user)} />
            <span>
              <strong>{userLabel(user)}</strong>
              <span class="muted small mono"> {user.email && user.email !== userLabel(user) ? `${user.email} · ` : ''}{user.id}</span>
            </span>
          </label>
        ))}
      </div>
      {error ? <div class="error-text">{error}</div> : null}
    </fieldset>
  );
}
