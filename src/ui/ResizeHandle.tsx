// The sidebar's left edge, which the reader drags (or moves with the arrow keys, Home and End) to
// make the panel wider or narrower: the ARIA window-splitter pattern.

import type { Lang } from '../shared/languages';
import { SIDEBAR_WIDTH } from '../shared/settings';
import { t } from './strings';

const RESIZE_STEP = 16;

export const clampWidth = (width: number) => Math.min(SIDEBAR_WIDTH.max, Math.max(SIDEBAR_WIDTH.min, width));

export interface ResizeHandleProps {
  lang: Lang;
  width: number;
  /** While the reader drags: the width to show. */
  onDrag: (width: number) => void;
  /** The width the reader settled on (on release, or at once from the keyboard). */
  onResize: (width: number) => void;
}

export function ResizeHandle({ lang, width, onDrag, onResize }: ResizeHandleProps) {
  return (
    // biome-ignore lint/a11y/useSemanticElements: <hr> cannot be focused or dragged; a focusable separator is the ARIA window-splitter pattern
    <div
      class="bs-resize"
      role="separator"
      aria-orientation="vertical"
      aria-label={t(lang, 'resize')}
      aria-valuemin={SIDEBAR_WIDTH.min}
      aria-valuemax={SIDEBAR_WIDTH.max}
      aria-valuenow={width}
      tabIndex={0}
      onKeyDown={(event) => {
        // The handle is on the left edge: moving it left makes the panel wider.
        const step = event.shiftKey ? RESIZE_STEP * 4 : RESIZE_STEP;
        const next =
          event.key === 'ArrowLeft'
            ? width + step
            : event.key === 'ArrowRight'
              ? width - step
              : event.key === 'Home'
                ? SIDEBAR_WIDTH.min
                : event.key === 'End'
                  ? SIDEBAR_WIDTH.max
                  : null;
        if (next === null) return;
        event.preventDefault();
        onResize(clampWidth(next));
      }}
      onPointerDown={(event) => {
        event.preventDefault();
        const handle = event.currentTarget;
        const startX = event.clientX;
        let last = width;
        handle.setPointerCapture?.(event.pointerId);
        const move = (e: PointerEvent) => {
          last = clampWidth(width + startX - e.clientX);
          onDrag(last);
        };
        const up = () => {
          handle.removeEventListener('pointermove', move);
          handle.removeEventListener('pointerup', up);
          handle.removeEventListener('pointercancel', up);
          onResize(last);
        };
        handle.addEventListener('pointermove', move);
        handle.addEventListener('pointerup', up);
        handle.addEventListener('pointercancel', up);
      }}
    />
  );
}
