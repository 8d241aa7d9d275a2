/** The rows a virtual list renders: only those in view plus `overscan` on each side. */
export interface VirtualWindow {
  start: number;
  /** Exclusive. */
  end: number;
}

/** Which rows of `count` are in view when the list is scrolled to `scrollTop` in a viewport of `height`. */
export function virtualWindow(count: number, rowHeight: number, scrollTop: number, height: number, overscan: number): VirtualWindow {
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const visible = Math.ceil(Math.max(height, rowHeight) / rowHeight);
  return { start: Math.max(0, first - overscan), end: Math.min(count, first + visible + overscan) };
}
