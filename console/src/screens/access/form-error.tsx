/**
 * A form's refusal from the API (message, code, details), brought into view when it appears: the
 * forms sit in scrolling dialogs, where the notice below the fields could otherwise stay unseen.
 */
import { useEffect, useRef } from 'preact/hooks';
import { ErrorNotice } from '../../ui/states.tsx';

export function FormError({ error }: { error: Error | null }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (error) ref.current?.scrollIntoView({ block: 'nearest' });
  }, [error]);
  return <div ref={ref}>{error ? <ErrorNotice error={error} /> : null}</div>;
}
