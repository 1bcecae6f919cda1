/**
 * The profile tab: identifiers, names and state (only the changed fields are sent; an emptied
 * field is cleared), verification marks, tags, and custom data. Read-only operators get the same
 * facts as a list.
 */
import { Fragment } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../../api/api-error.ts';
import { unwrap } from '../../api/client.ts';
import type { User } from '../../api/types.ts';
import { formatDateTime, t, type MessageKey } from '../../i18n/i18n.ts';
import { useApp } from '../../ui/app-context.tsx';
import { Button } from '../../ui/button.tsx';
import { CheckField, SelectField, TextField } from '../../ui/fields.tsx';
import { Badge, ErrorNotice } from '../../ui/states.tsx';
import { useToast } from '../../ui/toasts.tsx';
import { useAction } from '../../ui/use-action.ts';
import { useRealm } from '../realms/realm-frame.tsx';
import { UserCustom } from './user-custom.tsx';
import { changedFields, fieldError } from './user-fields.ts';
import type { UserSectionProps } from './user-page.tsx';
import { UserTags } from './user-tags.tsx';

const TEXT = ['email', 'username', 'mobile', 'first_name', 'middle_name', 'last_name', 'display_name'] as const;
type Text = (typeof TEXT)[number];

const draftOf = (user: User) => Object.fromEntries(TEXT.map((key) => [key, user[key] ?? ''])) as Record<Text, string>;

function Verified({ yes }: { yes: boolean }) {
  return <Badge tone={yes ? 'ok' : 'warn'}>{yes ? t('user.verified') : t('user.unverified')}</Badge>;
}

function Facts({ user }: { user: User }) {
  return (
    <dl class="props">
      <dt>{t('user.field.email_verified')}</dt>
      <dd>{user.email ? <Verified yes={user.email_verified} /> : t('common.none')}</dd>
      <dt>{t('user.field.mobile_verified')}</dt>
      <dd>{user.mobile ? <Verified yes={user.mobile_verified} /> : t('common.none')}</dd>
      <dt>{t('user.field.password')}</dt>
      <dd>{user.has_password ? t('user.has_password') : t('user.no_password')}</dd>
      <dt>{t('user.field.last_login')}</dt>
      <dd>{user.last_login_at ? formatDateTime(user.last_login_at) : t('users.never')}</dd>
      <dt>{t('common.created')}</dt>
      <dd>{formatDateTime(user.created_at)}{user.signed_up ? ` · ${t('user.signed_up')}` : ''}</dd>
      <dt>{t('common.updated')}</dt>
      <dd>{formatDateTime(user.updated_at)}</dd>
    </dl>
  );
}

function ReadOnlyProfile({ user }: { user: User }) {
  return (
    <dl class="props">
      {TEXT.map((key) => (
        <Fragment key={key}>
          <dt>{t(`user.field.${key}` as MessageKey)}</dt>
          <dd>{user[key] ?? <span class="muted">{t('common.none')}</span>}</dd>
        </Fragment>
      ))}
      <dt>{t('common.state')}</dt>
      <dd>{user.state === 'active' ? t('common.active') : t('common.inactive')}</dd>
    </dl>
  );
}

export function UserProfile(props: UserSectionProps) {
  const { user, replace } = props;
  const { api } = useApp();
  const { realm, canManage } = useRealm();
  const notify = useToast();
  const [draft, setDraft] = useState(() => draftOf(user));
  const [state, setState] = useState(user.state);
  const [verified, setVerified] = useState({ email: user.email_verified, mobile: user.mobile_verified });
  const { busy, error, setError, run } = useAction();
  // A change made elsewhere on the page (lock, tags) brings a new version: start from it.
  useEffect(() => {
    setDraft(draftOf(user));
    setState(user.state);
    setVerified({ email: user.email_verified, mobile: user.mobile_verified });
  }, [user.id, user.version]);

  const patch = {
    ...changedFields(user, draft),
    ...(state !== user.state ? { state } : {}),
    ...(verified.email !== user.email_verified ? { email_verified: verified.email } : {}),
    ...(verified.mobile !== user.mobile_verified ? { mobile_verified: verified.mobile } : {}),
  };
  const dirty = Object.keys(patch).length > 0;
  async function save(event: Event) {
    event.preventDefault();
    await run(async () => {
      replace(await unwrap(api.PATCH('/admin/v1/realms/{realm}/users/{user}', { params: { path: { realm: realm.id, user: user.id } }, body: patch })));
      notify(t('common.saved'));
    });
  }
  const details = error instanceof ApiError ? error.details : [];
  return (
    <div class="user-profile">
      <section class="card" aria-labelledby="user-profile-h">
        <h2 id="user-profile-h">{t('user.profile_title')}</h2>
        {canManage ? (
          <form onSubmit={save}>
            <div class="grid-2">
              {TEXT.map((key) => (
                <TextField key={key} label={t(`user.field.${key}` as MessageKey)} type={key === 'email' ? 'email' : key === 'mobile' ? 'tel' : 'text'} autocomplete="off" value={draft[key]} onValue={(value) => setDraft({ ...draft, [key]: value })} error={fieldError(details, key)} />
              ))}
              <SelectField label={t('common.state')} help={t('user.state_help')} value={state} onValue={(value) => setState(value as User['state'])} error={fieldError(details, 'state')} options={[{ value: 'active', label: t('common.active') }, { value: 'inactive', label: t('common.inactive') }]} />
            </div>
            <CheckField label={t('user.field.email_verified')} checked={verified.email} onChecked={(email) => setVerified({ ...verified, email })} disabled={!draft.email.trim()} />
            <CheckField label={t('user.field.mobile_verified')} checked={verified.mobile} onChecked={(mobile) => setVerified({ ...verified, mobile })} disabled={!draft.mobile.trim()} />
            {error ? <ErrorNotice error={error} /> : null}
            <div class="user-form-foot">
              <Button disabled={!dirty || busy} onClick={() => { setDraft(draftOf(user)); setState(user.state); setVerified({ email: user.email_verified, mobile: user.mobile_verified }); setError(null); }}>{t('user.discard')}</Button>
              <Button type="submit" variant="primary" busy={busy} disabled={!dirty}>{busy ? t('common.saving') : t('user.save_profile')}</Button>
            </div>
          </form>
        ) : (
          <ReadOnlyProfile user={user} />
        )}
      </section>
      <div class="user-side">
        <section class="card" aria-labelledby="user-facts-h">
          <h2 id="user-facts-h">{t('user.facts_title')}</h2>
          <Facts user={user} />
        </section>
        <UserTags {...props} />
      </div>
      <UserCustom {...props} />
    </div>
  );
}
