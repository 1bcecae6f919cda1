/**
 * The pair of buttons that ends a form or a modal: Cancel, then the one that acts. Forms and
 * modals across the console wrote the same two buttons by hand; one component keeps their order,
 * wording and busy behaviour alike everywhere.
 */
import type { ComponentChildren } from 'preact';
import { t } from '../i18n/i18n.ts';
import { Button } from './button.tsx';

interface Props {
  /** What the acting button says. */
  label: ComponentChildren;
  onCancel(): void;
  busy?: boolean;
  disabled?: boolean;
  /** The id of the form the button submits, when it stands outside it (a modal's footer). */
  form?: string;
  /** Set when the button acts by itself instead of submitting a form. */
  onAct?: () => void;
  /** An irreversible action is shown in the danger colour. */
  danger?: boolean;
}

export function CancelAndAct({ label, onCancel, busy, disabled, form, onAct, danger = false }: Props) {
  return (
    <>
      <Button onClick={onCancel}>{t('common.cancel')}</Button>
      <Button variant={danger ? 'danger' : 'primary'} type={onAct ? 'button' : 'submit'} form={form} busy={busy} disabled={disabled} onClick={onAct}>
        {label}
      </Button>
    </>
  );
}
