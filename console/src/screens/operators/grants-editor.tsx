/**
 * The four operator permissions as switches, each explained in words (the server's rules in
 * src/operators/permissions.ts), with the realm picker under "Manage chosen realms". Shared by
 * operators and operator applications, whose grants are the same.
 */
import type { Grant } from '../../auth/permissions.ts';
import { t, type MessageKey } from '../../i18n/i18n.ts';
import { CheckField } from '../../ui/fields.tsx';
import type { GrantDraft } from './grants.ts';
import { RealmPicker } from './realm-picker.tsx';

const SWITCHES: { key: 'read' | 'adminRealm' | 'adminAllRealms' | 'superadmin'; label: MessageKey; help: MessageKey }[] = [
  { key: 'read', label: 'grants.read', help: 'grants.read_help' },
  { key: 'adminRealm', label: 'grants.admin_realm', help: 'grants.admin_realm_help' },
  { key: 'adminAllRealms', label: 'grants.admin_all_realms', help: 'grants.admin_all_realms_help' },
  { key: 'superadmin', label: 'grants.superadmin', help: 'grants.superadmin_help' },
];

/** `bare`: inside a card that already has the heading (the legend stays, for screen readers). */
export function GrantsEditor({ draft, onChange, error, disabled, bare }: { draft: GrantDraft; onChange(draft: GrantDraft): void; error?: string; disabled?: boolean; bare?: boolean }) {
  return (
    <fieldset class={`grants-editor${bare ? ' bare' : ' group'}`}>
      <legend class={bare ? 'visually-hidden' : undefined}>{t('grants.legend')}</legend>
      <p class="help">{t('grants.help')}</p>
      {SWITCHES.map((entry) => (
        <div key={entry.key}>
          <CheckField label={t(entry.label)} help={t(entry.help)} checked={draft[entry.key]} disabled={disabled} name={`grant-${entry.key}`} onChecked={(checked) => onChange({ ...draft, [entry.key]: checked })} />
          {entry.key === 'adminRealm' && draft.adminRealm ? (
            <div class="grant-realms">
              <RealmPicker value={draft.realms} disabled={disabled} onChange={(realms) => onChange({ ...draft, realms })} />
            </div>
          ) : null}
        </div>
      ))}
      {error ? <div class="error-text" role="alert">{error}</div> : null}
    </fieldset>
  );
}

/** Grants in a few words, for lists and headings. */
export function GrantBadges({ grants }: { grants: readonly Grant[] }) {
  if (grants.length === 0) return <span class="muted">{t('operators.no_grants')}</span>;
  return (
    <span class="grant-badges">
      {grants.map((grant) => {
        if (grant.permission === 'superadmin') return <span key="s" class="badge accent">{t('grants.summary.superadmin')}</span>;
        if (grant.permission === 'admin_all_realms') return <span key="a" class="badge ok">{t('grants.summary.admin_all_realms')}</span>;
        if (grant.permission === 'admin_realm') return <span key="r" class="badge">{grant.realms.length === 1 ? t('grants.summary.admin_realm_one') : t('grants.summary.admin_realm', { count: grant.realms.length })}</span>;
        return <span key="read" class="badge">{t('grants.summary.read')}</span>;
      })}
    </span>
  );
}
