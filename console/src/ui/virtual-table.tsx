/**
 * A table that stays fast with any number of loaded rows: only the rows in view are in the page
 * (the rest is empty space of the same height), announced to screen readers with the ARIA table
 * roles and row counts. Asks for the next page as the view nears the end of what is loaded.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { formatNumber, t } from '../i18n/i18n.ts';
import { Button } from './button.tsx';
import { nearEnd, rowWindow } from './virtual-window.ts';

export interface Column<T> {
  header: string;
  /** A CSS grid track: `2fr`, `160px`, `minmax(0,1fr)`. */
  width: string;
  cell(item: T): ComponentChildren;
  /** Hidden below this viewport width (phones keep the essential columns). */
  hideBelow?: number;
}

export interface VirtualTableProps<T> {
  label: string;
  items: T[];
  columns: Column<T>[];
  keyOf(item: T): string;
  complete: boolean;
  loading: boolean;
  onEndReached(): void;
  rowHeight?: number;
  /** The list's height; it scrolls inside (the page does not grow with 100,000 rows). */
  height?: string;
}

export function VirtualTable<T>({ label, items, columns, keyOf, complete, loading, onEndReached, rowHeight = 48, height = 'min(70vh, calc(100vh - 240px))' }: VirtualTableProps<T>) {
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(600);
  const [width, setWidth] = useState(1200);
  useEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const observer = new ResizeObserver(() => {
      setViewport(element.clientHeight);
      setWidth(element.clientWidth);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  const shown = columns.filter((column) => !column.hideBelow || width >= column.hideBelow);
  const template = shown.map((column) => column.width).join(' ');
  const window = rowWindow(items.length, rowHeight, scrollTop, viewport);
  useEffect(() => {
    if (!complete && !loading && nearEnd(items.length, window)) onEndReached();
  }, [items.length, window.end, complete, loading]);
  const total = complete ? items.length : -1;
  return (
    <div class="table-wrap">
      <div ref={scroller} class="vlist" style={{ maxHeight: height }} role="table" aria-label={label} aria-rowcount={total} onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}>
        <div role="rowgroup">
          <div role="row" class="head" aria-rowindex={1} style={{ gridTemplateColumns: template }}>
            {shown.map((column) => (
              <div role="columnheader" key={column.header}>{column.header}</div>
            ))}
          </div>
        </div>
        <div role="rowgroup">
          <div style={{ height: `${window.before}px` }} aria-hidden="true" />
          {items.slice(window.start, window.end).map((item, offset) => (
            <div role="row" key={keyOf(item)} aria-rowindex={window.start + offset + 2} style={{ gridTemplateColumns: template, height: `${rowHeight}px` }}>
              {shown.map((column) => (
                <div role="cell" key={column.header}>{column.cell(item)}</div>
              ))}
            </div>
          ))}
          <div style={{ height: `${window.after}px` }} aria-hidden="true" />
        </div>
      </div>
      <div class="list-foot">
        {/* A status, not an announcement: in a live list it would read out every arriving row. */}
        <span>{complete ? t('common.showing_all', { count: formatNumber(items.length) }) : t('common.showing', { count: formatNumber(items.length) })}</span>
        {!complete ? (
          <Button small busy={loading} onClick={onEndReached}>
            {loading ? t('common.loading') : t('common.load_more')}
          </Button>
        ) : null}
      </div>
    </div>
  );
}
