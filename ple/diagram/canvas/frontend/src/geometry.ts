// Map coordinates: the layout is in inches; the canvas draws PX_PER_INCH pixels per inch at
// zoom 1, so a map looks at 100% as it would on paper held at arm's length.
import type { CanvasData, Point } from "./types";

export const PX_PER_INCH = 96;
export const px = (inches: number): number => inches * PX_PER_INCH;

/** An SVG path through ``points`` (in pixels) with its corners rounded. */
export function roundedPath(points: Point[], radius = px(0.06)): string {
  if (points.length === 0) return "";
  let d = `M ${points[0][0]} ${points[0][1]}`;
  for (let i = 1; i < points.length - 1; i++) {
    const [ax, ay] = points[i - 1];
    const [bx, by] = points[i];
    const [cx, cy] = points[i + 1];
    const d1 = Math.hypot(bx - ax, by - ay);
    const d2 = Math.hypot(cx - bx, cy - by);
    const r = Math.min(radius, d1 / 2, d2 / 2);
    if (r <= 1e-6) {
      d += ` L ${bx} ${by}`;
      continue;
    }
    const sx = bx + ((ax - bx) * r) / d1;
    const sy = by + ((ay - by) * r) / d1;
    const ex = bx + ((cx - bx) * r) / d2;
    const ey = by + ((cy - by) * r) / d2;
    d += ` L ${sx} ${sy} Q ${bx} ${by} ${ex} ${ey}`;
  }
  const [lx, ly] = points[points.length - 1];
  return `${d} L ${lx} ${ly}`;
}

/** The lane (agency) under a point of the map, in inches; null outside the lanes. */
export function laneAt(data: CanvasData, y: number): string | null {
  const lane = data.lanes.find((l) => y >= l.top && y < l.bottom);
  return lane ? lane.agency : null;
}

/** The stage whose columns hold x (inches); the nearest column when x is in a margin. */
export function stageAt(data: CanvasData, x: number): string | null {
  if (data.columns.length === 0) return null;
  let best = data.columns[0];
  for (const column of data.columns) {
    if (x >= column.x0 && x < column.x1) return column.stage;
    const distance = Math.min(Math.abs(x - column.x0), Math.abs(x - column.x1));
    const bestDistance = Math.min(Math.abs(x - best.x0), Math.abs(x - best.x1));
    if (distance < bestDistance) best = column;
  }
  return best.stage;
}

/** A fallback route for an arrow whose ends moved (during a drag): out of the source's
 * right edge, across, into the target's left edge. */
export function elbow(sx: number, sy: number, tx: number, ty: number): Point[] {
  const mid = tx > sx ? (sx + tx) / 2 : sx + 20;
  if (tx > sx) return [[sx, sy], [mid, sy], [mid, ty], [tx, ty]];
  const below = Math.max(sy, ty) + 40;
  return [[sx, sy], [sx + 20, sy], [sx + 20, below], [tx - 20, below], [tx - 20, ty], [tx, ty]];
}
