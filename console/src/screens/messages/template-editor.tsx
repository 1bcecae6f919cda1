/**
 * One message type's template: subject, HTML and text, with a live preview as the operator types
 * and the variables the type offers. Saving makes it the realm's own; Reset goes back to the
 * built-in default (confirmed, with Undo: the previous template is saved again). Operators who
 * may not change the realm read it, with no Save or Reset.
 */
import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../../api/api-error.ts';
import { unwrap } from '../../api/client.ts';
import { formatRelative, t } from '../../i18n/i18n.ts';
import { useApp } from '../../ui/app-context.tsx';
import { Button } from '../../ui/button.tsx';
import { ConfirmDialog } from '../../ui/dialog.tsx';
import { TextArea, TextField } from '../../ui/fields.tsx';
import { PageHead } from '../../ui/page.tsx';
import { Badge, ErrorNotice, Loading } from '../../ui/states.tsx';
import { useToast } from '../../ui/toasts.tsx';
import { useAsync } from '../../ui/use-async.ts';
import { useRealm } from '../realms/realm-frame.tsx';
import { MessagesTabs } from './messages-tabs.tsx';
import { TemplatePreview, type Draft } from './template-preview.tsx';
import { TemplateVariables } from './template-variables.tsx';

export function TemplateEditor({ params }: { params: Record<string, string> }) {
  const { api } = useApp();
  const { realm, canManage } = useRealm();
  const notify = useToast();
  const type = params.type;
  const path = { realm: realm.id, type };
  const state = useAsync((signal) => unwrap(api.GET('/admin/v1/realms/{realm}/templates/{type}', { params: { path }, signal })), [realm.id, type]);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const [confirmReset, setConfirmReset] = useState(false);
  const template = state.data;
  useEffect(() => {
    if (template) setDraft({ subject: template.subject, html: template.html, text: template.text });
  }, [template]);
  const base = `/realms/${encodeURIComponent(realm.id)}`;
  const crumbs = [{ label: realm.name, to: base }, { label: t('messages.tpl.back'), to: `${base}/templates` }];
  const title = t('messages.tpl.editor_title', { type });
  if (state.error) {
    return (
      <>
        <PageHead title={title} crumbs={crumbs} />
        <ErrorNotice error={state.error} onRetry={state.reload} />
      </>
    );
  }
  if (!template || !draft) {
    return (
      <>
        <PageHead title={title} crumbs={crumbs} />
        <Loading />
      </>
    );
  }
  const dirty = draft.subject !== template.subject || draft.html !== template.html || draft.text !== template.text;
  const fieldError = (field: keyof Draft) => (error instanceof ApiError ? error.details.find((detail) => detail.field === field || detail.field?.startsWith(`${field}`))?.issue : undefined);
  const set = (field: keyof Draft) => (value: string) => setDraft({ ...draft, [field]: value });

  async function save(content: Draft, message: string) {
    setSaving(true);
    setError(null);
    try {
      state.set(await unwrap(api.PUT('/admin/v1/realms/{realm}/templates/{type}', { params: { path }, body: content })));
      notify(message);
    } catch (failure) {
      setError(failure as Error);
    } finally {
      setSaving(false);
    }
  }
  async function reset() {
    const previous = { subject: template!.subject, html: template!.html, text: template!.text };
    await unwrap(api.DELETE('/admin/v1/realms/{realm}/templates/{type}', { params: { path } }));
    state.reload();
    notify(t('messages.tpl.reset_done'), { undo: () => save(previous, t('messages.tpl.saved')) });
  }
  const who = template.updated_by;
  return (
    <>
      <PageHead
        title={title}
        crumbs={crumbs}
        actions={
          canManage ? (
            <>
              {template.customized ? <Button variant="danger" onClick={() => setConfirmReset(true)}>{t('messages.tpl.reset')}</Button> : null}
              <Button variant="primary" busy={saving} disabled={!dirty} onClick={() => save(draft, t('messages.tpl.saved'))}>{t('messages.tpl.save')}</Button>
            </>
          ) : null
        }
      />
      <MessagesTabs realmId={realm.id} current="templates" />
      <p class="template-state">
        {template.customized ? <Badge tone="accent">{t('messages.tpl.customized')}</Badge> : <Badge>{t('messages.tpl.default')}</Badge>}{' '}
        <span class="muted">
          {template.customized && template.updated_at
            ? who
              ? t('messages.tpl.state_custom', { when: formatRelative(template.updated_at), who })
              : t('messages.tpl.state_custom_anon', { when: formatRelative(template.updated_at) })
            : t('messages.tpl.state_default')}
          {' '}{template.description}
        </span>
        {dirty ? <> <Badge tone="warn">{t('messages.tpl.unsaved')}</Badge></> : null}
      </p>
      {!canManage ? <div class="notice">{t('messages.tpl.read_only')}</div> : null}
      {error ? <ErrorNotice error={error} /> : null}
      <div class="template-layout">
        <div class="card template-form">
          <TextField label={t('messages.tpl.subject')} help={t('messages.tpl.subject_help')} value={draft.subject} onValue={set('subject')} readOnly={!canManage} error={fieldError('subject')} />
          <TextArea label={t('messages.tpl.html')} help={t('messages.tpl.html_help')} value={draft.html} onValue={set('html')} readOnly={!canManage} error={fieldError('html')} rows={14} spellcheck={false} class="template-code" />
          <TextArea label={t('messages.tpl.text')} help={t('messages.tpl.text_help')} value={draft.text} onValue={set('text')} readOnly={!canManage} error={fieldError('text')} rows={8} spellcheck={false} />
          <TemplateVariables variables={template.variables} />
        </div>
        <TemplatePreview realmId={realm.id} type={type} draft={draft} />
      </div>
      <ConfirmDialog
        open={confirmReset}
        title={t('messages.tpl.reset_title')}
        body={<p>{t('messages.tpl.reset_body', { type })}</p>}
        confirmLabel={t('messages.tpl.reset')}
        onConfirm={reset}
        onClose={() => setConfirmReset(false)}
      />
    </>
  );
}
