/**
 * An editable list of strings (redirect URIs, origins): each entry its own labelled input with a
 * remove button, and a new entry added with the button or Enter. Read-only: the entries as text.
 */
import { useId, useState } from 'preact/hooks';
import { t } from '../../i18n/i18n.ts';
import { Button } from '../../ui/button.tsx';

interface Props {
  label: string;
  help?: string;
  error?: string;
  values: string[];
  onChange(values: string[]): void;
  placeholder?: string;
  readOnly?: boolean;
  /** Entries the API refused (by index); the others stay unmarked. */
  invalid?: number[];
}

export function ListEditor({ label, help, error, values, onChange, placeholder, readOnly, invalid = [] }: Props) {
  const id = useId();
  const [next, setNext] = useState('');
  const describedBy = [help ? `${id}-help` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const add = () => {
    const value = next.trim();
    if (!value) return;
    onChange([...values, value]);
    setNext('');
  };
  return (
    <fieldset class="list-editor" aria-describedby={describedBy}>
      <legend>{label}</legend>
      {help ? <div class="help" id={`${id}-help`}>{help}</div> : null}
      {readOnly ? (
        values.length === 0 ? <p class="muted small">{t('common.none')}</p> : <ul class="plain-list">{values.map((value, index) => <li key={index}><code>{value}</code></li>)}</ul>
      ) : (
        <>
          {values.length > 0 ? (
            <ul class="list-editor-items">
              {values.map((value, index) => (
                <li key={index}>
                  <label class="visually-hidden" for={`${id}-${index}`}>{t('apps.list.item_label', { label, index: index + 1 })}</label>
                  <input id={`${id}-${index}`} class="input mono" value={value} spellcheck={false} aria-invalid={invalid.includes(index) ? 'true' : undefined} aria-describedby={invalid.includes(index) && error ? `${id}-error` : undefined} onInput={(event) => onChange(values.map((old, at) => (at === index ? event.currentTarget.value : old)))} />
                  <Button small variant="ghost" aria-label={t('apps.list.remove', { value: value || String(index + 1) })} onClick={() => onChange(values.filter((_, at) => at !== index))}>×</Button>
                </li>
              ))}
            </ul>
          ) : null}
          <div class="list-editor-add">
            <label class="visually-hidden" for={`${id}-new`}>{t('apps.list.new_label', { label })}</label>
            <input
              id={`${id}-new`}
              class="input mono"
              value={next}
              placeholder={placeholder}
              spellcheck={false}
              onInput={(event) => setNext(event.currentTarget.value)}
              onKeyDown={(event) => {
                if (event.key === 'Enter') {
                  event.preventDefault();
                  add();
                }
              }}
            />
            <Button small aria-label={t('apps.list.add_named', { label })} onClick={add} disabled={!next.trim()}>{t('apps.list.add')}</Button>
          </div>
        </>
      )}
      {error ? <div class="error-text" id={`${id}-error`}>{error}</div> : null}
    </fieldset>
  );
}
