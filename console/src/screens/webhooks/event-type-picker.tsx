/**
 * Choosing what a webhook hears: every event (`*`), or types ticked one by one, found by search,
 * a whole group or everything shown at once. Wildcards chosen elsewhere (`user.*`) stay and are
 * listed, and their types show ticked.
 */
import { useState } from 'preact/hooks';
import { formatNumber, t } from '../../i18n/i18n.ts';
import { Button } from '../../ui/button.tsx';
import { CheckField, SearchField } from '../../ui/fields.tsx';
import { addTypes, countTaken, groupTypes, KNOWN_EVENT_TYPES, matches, removeTypes, wildcards } from './event-selection.ts';

interface Props {
  value: string[];
  onValue(value: string[]): void;
  error?: string;
}

export function EventTypePicker({ value, onValue, error }: Props) {
  const [query, setQuery] = useState('');
  const everything = value.includes('*');
  const groups = groupTypes(KNOWN_EVENT_TYPES, query);
  const shown = groups.flatMap((group) => group.types);
  const partial = wildcards(value).filter((pattern) => pattern !== '*');
  return (
    <fieldset class="group">
      <legend>{t('integrations.webhook.events')}</legend>
      <p class="help">{t('integrations.webhook.events_help')}</p>
      <CheckField label={t('integrations.webhook.events_all')} help={t('integrations.webhook.events_all_help')} checked={everything} onChecked={(on) => onValue(on ? ['*'] : [])} />
      {!everything ? (
        <>
          <div class="toolbar">
            <div class="grow">
              <SearchField label={t('integrations.webhook.events_search')} value={query} onValue={setQuery} placeholder={t('integrations.webhook.events_search_placeholder')} />
            </div>
            <Button small disabled={shown.length === 0} onClick={() => onValue(addTypes(value, shown))}>{t('integrations.webhook.events_select_shown')}</Button>
            <Button small disabled={shown.length === 0} onClick={() => onValue(removeTypes(value, shown))}>{t('integrations.webhook.events_clear_shown')}</Button>
          </div>
          {partial.length > 0 ? (
            <p class="small muted">
              {t('integrations.webhook.events_wildcards')} {partial.map((pattern) => <code key={pattern} class="wh-pattern">{pattern}</code>)}
            </p>
          ) : null}
          <div class="wh-event-groups" role="group" aria-label={t('integrations.webhook.events_list')}>
            {groups.length === 0 ? <p class="muted">{t('integrations.webhook.events_none_match', { query })}</p> : null}
            {groups.map((group) => {
              const all = group.types.every((type) => matches(value, type));
              return (
                <div key={group.group} class="wh-event-group">
                  <div class="wh-event-group-head">
                    <strong>{group.group}</strong>
                    <Button small variant="ghost" aria-label={t(all ? 'integrations.webhook.events_group_clear' : 'integrations.webhook.events_group_select', { group: group.group })} onClick={() => onValue(all ? removeTypes(value, group.types) : addTypes(value, group.types))}>
                      {all ? t('integrations.webhook.events_clear') : t('integrations.webhook.events_select')}
                    </Button>
                  </div>
                  <div class="wh-event-grid">
                    {group.types.map((type) => (
                      <CheckField key={type} label={type} checked={matches(value, type)} onChecked={(on) => onValue(on ? addTypes(value, [type]) : removeTypes(value, [type]))} />
                    ))}
                  </div>
                </div>
              );
            })}
          </div>
        </>
      ) : null}
      <p class="small muted" aria-live="polite">{t('integrations.webhook.events_count', { count: formatNumber(countTaken(value)), total: formatNumber(KNOWN_EVENT_TYPES.length) })}</p>
      {error ? <p class="error-text small">{error}</p> : null}
    </fieldset>
  );
}
