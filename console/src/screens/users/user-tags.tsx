/** A user's tags: each removable, new ones added one at a time (each change is saved at once). */
import { useState } from 'preact/hooks';
import { unwrap } from '../../api/client.ts';
import { t } from '../../i18n/i18n.ts';
import { useApp } from '../../ui/app-context.tsx';
import { Button } from '../../ui/button.tsx';
import { keepFocusInPage } from '../../ui/focus.ts';
import { TextField } from '../../ui/fields.tsx';
import { ErrorNotice } from '../../ui/states.tsx';
import { useAction } from '../../ui/use-action.ts';
import { useRealm } from '../realms/realm-frame.tsx';
import { parseTags } from './user-fields.ts';
import type { UserSectionProps } from './user-page.tsx';

export function UserTags({ user, replace }: UserSectionProps) {
  const { api } = useApp();
  const { realm, canManage } = useRealm();
  const [adding, setAdding] = useState('');
  const { busy, error, run } = useAction();
  async function saveTags(tags: string[]) {
    await run(async () => {
      replace(await unwrap(api.PATCH('/admin/v1/realms/{realm}/users/{user}', { params: { path: { realm: realm.id, user: user.id } }, body: { tags } })));
      setAdding('');
    });
  }
  const added = parseTags(adding).filter((tag) => !user.tags.includes(tag));
  return (
    <section class="card" aria-labelledby="user-tags-h">
      <h2 id="user-tags-h">{t('user.tags_title')}</h2>
      {user.tags.length === 0 ? <p class="muted">{t('user.no_tags')}</p> : (
        <ul class="user-tag-list">
          {user.tags.map((tag) => (
            <li key={tag} class="user-tag">
              <span>{tag}</span>
              {canManage ? (
                <button type="button" class="user-tag-remove" disabled={busy} aria-label={t('user.remove_tag', { tag })} title={t('user.remove_tag', { tag })} onClick={() => void saveTags(user.tags.filter((other) => other !== tag)).then(keepFocusInPage)}>
                  ×
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {canManage ? (
        <form class="user-inline-form" onSubmit={(event) => { event.preventDefault(); if (added.length) void saveTags([...user.tags, ...added]); }}>
          <TextField label={t('user.add_tag')} value={adding} onValue={setAdding} />
          <Button type="submit" busy={busy} disabled={added.length === 0}>{t('user.add_tag_button')}</Button>
        </form>
      ) : null}
      {canManage ? <p class="muted small user-tags-help">{t('user.field.tags_help')}</p> : null}
      {error ? <ErrorNotice error={error} /> : null}
    </section>
  );
}
