/**
 * One setting of the realm as its input: the kind the API schema gives it (a switch, a number with
 * its range, a choice, text, a list, JSON), our label and help, and the range and limits the schema
 * states, so the operator sees what is allowed before the API says it.
 */
import { useId } from 'preact/hooks';
import { formatNumber, t, type MessageKey } from '../../i18n/i18n.ts';
import { CheckField, SelectField, TextArea, TextField } from '../../ui/fields.tsx';
import type { Draft, TenantPolicyDraft } from './realm-settings-model.ts';
import type { FieldSpec } from './realm-settings-schema.ts';

export const labelKey = (path: string) => `realm.settings.f.${path}` as MessageKey;
export const helpKey = (path: string) => `realm.settings.f.${path}.help` as MessageKey;
/** Our label; the API's field name for a field the catalogue does not know yet. */
const labelOf = (path: string) => (t(labelKey(path)) === labelKey(path) ? path : t(labelKey(path)));

/** The limits the schema states, in words. */
export function limitsText(spec: FieldSpec): string {
  const parts: string[] = [];
  if (spec.kind === 'integer' && spec.min !== undefined && spec.max !== undefined) parts.push(t('realm.settings.range', { min: formatNumber(spec.min), max: formatNumber(spec.max) }));
  else if (spec.kind === 'integer' && spec.min !== undefined) parts.push(t('realm.settings.range_min', { min: formatNumber(spec.min) }));
  if ((spec.kind === 'text' || spec.kind === 'longtext') && spec.maxLength !== undefined) parts.push(t('realm.settings.max_length', { max: formatNumber(spec.maxLength) }));
  if (spec.kind === 'lines') parts.push(t('realm.settings.one_per_line'));
  if ((spec.kind === 'lines' || spec.kind === 'json') && spec.maxItems !== undefined) parts.push(t('realm.settings.max_items', { max: formatNumber(spec.maxItems) }));
  return parts.join(' ');
}

/** Our help, else the schema's own description; then the limits, and the field's name in the API for scripts. */
function Help({ spec }: { spec: FieldSpec }) {
  const limits = limitsText(spec);
  const ours = t(helpKey(spec.path));
  return (
    <>
      {ours === helpKey(spec.path) ? spec.description ?? '' : ours}
      <span class="realm-meta">
        {limits ? <span class="realm-limits">{limits} </span> : null}
        <span class="realm-api-name">{t('realm.settings.api_field')} <code>{spec.path}</code></span>
      </span>
    </>
  );
}

interface Props {
  spec: FieldSpec;
  value: Draft;
  onValue(value: Draft): void;
  error?: string;
  disabled: boolean;
}

export function SettingField({ spec, value, onValue, error, disabled }: Props) {
  const label = labelOf(spec.path);
  const help = <Help spec={spec} />;
  const name = spec.path;
  switch (spec.kind) {
    case 'boolean':
      return (
        <div class="realm-check">
          <CheckField name={name} label={label} help={help} checked={value === true} onChecked={onValue} disabled={disabled} />
          {error ? <div class="error-text">{error}</div> : null}
        </div>
      );
    case 'integer':
      return <TextField name={name} type="number" label={label} help={help} error={error} value={String(value)} onValue={onValue} min={spec.min} max={spec.max} step={1} disabled={disabled} />;
    case 'enum':
      return <SelectField name={name} label={label} help={help} error={error} value={String(value)} onValue={onValue} options={spec.options.map((option) => ({ value: option, label: option }))} disabled={disabled} />;
    case 'text':
      return <TextField name={name} label={label} help={help} error={error} value={String(value)} onValue={onValue} maxLength={spec.maxLength} disabled={disabled} />;
    case 'longtext':
    case 'lines':
    case 'json':
      return <TextArea name={name} label={label} help={help} error={error} value={String(value)} onValue={onValue} rows={spec.kind === 'json' ? 6 : 4} spellcheck={false} disabled={disabled} />;
    case 'multi':
      return <MultiChoice spec={spec} label={label} value={value as string[]} onValue={onValue} error={error} disabled={disabled} />;
    case 'tenant-policy':
      return <TenantPolicyField spec={spec} value={value as TenantPolicyDraft} onValue={onValue} error={error} disabled={disabled} />;
  }
}

/** A list of allowed values as checkboxes, in the schema's order. */
function MultiChoice({ spec, label, value, onValue, error, disabled }: { spec: FieldSpec; label: string; value: string[]; onValue(value: string[]): void; error?: string; disabled: boolean }) {
  const id = useId();
  return (
    <fieldset class="realm-multi" aria-describedby={`${id}-help${error ? ` ${id}-error` : ''}`}>
      <legend>{label}</legend>
      <div class="help" id={`${id}-help`}><Help spec={spec} /></div>
      <div class="realm-multi-options">
        {spec.options.map((option) => (
          <label key={option} class="realm-option">
            <input
              type="checkbox"
              name={spec.path}
              value={option}
              checked={value.includes(option)}
              disabled={disabled}
              onChange={(event) => onValue(event.currentTarget.checked ? spec.options.filter((item) => item === option || value.includes(item)) : value.filter((item) => item !== option))}
            />
            <code>{option}</code>
          </label>
        ))}
      </div>
      {error ? <div class="error-text" id={`${id}-error`}>{error}</div> : null}
    </fieldset>
  );
}

function TenantPolicyField({ spec, value, onValue, error, disabled }: { spec: FieldSpec; value: TenantPolicyDraft; onValue(value: TenantPolicyDraft): void; error?: string; disabled: boolean }) {
  return (
    <>
      <SelectField name={spec.path} label={labelOf(spec.path)} help={<Help spec={spec} />} error={error} value={value.type} onValue={(type) => onValue({ ...value, type })} options={spec.options.map((option) => ({ value: option, label: option }))} disabled={disabled} />
      {value.type === 'selected' ? (
        <TextField name={`${spec.path}.tenant`} label={t('realm.settings.f.tenant_policy.tenant')} help={t('realm.settings.f.tenant_policy.tenant.help')} value={value.tenant} onValue={(tenant) => onValue({ ...value, tenant })} disabled={disabled} />
      ) : null}
    </>
  );
}
