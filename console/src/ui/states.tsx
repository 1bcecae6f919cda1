/** Loading, empty and failed states, designed once and used by every screen. */
import type { ComponentChildren } from 'preact';
import { ApiError } from '../api/api-error.ts';
import { t } from '../i18n/i18n.ts';
import { Button } from './button.tsx';

export function ErrorNotice({ error, onRetry }: { error: Error; onRetry?: () => void }) {
  const code = error instanceof ApiError ? error.code : undefined;
  const details = error instanceof ApiError ? error.details.filter((detail) => detail.issue) : [];
  return (
    <div class="notice error" role="alert">
      <div style="flex:1">
        <div>{error.message}</div>
        {details.length > 0 ? (
          <ul style="margin:6px 0 0;padding-left:18px">
            {details.map((detail, index) => (
              <li key={index}>{detail.field ? <code>{detail.field}</code> : null} {detail.issue}</li>
            ))}
          </ul>
        ) : null}
        {code ? <div class="small"><code>{t('common.error_code', { code })}</code></div> : null}
      </div>
      {onRetry ? <Button small onClick={onRetry}>{t('common.retry')}</Button> : null}
    </div>
  );
}

export function Loading({ rows = 4 }: { rows?: number }) {
  return (
    <div role="status" aria-live="polite" class="stack" style="padding:16px">
      <span class="visually-hidden">{t('common.loading')}</span>
      {Array.from({ length: rows }, (_, index) => (
        <span key={index} class="skeleton" style={`width:${90 - index * 12}%`} />
      ))}
    </div>
  );
}

export function Empty({ title, children }: { title: string; children?: ComponentChildren }) {
  return (
    <div class="empty">
      <strong>{title}</strong>
      {children}
    </div>
  );
}

export function Badge({ tone, children }: { tone?: 'ok' | 'danger' | 'warn' | 'accent'; children: ComponentChildren }) {
  return <span class={`badge${tone ? ` ${tone}` : ''}`}>{children}</span>;
}
