/**
 * A user's history: every version from 1 to the current one (each change adds one), and what
 * differs between a chosen earlier version and now, field by field (user-diff.ts).
 */
import { useEffect, useState } from 'preact/hooks';
import { unwrap } from '../../api/client.ts';
import { formatDateTime, t } from '../../i18n/i18n.ts';
import { useApp } from '../../ui/app-context.tsx';
import { SelectField } from '../../ui/fields.tsx';
import { Badge, Empty, ErrorNotice, Loading } from '../../ui/states.tsx';
import { useAsync } from '../../ui/use-async.ts';
import { useRealm } from '../realms/realm-frame.tsx';
import { diffVersions, showValue, type DiffKind } from './user-diff.ts';
import type { UserSectionProps } from './user-page.tsx';

const TONE: Record<DiffKind, 'ok' | 'danger' | 'accent'> = { added: 'ok', removed: 'danger', changed: 'accent' };

/** Times (`…_at` fields) as the operator's locale writes them; anything else as the diff shows it. */
const display = (path: string, value: unknown) => (path.endsWith('_at') && typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? formatDateTime(value) : showValue(value));

export function UserVersions({ user }: UserSectionProps) {
  const { api } = useApp();
  const { realm } = useRealm();
  const [chosen, setChosen] = useState(Math.max(1, user.version - 1));
  // A new version (a save on another tab) moves the default comparison to the one just before it.
  useEffect(() => setChosen(Math.max(1, user.version - 1)), [user.id, user.version]);
  const older = useAsync(
    (signal) => unwrap(api.GET('/admin/v1/realms/{realm}/users/{user}', { params: { path: { realm: realm.id, user: user.id }, query: { version: chosen } }, signal })),
    [realm.id, user.id, chosen],
  );
  const versions = Array.from({ length: user.version }, (_, index) => user.version - index);
  const changes = older.data && older.data.version === chosen ? diffVersions(older.data, user) : null;
  return (
    <section aria-labelledby="user-versions-h">
      <h2 id="user-versions-h">{t('user.versions_title')}</h2>
      {user.version === 1 ? (
        <div class="card"><Empty title={t('user.versions_only_one')}><p>{t('user.versions_only_one_hint')}</p></Empty></div>
      ) : (
        <div class="card">
          <div class="user-version-pick">
            <SelectField
              label={t('user.versions_compare')}
              value={String(chosen)}
              onValue={(value) => setChosen(Number(value))}
              options={versions.slice(1).map((version) => ({ value: String(version), label: t('user.version_n', { version }) }))}
            />
            <p class="muted">{t('user.versions_against', { version: user.version })}</p>
          </div>
          {older.error ? <ErrorNotice error={older.error} onRetry={older.reload} /> : !changes || !older.data ? <Loading rows={3} /> : (
            <>
              <p class="muted small">{t('user.versions_when', { version: chosen, time: formatDateTime(older.data.updated_at) })}</p>
              {changes.length === 0 ? <Empty title={t('user.versions_same')} /> : (
                <div class="user-table-scroll">
                  <table class="data user-diff">
                    <caption class="visually-hidden">{t('user.versions_caption', { from: chosen, to: user.version })}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('user.diff.field')}</th>
                        <th scope="col">{t('user.diff.change')}</th>
                        <th scope="col">{t('user.version_n', { version: chosen })}</th>
                        <th scope="col">{t('user.diff.now')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {changes.map((change) => (
                        <tr key={change.path}>
                          <th scope="row"><code>{change.path}</code></th>
                          <td data-label={t('user.diff.change')}><Badge tone={TONE[change.kind]}>{t(`user.diff.${change.kind}`)}</Badge></td>
                          <td data-label={t('user.version_n', { version: chosen })}>{change.kind === 'added' ? <span class="muted">{t('common.none')}</span> : <del class="diff-del">{display(change.path, change.before)}</del>}</td>
                          <td data-label={t('user.diff.now')}>{change.kind === 'removed' ? <span class="muted">{t('common.none')}</span> : <ins class="diff-add">{display(change.path, change.after)}</ins>}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </>
          )}
        </div>
      )}
    </section>
  );
}
