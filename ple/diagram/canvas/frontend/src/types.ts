// The data the Python side sends (ple/views/canvas.py, canvas_data) and the events the
// canvas sends back. Lengths are in inches, as the layout computes them; the canvas draws
// one inch as PX_PER_INCH pixels at zoom 1.

export type Point = [number, number];

export interface LaneData {
  agency: string;
  colour: string;
  tint: string;
  top: number;
  bottom: number;
  label: string[];
  name: string[];
}

export interface StageData {
  id: string;
  lines: string[];
  x0: number;
  x1: number;
  top: number;
  height: number;
  first: number;
  last: number;
}

export interface ColumnData {
  index: number;
  stage: string;
  x0: number;
  x1: number;
}

export interface StepData {
  id: string;
  order: number;
  lines: string[];
  x: number;
  y: number;
  w: number;
  h: number;
  textTop: number;
  colour: string;
  textColour: string;
  badge: string;
  note: string;
  mark: string;
  markKind: string;
  agency: string;
  agencyLabel: string;
  stage: string;
  stageName: string;
  details: string;
  problem: string;
  dimmed: boolean;
}

export interface RouteData {
  id: string;
  from: string;
  to: string;
  points: Point[];
  colour: string;
  dashes: number[];
  width: number;
  kind: string;
  highlight: boolean;
  description: string;
}

export interface LabelData {
  text: string;
  x: number;
  y: number;
  upright: boolean;
  colour: string;
  route: string;
}

export interface SentimentData {
  top: number;
  bottom: number;
  points: { x: number; y: number; value: number; colour: string }[];
  mean: Point[];
}

export interface CanvasData {
  revision: string;
  journey: { id: string; name: string };
  editable: boolean;
  height: number;
  width: number;
  mapHeight: number;
  laneLabelWidth: number;
  margin: number;
  x0: number;
  lanesRight: number;
  lanesTop: number;
  lanesBottom: number;
  lanes: LaneData[];
  stages: StageData[];
  columns: ColumnData[];
  steps: StepData[];
  routes: RouteData[];
  labels: LabelData[];
  sentiment: SentimentData | null;
  handoffTypes: { type: string; meaning: string }[];
  stepFontPt: number;
  textFontPt: number;
  lanePt: number;
  lineHeight: number;
  arrow: { length: number; half: number };
  selected: Selection;
  description: string;
}

export type Selection =
  | { kind: "step"; id: string }
  | { kind: "route"; from: string; to: string }
  | null;

export type EditEvent =
  | { op: "add"; name: string; agency: string; stage: string }
  | { op: "move"; moves: { step: string; agency: string; stage: string }[] }
  | { op: "connect"; from: string; to: string; handoff: string | null }
  | { op: "delete"; steps: string[]; routes: { from: string; to: string }[] }
  | { op: "undo" }
  | { op: "redo" }
  | { op: "save" };
