/**
 * One Cedar policy module: its text in a monospace editor, saved whole (PUT). The API parses and
 * validates it against the realm's schema and refuses it with each problem's line and column,
 * listed under the editor. A module not saved yet opens empty (its address names it).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../../api/api-error.ts';
import { unwrap } from '../../api/client.ts';
import { formatDateTime, formatNumber, t } from '../../i18n/i18n.ts';
import { useApp } from '../../ui/app-context.tsx';
import { Button } from '../../ui/button.tsx';
import { ConfirmDialog } from '../../ui/dialog.tsx';
import { TextArea } from '../../ui/fields.tsx';
import { PageHead } from '../../ui/page.tsx';
import { Badge, ErrorNotice, Loading } from '../../ui/states.tsx';
import { useToast } from '../../ui/toasts.tsx';
import { useAsync } from '../../ui/use-async.ts';
import { useRealm } from '../realms/realm-frame.tsx';
import { offsetOf } from './access-logic.ts';
import { PolicyProblems } from './policy-problems.tsx';
import { PolicyTry } from './policy-try.tsx';

const STARTER = '@id("example")\npermit(principal, action == Action::"invoices:read", resource is Resource)\nwhen { resource.type == "invoices" };\n';

export function PolicyEditor({ params }: { params: Record<string, string> }) {
  const { api, navigate } = useApp();
  const { realm, canManage } = useRealm();
  const notify = useToast();
  const realmPath = `/realms/${encodeURIComponent(realm.id)}`;
  const state = useAsync(async (signal) => {
    try {
      return await unwrap(api.GET('/admin/v1/realms/{realm}/policies/{module}', { params: { path: { realm: realm.id, module: params.module } }, signal }));
    } catch (error) {
      // A module not saved yet: the editor starts it (only saving creates it).
      if (error instanceof ApiError && error.code === 'policy.module_not_found') return null;
      throw error;
    }
  }, [realm.id, params.module]);
  const [text, setText] = useState('');
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<Error | null>(null);
  const [deleting, setDeleting] = useState(false);
  const editor = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (state.data !== undefined) setText(state.data?.policy ?? (canManage ? STARTER : ''));
  }, [state.data]);

  const crumbs = [
    { label: realm.name, to: realmPath },
    { label: t('access.policies.title'), to: `${realmPath}/policies` },
  ];
  if (state.error) {
    return (
      <>
        <PageHead title={params.module} crumbs={crumbs} />
        <ErrorNotice error={state.error} onRetry={state.reload} />
      </>
    );
  }
  if (state.data === undefined) return <Loading />;
  const module = state.data;
  const dirty = text !== (module?.policy ?? STARTER);

  function goTo(line: number, column: number) {
    const area = editor.current?.querySelector('textarea');
    if (!area) return;
    const at = offsetOf(area.value, line, column);
    area.focus();
    area.setSelectionRange(at, at);
    // Bring the line into view: the textarea scrolls by its own line height.
    const lineHeight = parseFloat(getComputedStyle(area).lineHeight) || 18;
    area.scrollTop = Math.max(0, (line - 3) * lineHeight);
  }

  async function save(event: Event) {
    event.preventDefault();
    setSaving(true);
    setSaveError(null);
    try {
      const saved = await unwrap(api.PUT('/admin/v1/realms/{realm}/policies/{module}', { params: { path: { realm: realm.id, module: params.module } }, body: { policy: text } }));
      state.set(saved);
      notify(t('access.policy.saved', { module: saved.module, version: saved.version }));
    } catch (error) {
      setSaveError(error as Error);
    } finally {
      setSaving(false);
    }
  }

  return (
    <>
      <PageHead
        title={params.module}
        crumbs={crumbs}
        actions={canManage && module ? <Button variant="danger" onClick={() => setDeleting(true)}>{t('common.delete')}</Button> : null}
      />
      <div class="access-meta muted small">
        {module ? (
          <>
            <span>{t('access.policy.count', { count: formatNumber(module.policy_count) })}</span>
            <span>{t('access.policy.version', { version: formatNumber(module.version) })}</span>
            <span>{t('access.policy.updated', { when: formatDateTime(module.updated_at) })}</span>
          </>
        ) : (
          <Badge tone="accent">{t('access.policy.unsaved')}</Badge>
        )}
      </div>
      {canManage ? (
        <form onSubmit={save} noValidate>
          <div ref={editor} class="access-editor">
            <TextArea label={t('access.policy.text')} value={text} onValue={setText} rows={18} spellcheck={false} autocomplete="off" wrap="off" help={t('access.policy.text_help')} />
          </div>
          {saveError ? <PolicyProblems error={saveError} onGoTo={goTo} /> : null}
          <div class="access-form-foot">
            {dirty && module ? <Button onClick={() => { setText(module.policy); setSaveError(null); }}>{t('access.policy.revert')}</Button> : null}
            <Button type="submit" variant="primary" busy={saving}>{module ? t('common.save') : t('access.policy.create')}</Button>
          </div>
        </form>
      ) : module ? (
        <section class="card" aria-labelledby="policy-text">
          <h2 id="policy-text">{t('access.policy.text')}</h2>
          <pre class="code access-code">{module.policy}</pre>
        </section>
      ) : (
        <div class="notice" role="note">{t('access.policy.missing_read')}</div>
      )}
      <PolicyTry realmSlug={realm.slug} />
      {canManage && module ? (
        <ConfirmDialog
          open={deleting}
          title={t('access.policy.delete_title', { module: module.module })}
          body={<p>{t('access.policy.delete_body')}</p>}
          typedWord={module.module}
          confirmLabel={t('access.policy.delete')}
          onClose={() => setDeleting(false)}
          onConfirm={async () => {
            await unwrap(api.DELETE('/admin/v1/realms/{realm}/policies/{module}', { params: { path: { realm: realm.id, module: module.module } } }));
            // Deleting a module is undone by saving its text again under its name.
            notify(t('access.policy.deleted', { module: module.module }), {
              undo: async () => {
                await unwrap(api.PUT('/admin/v1/realms/{realm}/policies/{module}', { params: { path: { realm: realm.id, module: module.module } }, body: { policy: module.policy } })).catch((error: Error) => notify(error.message, { tone: 'error' }));
                navigate(`${realmPath}/policies/${encodeURIComponent(module.module)}`);
              },
            });
            navigate(`${realmPath}/policies`);
          }}
        />
      ) : null}
    </>
  );
}
