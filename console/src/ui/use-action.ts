import { useState } from 'preact/hooks';

/**
 * One request a form, modal or button sends on the operator's say-so. The same four steps were
 * written out in every such place (busy on, last refusal cleared, refusal kept to show, busy off);
 * here they are once, so every form behaves alike: the button shows it is working and the API's
 * refusal stays on screen until the next try. `run` swallows the failure (it is on screen);
 * `attempt` also throws it on, for a caller such as ConfirmDialog that must stay open on failure.
 */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);

  /** Runs the action, keeping its failure as `error`; the failure is thrown on to the caller too. */
  async function attempt<T>(action: () => Promise<T>): Promise<T> {
    setBusy(true);
    setError(null);
    try {
      return await action();
    } catch (failure) {
      setError(failure as Error);
      throw failure;
    } finally {
      setBusy(false);
    }
  }

  /** Runs the action; true when it succeeded, false when it failed (its failure is then `error`). */
  async function run(action: () => Promise<unknown>): Promise<boolean> {
    return attempt(action).then(
      () => true,
      () => false,
    );
  }

  return { busy, error, setError, run, attempt };
}
