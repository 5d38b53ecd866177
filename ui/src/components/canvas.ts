/**
 * A 2D context for drawing on a canvas in CSS pixels at the screen's resolution: the backing store
 * sized to the element's width (and the given height) times the device pixel ratio. Null before
 * the canvas is in the page.
 */
export function sharpContext(el: HTMLCanvasElement | null, height: number): { g: CanvasRenderingContext2D; width: number } | null {
  const g = el?.getContext('2d');
  if (!el || !g) return null;
  const ratio = window.devicePixelRatio || 1;
  const width = el.clientWidth;
  el.width = Math.round(width * ratio);
  el.height = Math.round(height * ratio);
  g.scale(ratio, ratio);
  return { g, width };
}
