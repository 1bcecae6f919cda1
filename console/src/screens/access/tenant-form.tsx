/** Creating or changing a tenant: slug, name, whether it can be signed in to, and its custom JSON. */
import { useState } from 'preact/hooks';
import { ApiError } from '../../api/api-error.ts';
import type { ItemOf } from '../../api/types.ts';
import { t } from '../../i18n/i18n.ts';
import { CheckField, TextArea, TextField } from '../../ui/fields.tsx';
import { CancelAndAct } from '../../ui/form-actions.tsx';
import { useAction } from '../../ui/use-action.ts';
import { FormError } from './form-error.tsx';
import { fieldErrors, parseCustom } from './access-logic.ts';

export type Tenant = ItemOf<'/admin/v1/realms/{realm}/tenants'>;
export interface TenantDraft {
  slug: string;
  name: string;
  active: boolean;
  custom: Record<string, unknown>;
}

export function TenantForm({ tenant, onSubmit, onCancel }: { tenant?: Tenant; onSubmit(draft: TenantDraft): Promise<void>; onCancel(): void }) {
  const [slug, setSlug] = useState(tenant?.slug ?? '');
  const [name, setName] = useState(tenant?.name ?? '');
  const [active, setActive] = useState(tenant?.active ?? true);
  const [custom, setCustom] = useState(tenant && Object.keys(tenant.custom).length ? JSON.stringify(tenant.custom, null, 2) : '');
  const { busy, error, run } = useAction();
  const [customError, setCustomError] = useState<string | undefined>();
  const fields = error instanceof ApiError ? fieldErrors(error.details) : {};

  async function submit(event: Event) {
    event.preventDefault();
    const parsed = parseCustom(custom);
    if ('error' in parsed) {
      setCustomError(parsed.error === 'syntax' ? t('access.tenant.custom_syntax', { message: parsed.message ?? '' }) : t('access.tenant.custom_not_object'));
      return;
    }
    setCustomError(undefined);
    await run(async () => {
      await onSubmit({ slug: slug.trim().toLowerCase(), name: name.trim(), active, custom: parsed.value });
    });
  }

  return (
    <form onSubmit={submit} noValidate>
      <TextField label={t('access.tenant.name')} value={name} onValue={setName} required maxLength={200} autocomplete="off" error={fields.name} />
      <TextField label={t('access.tenant.slug')} value={slug} onValue={setSlug} required maxLength={64} autocomplete="off" help={t('access.tenant.slug_help')} error={fields.slug} />
      <CheckField label={t('access.tenant.active')} help={t('access.tenant.active_help')} checked={active} onChecked={setActive} />
      <TextArea label={t('access.tenant.custom')} value={custom} onValue={setCustom} rows={6} spellcheck={false} placeholder={'{ "plan": "gold" }'} help={t('access.tenant.custom_help')} error={customError ?? fields.custom} />
      <FormError error={error} />
      <div class="access-form-foot">
        <CancelAndAct onCancel={onCancel} busy={busy} label={tenant ? t('common.save') : t('access.tenant.create')} />
      </div>
    </form>
  );
}
