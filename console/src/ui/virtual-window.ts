/** Which rows of a long list to draw: those in view plus a margin, as pure arithmetic (unit-tested). */
export interface RowWindow {
  start: number;
  end: number;
  /** Space above the first drawn row and below the last, so the scroll bar keeps the whole list's size. */
  before: number;
  after: number;
}

export function rowWindow(count: number, rowHeight: number, scrollTop: number, viewport: number, overscan = 8): RowWindow {
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(count, Math.ceil((scrollTop + viewport) / rowHeight) + overscan);
  const start = Math.min(first, last);
  return { start, end: last, before: start * rowHeight, after: (count - last) * rowHeight };
}

/** Whether the view is close enough to the end of what is loaded to ask for the next page. */
export const nearEnd = (count: number, window: RowWindow, margin = 20) => window.end >= count - margin;
