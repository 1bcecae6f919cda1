/**
 * The template rendered by the server as the operator types (debounced), with example values:
 * subject, HTML in a sandboxed frame (no scripts, no same-origin access: `sandbox=""`), and text.
 * The HTML reaches its frame through a form posted to /console/mail-preview, which answers it as a
 * document under a policy that lets its inline styles through: a frame written from here would
 * inherit the console's policy, which refuses them.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { unwrap } from '../../api/client.ts';
import type { ResponseOf } from '../../api/types.ts';
import { t } from '../../i18n/i18n.ts';
import { useApp } from '../../ui/app-context.tsx';
import { ErrorNotice } from '../../ui/states.tsx';
import { useDebounced } from '../../ui/use-debounced.ts';

type Rendered = ResponseOf<'/admin/v1/realms/{realm}/templates/{type}/preview', 'post'>;

export interface Draft {
  subject: string;
  html: string;
  text: string;
}

export function TemplatePreview({ realmId, type, draft }: { realmId: string; type: string; draft: Draft }) {
  const { api } = useApp();
  const settled = useDebounced(draft, 400);
  const [rendered, setRendered] = useState<Rendered | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const html = useRef<HTMLInputElement>(null);
  const { base } = useApp();
  useEffect(() => {
    if (!rendered || !form.current || !html.current) return;
    html.current.value = rendered.html;
    form.current.submit();
  }, [rendered?.html]);
  useEffect(() => {
    const controller = new AbortController();
    setBusy(true);
    unwrap(api.POST('/admin/v1/realms/{realm}/templates/{type}/preview', { params: { path: { realm: realmId, type } }, body: settled, signal: controller.signal })).then(
      (result) => {
        setRendered(result);
        setError(null);
        setBusy(false);
      },
      (failure: Error) => {
        if (controller.signal.aborted) return;
        setError(failure);
        setBusy(false);
      },
    );
    return () => controller.abort();
  }, [realmId, type, settled.subject, settled.html, settled.text]);
  return (
    <section class="card template-preview" aria-labelledby="template-preview-title" aria-busy={busy}>
      <div class="template-preview-head">
        <h2 id="template-preview-title">{t('messages.tpl.preview')}</h2>
        <span class="muted small" aria-hidden="true">{busy ? t('messages.tpl.preview_updating') : ''}</span>
      </div>
      {error ? <ErrorNotice error={error} /> : null}
      {rendered ? (
        <div class={error ? 'template-stale' : undefined}>
          <h3 class="template-part">{t('messages.tpl.preview_subject')}</h3>
          <p class="template-subject" data-testid="preview-subject">{rendered.subject}</p>
          <h3 class="template-part">{t('messages.tpl.preview_html')}</h3>
          <form ref={form} method="post" action={`${base}/mail-preview`} target="kr-mail-preview" hidden>
            <input ref={html} type="hidden" name="html" />
          </form>
          <iframe class="template-frame" name="kr-mail-preview" sandbox="" title={t('messages.tpl.preview_frame')} />
          <h3 class="template-part">{t('messages.tpl.preview_text')}</h3>
          <pre class="code template-text" tabIndex={0}>{rendered.text}</pre>
        </div>
      ) : null}
    </section>
  );
}
