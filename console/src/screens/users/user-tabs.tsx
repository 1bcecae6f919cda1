/**
 * The user page's sections as ARIA tabs (arrow keys move between them). The chosen tab is kept in
 * the address (`?tab=sessions`) by replacing the history entry, so a reload or a shared link opens
 * the same section without filling the back button with tab switches.
 */
import type { ComponentChildren } from 'preact';
import { useId, useRef, useState } from 'preact/hooks';

export interface TabDef<K extends string> {
  key: K;
  label: string;
}

export function useTabFromAddress<K extends string>(keys: readonly K[], fallback: K): [K, (key: K) => void] {
  const initial = new URLSearchParams(location.search).get('tab') as K | null;
  const [tab, setTab] = useState<K>(initial && keys.includes(initial) ? initial : fallback);
  const choose = (key: K) => {
    setTab(key);
    const url = new URL(location.href);
    if (key === fallback) url.searchParams.delete('tab');
    else url.searchParams.set('tab', key);
    history.replaceState(history.state, '', url);
  };
  return [tab, choose];
}

export function Tabs<K extends string>({ label, tabs, current, onSelect, children }: { label: string; tabs: TabDef<K>[]; current: K; onSelect(key: K): void; children: ComponentChildren }) {
  const id = useId();
  const list = useRef<HTMLDivElement>(null);
  const move = (event: KeyboardEvent) => {
    const index = tabs.findIndex((tab) => tab.key === current);
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    let next = index;
    if (step) next = (index + step + tabs.length) % tabs.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = tabs.length - 1;
    else return;
    event.preventDefault();
    onSelect(tabs[next].key);
    list.current?.querySelectorAll<HTMLButtonElement>('[role="tab"]')[next]?.focus();
  };
  return (
    <>
      <div class="tabs user-tabs" role="tablist" aria-label={label} ref={list} onKeyDown={move}>
        {tabs.map((tab) => (
          <button
            key={tab.key}
            type="button"
            role="tab"
            id={`${id}-${tab.key}`}
            aria-selected={tab.key === current}
            aria-controls={`${id}-panel`}
            tabIndex={tab.key === current ? 0 : -1}
            onClick={() => onSelect(tab.key)}
          >
            {tab.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${id}-panel`} aria-labelledby={`${id}-${current}`}>
        {children}
      </div>
    </>
  );
}
