// The phone header's navigation is one scrollable row (Shell): the current item must be in view
// when a screen opens, or a patient on "My education" would see a bar that seems to lack it.

/** A horizontal extent in pixels: where it starts and how wide it is. */
export interface Span {
  left: number;
  width: number;
}

/**
 * The scroll offset that brings `item` (measured from the start of the scrolled content) fully
 * into a `view` of `view.width` currently scrolled to `view.left`, centred when it has to move;
 * null when it is already fully visible (no jump under the reader's finger).
 */
export function scrollToShow(item: Span, view: Span, contentWidth: number): number | null {
  const visible = item.left >= view.left && item.left + item.width <= view.left + view.width;
  if (visible) {
    return null;
  }
  const centred = item.left - (view.width - item.width) / 2;
  const max = Math.max(0, contentWidth - view.width);
  return Math.round(Math.min(max, Math.max(0, centred)));
}
