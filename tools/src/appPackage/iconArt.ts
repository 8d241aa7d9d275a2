/**
 * The app's icon, drawn from geometry: a contact card (a person and two text lines) with a pair of sync
 * arrows over its lower-right corner. Shapes are tested per sample in unit coordinates (0..1, y down), so
 * the 192×192 colour icon and the 32×32 outline share one drawing and any size renders crisply.
 */

/** A shape: does the unit-square point (x, y) lie inside it? */
export type Shape = (x: number, y: number) => boolean;

/** RGBA, each 0–255. */
export type Rgba = readonly [number, number, number, number];

/** One painted layer: shapes later in the list paint over earlier ones. */
export interface Layer {
  shape: Shape;
  color: Rgba;
}

export const roundedRect = (x0: number, y0: number, x1: number, y1: number, r: number): Shape => (x, y) => {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
};

export const disc = (cx: number, cy: number, r: number): Shape => (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;

const union = (...shapes: Shape[]): Shape => (x, y) => shapes.some((shape) => shape(x, y));
const minus = (shape: Shape, hole: Shape): Shape => (x, y) => shape(x, y) && !hole(x, y);

/** Upper half of an ellipse: the person's shoulders. */
const shoulders = (cx: number, cy: number, rx: number, ry: number): Shape => (x, y) =>
  y <= cy && ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 <= 1;

function triangle(a: [number, number], b: [number, number], c: [number, number]): Shape {
  const side = (p: [number, number], q: [number, number], x: number, y: number) => (q[0] - p[0]) * (y - p[1]) - (q[1] - p[1]) * (x - p[0]);
  return (x, y) => {
    const s1 = side(a, b, x, y), s2 = side(b, c, x, y), s3 = side(c, a, x, y);
    return (s1 >= 0 && s2 >= 0 && s3 >= 0) || (s1 <= 0 && s2 <= 0 && s3 <= 0);
  };
}

/** Two arcs of a ring, each ending in an arrowhead that points on round the circle: "sync". */
function syncArrows(cx: number, cy: number, radius: number, width: number): Shape {
  const arcs: Array<[number, number]> = [[25, 150], [205, 330]];
  const onArc = (x: number, y: number) => {
    const distance = Math.hypot(x - cx, y - cy);
    if (Math.abs(distance - radius) > width / 2) return false;
    const angle = ((Math.atan2(y - cy, x - cx) * 180) / Math.PI + 360) % 360;
    return arcs.some(([from, to]) => angle >= from && angle <= to);
  };
  const heads = arcs.map(([, to]) => {
    const t = (to * Math.PI) / 180;
    const [ux, uy] = [Math.cos(t), Math.sin(t)];
    const [tx, ty] = [-uy, ux];
    const h = width * 1.25;
    const base = (k: number): [number, number] => [cx + ux * (radius + k) , cy + uy * (radius + k)];
    return triangle(base(h), base(-h), [cx + ux * radius + tx * h * 1.4, cy + uy * radius + ty * h * 1.4]);
  });
  return union(onArc, ...heads);
}

/** The card, person, lines and arrows; `outline` draws the card as a frame (for the white outline icon). */
export function iconLayers(outline: boolean): { layers: Layer[]; background?: Rgba } {
  const white: Rgba = [255, 255, 255, 255];
  const accent: Rgba = [15, 108, 189, 255];
  const card = roundedRect(0.14, 0.22, 0.72, 0.7, 0.06);
  const person = outline
    ? union(disc(0.3, 0.4, 0.07), shoulders(0.3, 0.575, 0.11, 0.085))
    : union(disc(0.3, 0.4, 0.07), shoulders(0.3, 0.6, 0.12, 0.1));
  const lines = union(roundedRect(0.45, 0.36, 0.63, 0.41, 0.025), roundedRect(0.45, 0.47, 0.6, 0.52, 0.025));
  // At 32 px the arrows need a thicker stroke to stay readable.
  const arrows = outline ? syncArrows(0.72, 0.72, 0.17, 0.085) : syncArrows(0.7, 0.7, 0.17, 0.055);
  const clearing = outline ? disc(0.72, 0.72, 0.27) : disc(0.7, 0.7, 0.25);
  if (outline) {
    const frame = minus(card, roundedRect(0.19, 0.27, 0.67, 0.65, 0.03));
    return { layers: [{ shape: minus(union(frame, person, lines), clearing), color: white }, { shape: arrows, color: white }] };
  }
  return {
    background: accent,
    layers: [
      { shape: minus(card, clearing), color: white },
      { shape: minus(union(person, lines), clearing), color: accent },
      { shape: arrows, color: white },
    ],
  };
}

/** Renders layers into RGBA pixels, 4×4 samples a pixel; pixels no layer touches stay transparent. */
export function renderIcon(size: number, art: { layers: Layer[]; background?: Rgba }): Buffer {
  const samples = 4;
  const pixels = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const x = (px + (sx + 0.5) / samples) / size, y = (py + (sy + 0.5) / samples) / size;
          const top = [...art.layers].reverse().find((layer) => layer.shape(x, y))?.color ?? art.background;
          if (top) for (let c = 0; c < 4; c++) sum[c]! += top[c]! * (c === 3 ? 1 : top[3] / 255);
        }
      }
      const alpha = sum[3]! / (samples * samples);
      const offset = (py * size + px) * 4;
      for (let c = 0; c < 3; c++) pixels[offset + c] = alpha ? Math.round(sum[c]! / (sum[3]! / 255)) : 0;
      pixels[offset + 3] = Math.round(alpha);
    }
  }
  return pixels;
}
