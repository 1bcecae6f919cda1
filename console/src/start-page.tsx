/** What shows before the console: signing in, signed out, or a sign-in that failed (with its reason). */
import { useEffect } from 'preact/hooks';
import { t } from './i18n/i18n.ts';
import { Button } from './ui/button.tsx';
import { LogoIcon } from './ui/icons.tsx';

type Props = { kind: 'signing-in' } | { kind: 'signed-out'; onSignIn(): void } | { kind: 'failed'; message: string; onSignIn(): void };

export function StartPage(props: Props) {
  const title = props.kind === 'signing-in' ? t('session.signing_in') : props.kind === 'signed-out' ? t('session.signed_out_title') : t('session.failed_title');
  useEffect(() => {
    document.title = `${title} · ${t('app.console')}`;
  }, [title]);
  return (
    <main class="center-page">
      <div class="card">
        <div class="brand" style="justify-content:center"><LogoIcon /> {t('app.console')}</div>
        <h1 style="margin-bottom:8px" aria-live="polite">{title}</h1>
        {props.kind === 'signed-out' ? <p class="muted">{t('session.signed_out_body')}</p> : null}
        {props.kind === 'failed' ? <p class="notice error" role="alert">{props.message}</p> : null}
        {props.kind !== 'signing-in' ? <Button variant="primary" onClick={props.onSignIn}>{t('session.sign_in')}</Button> : null}
      </div>
    </main>
  );
}
