/** The log's filters: type, code, user and a time window, as the list API takes them. */
import { t } from '../../i18n/i18n.ts';
import { Button } from '../../ui/button.tsx';
import { SelectField, TextField } from '../../ui/fields.tsx';
import { allCodes, codeMeaning, eventTypeCodes, typeMeaning } from './event-codes.ts';

export interface EventFilterValues {
  type: string;
  code: string;
  user: string;
  /** datetime-local values (the operator's local time). */
  since: string;
  until: string;
}

export const noFilters: EventFilterValues = { type: '', code: '', user: '', since: '', until: '' };

const typeOptions = () => Object.keys(eventTypeCodes)
  .sort()
  .map((type) => ({ value: type, label: t('events.type_option', { type, meaning: typeMeaning(type) }) }));

export function EventFilters({ value, onChange }: { value: EventFilterValues; onChange(next: EventFilterValues): void }) {
  const set = (field: keyof EventFilterValues) => (next: string) => onChange({ ...value, [field]: next });
  const filtered = Object.values(value).some(Boolean);
  return (
    <div class="toolbar event-filters">
      <div class="event-filter wide">
        <SelectField label={t('events.filter.type')} value={value.type} onValue={set('type')} options={[{ value: '', label: t('events.filter.any_type') }, ...typeOptions()]} />
      </div>
      <div class="event-filter wide">
        <SelectField
          label={t('events.filter.code')}
          value={value.code}
          onValue={set('code')}
          options={[{ value: '', label: t('events.filter.any_code') }, ...allCodes.map((code) => ({ value: String(code), label: t('events.code_option', { code, meaning: codeMeaning(code) ?? '' }) }))]}
        />
      </div>
      <div class="event-filter">
        <TextField label={t('events.filter.user')} value={value.user} onValue={(next) => set('user')(next.trim())} placeholder={t('events.filter.user_placeholder')} />
      </div>
      <div class="event-filter when">
        <TextField type="datetime-local" label={t('events.filter.since')} value={value.since} onValue={set('since')} step={1} />
      </div>
      <div class="event-filter when">
        <TextField type="datetime-local" label={t('events.filter.until')} value={value.until} onValue={set('until')} step={1} />
      </div>
      {filtered ? (
        <div class="event-filter-clear">
          <Button small variant="ghost" onClick={() => onChange(noFilters)}>{t('events.filter.clear')}</Button>
        </div>
      ) : null}
    </div>
  );
}

/** A datetime-local value as the ISO instant the API takes (undefined when empty or invalid). */
export function isoOf(local: string): string | undefined {
  if (!local) return undefined;
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
