/**
 * A user's custom data as JSON, checked in the browser (valid JSON, an object, within 16 KB)
 * before it is sent, so a typo is pointed out rather than refused by the server.
 */
import { useEffect, useState } from 'preact/hooks';
import { unwrap } from '../../api/client.ts';
import { t } from '../../i18n/i18n.ts';
import { useApp } from '../../ui/app-context.tsx';
import { Button } from '../../ui/button.tsx';
import { TextArea } from '../../ui/fields.tsx';
import { ErrorNotice } from '../../ui/states.tsx';
import { useToast } from '../../ui/toasts.tsx';
import { useAction } from '../../ui/use-action.ts';
import { useRealm } from '../realms/realm-frame.tsx';
import { checkCustom } from './user-fields.ts';
import { sameValue } from './user-diff.ts';
import type { UserSectionProps } from './user-page.tsx';

const pretty = (value: Record<string, unknown>) => JSON.stringify(value, null, 2);

export function UserCustom({ user, replace }: UserSectionProps) {
  const { api } = useApp();
  const { realm, canManage } = useRealm();
  const notify = useToast();
  const [text, setText] = useState(() => pretty(user.custom));
  const { busy, error, run } = useAction();
  useEffect(() => setText(pretty(user.custom)), [user.id, user.version]);
  const check = checkCustom(text);
  const problem = check.ok ? undefined : check.reason === 'syntax' ? t('user.custom_syntax', { message: check.message ?? '' }) : check.reason === 'not_object' ? t('user.custom_not_object') : t('user.custom_too_large');
  const dirty = check.ok ? !sameValue(check.value, user.custom) : true;
  async function save(event: Event) {
    event.preventDefault();
    if (!check.ok) return;
    await run(async () => {
      replace(await unwrap(api.PATCH('/admin/v1/realms/{realm}/users/{user}', { params: { path: { realm: realm.id, user: user.id } }, body: { custom: check.value } })));
      notify(t('common.saved'));
    });
  }
  return (
    <section class="card user-custom" aria-labelledby="user-custom-h">
      <h2 id="user-custom-h">{t('user.custom_title')}</h2>
      {canManage ? (
        <form onSubmit={save}>
          <TextArea label={t('user.custom_label')} help={t('user.custom_help')} error={problem} value={text} onValue={setText} rows={8} spellcheck={false} />
          {error ? <ErrorNotice error={error} /> : null}
          <div class="user-form-foot">
            <Button type="submit" variant="primary" busy={busy} disabled={!check.ok || !dirty}>{t('user.save_custom')}</Button>
          </div>
        </form>
      ) : Object.keys(user.custom).length === 0 ? (
        <p class="muted">{t('user.no_custom')}</p>
      ) : (
        <pre class="code" tabIndex={0} aria-label={t('user.custom_label')}>{pretty(user.custom)}</pre>
      )}
    </section>
  );
}
