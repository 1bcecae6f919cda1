/**
 * Form fields with their label, help (what the option does, its range) and the API's complaint
 * about them, wired for screen readers (aria-describedby, aria-invalid).
 */
import type { ComponentChildren, TextareaHTMLAttributes } from 'preact';
import { useId } from 'preact/hooks';

interface FieldFrame {
  label: string;
  help?: ComponentChildren;
  error?: string;
}

function describedBy(id: string, help: unknown, error: unknown): string | undefined {
  return [help ? `${id}-help` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
}

function Frame({ id, label, help, error, children }: FieldFrame & { id: string; children: ComponentChildren }) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {children}
      {help ? <div class="help" id={`${id}-help`}>{help}</div> : null}
      {error ? <div class="error-text" id={`${id}-error`}>{error}</div> : null}
    </div>
  );
}

type InputProps = FieldFrame & {
  value: string;
  onValue(value: string): void;
  type?: 'text' | 'email' | 'password' | 'number' | 'url' | 'tel' | 'datetime-local';
  name?: string;
  placeholder?: string;
  required?: boolean;
  disabled?: boolean;
  readOnly?: boolean;
  autocomplete?: string;
  min?: number;
  max?: number;
  step?: number;
  maxLength?: number;
};

export function TextField({ label, help, error, value, onValue, type = 'text', ...rest }: InputProps) {
  const id = useId();
  return (
    <Frame id={id} label={label} help={help} error={error}>
      {/* Preact types each input type as its own element shape; the union of those we allow is one of them. */}
      <input {...rest} type={type as 'text'} id={id} class="input" value={value} aria-invalid={error ? 'true' : undefined} aria-describedby={describedBy(id, help, error)} onInput={(event) => onValue(event.currentTarget.value)} />
    </Frame>
  );
}

type AreaProps = FieldFrame & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'onInput' | 'value' | 'label'> & { value: string; onValue(value: string): void };

export function TextArea({ label, help, error, value, onValue, class: extra, ...rest }: AreaProps) {
  const id = useId();
  return (
    <Frame id={id} label={label} help={help} error={error}>
      <textarea {...rest} id={id} class={extra ? `input ${extra}` : 'input'} value={value} aria-invalid={error ? 'true' : undefined} aria-describedby={describedBy(id, help, error)} onInput={(event) => onValue(event.currentTarget.value)} />
    </Frame>
  );
}

type SelectProps = FieldFrame & { value: string; onValue(value: string): void; options: { value: string; label: string }[]; disabled?: boolean; name?: string };

export function SelectField({ label, help, error, value, onValue, options, disabled, name }: SelectProps) {
  const id = useId();
  return (
    <Frame id={id} label={label} help={help} error={error}>
      <select id={id} name={name} class="input" value={value} disabled={disabled} aria-invalid={error ? 'true' : undefined} aria-describedby={describedBy(id, help, error)} onChange={(event) => onValue(event.currentTarget.value)}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </Frame>
  );
}

type CheckProps = { label: string; help?: ComponentChildren; checked: boolean; onChecked(checked: boolean): void; disabled?: boolean; name?: string };

export function CheckField({ label, help, checked, onChecked, disabled, name }: CheckProps) {
  const id = useId();
  return (
    <div class="check">
      <input type="checkbox" id={id} name={name} checked={checked} disabled={disabled} aria-describedby={help ? `${id}-help` : undefined} onChange={(event) => onChecked(event.currentTarget.checked)} />
      <label for={id}>
        {label}
        {help ? <span class="help" id={`${id}-help`}>{help}</span> : null}
      </label>
    </div>
  );
}

/** A search box: its label is for screen readers, its placeholder says what it searches. */
export function SearchField({ label, value, onValue, placeholder }: { label: string; value: string; onValue(value: string): void; placeholder?: string }) {
  const id = useId();
  return (
    <div class="search">
      <label for={id} class="visually-hidden">{label}</label>
      <svg viewBox="0 0 20 20" fill="none" stroke="currentColor" stroke-width="2" aria-hidden="true">
        <circle cx="9" cy="9" r="6" />
        <path d="m14 14 4 4" stroke-linecap="round" />
      </svg>
      <input id={id} type="search" class="input" value={value} placeholder={placeholder} autocomplete="off" spellcheck={false} onInput={(event) => onValue(event.currentTarget.value)} />
    </div>
  );
}
