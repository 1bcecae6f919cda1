/**
 * The Live switch and what the stream is doing. Screen readers hear how many events arrived, a few
 * seconds after they settle — never each event read out.
 */
import { formatNumber, t } from '../../i18n/i18n.ts';
import { useDebounced } from '../../ui/use-debounced.ts';
import type { LiveState } from './event-stream.ts';

interface Props {
  on: boolean;
  onChange(on: boolean): void;
  state: LiveState | null;
  count: number;
  /** The filters end in the past (until): nothing live to follow. */
  blocked: boolean;
}

export function LiveToggle({ on, onChange, state, count, blocked }: Props) {
  const announced = useDebounced(count, 3000);
  const status = !state
    ? ''
    : state.kind === 'connecting'
      ? t('events.live.connecting')
      : state.kind === 'open'
        ? t('events.live.open')
        : t('events.live.retrying', { seconds: Math.ceil(state.inMs / 1000) });
  return (
    <div class="live-toggle">
      <span class={`live-status${state?.kind === 'open' ? ' on' : ''}`}>
        {state?.kind === 'open' ? <span class="live-dot" aria-hidden="true" /> : null}
        {status}
      </span>
      <span class="visually-hidden" aria-live="polite">
        {on && announced > 0 ? (announced === 1 ? t('events.live.new_one') : t('events.live.new', { count: formatNumber(announced) })) : ''}
      </span>
      <button type="button" class={`btn${on ? ' primary' : ''}`} aria-pressed={on} disabled={blocked} title={blocked ? t('events.live_until') : t('events.live_help')} onClick={() => onChange(!on)}>
        {t('events.live')}
      </button>
    </div>
  );
}
