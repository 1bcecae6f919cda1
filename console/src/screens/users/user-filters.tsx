/**
 * The users list's search and filters. The search box searches one way at a time, as the API
 * offers: a substring of names, email or username (q), the start of an email, username or mobile
 * (prefix, indexed: fast in large realms), or an exact email, username or mobile.
 */
import { t, type MessageKey } from '../../i18n/i18n.ts';
import { SearchField, SelectField, TextField } from '../../ui/fields.tsx';

export type SearchBy = 'q' | 'prefix' | 'email' | 'username' | 'mobile';

export interface Filters {
  text: string;
  by: SearchBy;
  state: '' | 'active' | 'inactive';
  locked: '' | 'true' | 'false';
  verified: '' | 'true' | 'false';
  tag: string;
}

export const emptyFilters: Filters = { text: '', by: 'q', state: '', locked: '', verified: '', tag: '' };

const SEARCH_BY: { value: SearchBy; label: MessageKey }[] = [
  { value: 'q', label: 'users.by.q' },
  { value: 'prefix', label: 'users.by.prefix' },
  { value: 'email', label: 'users.by.email' },
  { value: 'username', label: 'users.by.username' },
  { value: 'mobile', label: 'users.by.mobile' },
];

/** The filters as the list's query parameters (only those set). */
export function listQuery(filters: Filters) {
  const text = filters.text.trim();
  const tag = filters.tag.trim();
  return {
    ...(text ? { [filters.by]: text } : {}),
    ...(filters.state ? { state: filters.state } : {}),
    ...(filters.locked ? { locked: filters.locked === 'true' } : {}),
    ...(filters.verified ? { verified: filters.verified === 'true' } : {}),
    ...(tag ? { tag } : {}),
  } as { q?: string; prefix?: string; email?: string; username?: string; mobile?: string; state?: 'active' | 'inactive'; locked?: boolean; verified?: boolean; tag?: string };
}

export function UserFilters({ value, onChange }: { value: Filters; onChange(next: Filters): void }) {
  const set = <K extends keyof Filters>(key: K) => (next: string) => onChange({ ...value, [key]: next as Filters[K] });
  const yesNo = (yes: MessageKey, no: MessageKey) => [
    { value: '', label: t('common.filter_all') },
    { value: 'true', label: t(yes) },
    { value: 'false', label: t(no) },
  ];
  return (
    <div class="user-filters">
      <div class="user-search">
        <div class="grow">
          <SearchField label={t('users.search')} value={value.text} onValue={set('text')} placeholder={t(`users.search_placeholder.${value.by}` as MessageKey)} />
        </div>
        <SelectField label={t('users.search_by')} value={value.by} onValue={set('by')} options={SEARCH_BY.map((entry) => ({ value: entry.value, label: t(entry.label) }))} />
      </div>
      <div class="user-filter-row">
        <SelectField
          label={t('users.filter.state')}
          value={value.state}
          onValue={set('state')}
          options={[
            { value: '', label: t('common.filter_all') },
            { value: 'active', label: t('common.active') },
            { value: 'inactive', label: t('common.inactive') },
          ]}
        />
        <SelectField label={t('users.filter.locked')} value={value.locked} onValue={set('locked')} options={yesNo('users.filter.locked_yes', 'users.filter.locked_no')} />
        <SelectField label={t('users.filter.verified')} value={value.verified} onValue={set('verified')} options={yesNo('users.filter.verified_yes', 'users.filter.verified_no')} />
        <TextField label={t('users.filter.tag')} value={value.tag} onValue={set('tag')} placeholder={t('users.filter.tag_placeholder')} />
      </div>
    </div>
  );
}
