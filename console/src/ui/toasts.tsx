/**
 * Short confirmations at the corner, announced to screen readers; a change the API can take back
 * (unlock after lock, restore after delete) offers Undo for a few seconds.
 */
import { createContext, type ComponentChildren } from 'preact';
import { useCallback, useContext, useState } from 'preact/hooks';
import { t } from '../i18n/i18n.ts';

interface Toast {
  id: number;
  message: string;
  tone: 'info' | 'error';
  undo?: () => Promise<void> | void;
}

type Notify = (message: string, options?: { tone?: 'info' | 'error'; undo?: () => Promise<void> | void }) => void;

const ToastContext = createContext<Notify>(() => {});
let nextId = 1;

export function ToastHost({ children }: { children: ComponentChildren }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const dismiss = useCallback((id: number) => setToasts((all) => all.filter((toast) => toast.id !== id)), []);
  const notify = useCallback<Notify>((message, options = {}) => {
    const id = nextId++;
    setToasts((all) => [...all.slice(-2), { id, message, tone: options.tone ?? 'info', undo: options.undo }]);
    setTimeout(() => dismiss(id), options.undo ? 8000 : 4000);
  }, [dismiss]);
  return (
    <ToastContext.Provider value={notify}>
      {children}
      <div class="toasts" role="status" aria-live="polite">
        {toasts.map((toast) => (
          <div key={toast.id} class={`toast${toast.tone === 'error' ? ' error' : ''}`}>
            <span>{toast.message}</span>
            {toast.undo ? (
              <button
                type="button"
                class="btn"
                onClick={async () => {
                  dismiss(toast.id);
                  await toast.undo?.();
                }}
              >
                {t('common.undo')}
              </button>
            ) : null}
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}

export const useToast = () => useContext(ToastContext);
