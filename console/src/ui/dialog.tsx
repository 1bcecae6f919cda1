/**
 * Modal dialogs on the native <dialog> element: the browser traps focus, Escape closes, focus
 * returns to what opened it. `Drawer` is the same from the side, for details.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { t } from '../i18n/i18n.ts';
import { Button } from './button.tsx';
import { keepFocusInPage } from './focus.ts';
import { CancelAndAct } from './form-actions.tsx';
import { ErrorNotice } from './states.tsx';
import { useAction } from './use-action.ts';

function useModal(open: boolean, onClose: () => void) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  useEffect(() => {
    const dialog = ref.current;
    const closed = () => onClose();
    dialog?.addEventListener('close', closed);
    return () => dialog?.removeEventListener('close', closed);
  }, [onClose]);
  return ref;
}

interface ModalProps {
  open: boolean;
  title: string;
  onClose(): void;
  children: ComponentChildren;
  footer?: ComponentChildren;
}

export function Modal({ open, title, onClose, children, footer }: ModalProps) {
  const ref = useModal(open, onClose);
  const id = useId();
  return (
    <dialog ref={ref} class="modal" aria-labelledby={id}>
      {open ? (
        <>
          <div class="modal-body">
            <h2 id={id}>{title}</h2>
            {children}
          </div>
          {footer ? <div class="modal-foot">{footer}</div> : null}
        </>
      ) : null}
    </dialog>
  );
}

export function Drawer({ open, title, onClose, children }: Omit<ModalProps, 'footer'>) {
  const ref = useModal(open, onClose);
  const id = useId();
  return (
    <dialog ref={ref} class="drawer" aria-labelledby={id}>
      {open ? (
        <>
          <div class="drawer-head">
            <h2 id={id} style="margin:0">{title}</h2>
            <Button variant="ghost" small onClick={onClose}>{t('common.close')}</Button>
          </div>
          <div class="drawer-body">{children}</div>
        </>
      ) : null}
    </dialog>
  );
}

interface ConfirmProps {
  open: boolean;
  title?: string;
  body: ComponentChildren;
  confirmLabel: string;
  /** Irreversible actions: the operator types this word (the realm's slug…) before the button works. */
  typedWord?: string;
  danger?: boolean;
  onConfirm(): Promise<void>;
  onClose(): void;
}

/** Asks before acting; shows the API's refusal in place, and closes only once the action succeeded. */
export function ConfirmDialog({ open, title, body, confirmLabel, typedWord, danger = true, onConfirm, onClose }: ConfirmProps) {
  const [typed, setTyped] = useState('');
  const { busy, error, setError, run } = useAction();
  const inputId = useId();
  useEffect(() => {
    if (open) {
      setTyped('');
      setError(null);
    }
  }, [open]);
  const ready = !typedWord || typed === typedWord;
  async function confirm() {
    await run(async () => {
      await onConfirm();
      onClose();
      keepFocusInPage();
    });
  }
  return (
    <Modal
      open={open}
      title={title ?? t('confirm.title')}
      onClose={onClose}
      footer={
        <CancelAndAct onCancel={onClose} danger={danger} busy={busy} disabled={!ready} onAct={confirm} label={confirmLabel} />
      }
    >
      <div>{body}</div>
      {typedWord ? (
        <div class="field" style="margin-top:12px">
          <label for={inputId}>{t('confirm.type_to_confirm', { word: typedWord })}</label>
          <input id={inputId} class="input" value={typed} autocomplete="off" spellcheck={false} onInput={(event) => setTyped(event.currentTarget.value)} />
        </div>
      ) : null}
      {error ? <ErrorNotice error={error} /> : null}
    </Modal>
  );
}
