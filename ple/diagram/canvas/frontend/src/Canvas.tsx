// The journey canvas: the swimlane map the Python layout computed, drawn with React Flow,
// and edited by direct manipulation. Every edit is sent to Python as one event
// ("edit" trigger); Python changes the journey, lays it out again and sends the new map.
// Nothing here decides what a journey is: the canvas only draws and asks.
import {
  type Connection,
  type Edge,
  type EdgeChange,
  type EdgeProps,
  type Node,
  type NodeChange,
  type NodeProps,
  ControlButton,
  Controls,
  EdgeLabelRenderer,
  Handle,
  Panel,
  Position,
  ReactFlow,
  ViewportPortal,
  applyEdgeChanges,
  applyNodeChanges,
  useReactFlow,
  useStore,
} from "@xyflow/react";
import { memo, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { elbow, laneAt, px, roundedPath, stageAt } from "./geometry";
import type { CanvasData, EditEvent, LabelData, RouteData, Selection, StepData } from "./types";

export interface CanvasProps {
  data: CanvasData;
  send: (event: EditEvent) => void;
  select: (selection: Selection) => void;
}

type StepNode = Node<{ step: StepData; editable: boolean; font: number; lineHeight: number }, "step">;
type RouteEdge = Edge<{ route: RouteData; moved: boolean; label: LabelData | null; font: number }, "route">;

const MIN_ZOOM = 0.25;
const MAX_ZOOM = 3;
const MIN_HEIGHT = 320;
const MAX_HEIGHT = 860;
/** A map opens whole, fitted to its frame, down to this zoom: a step's 8.5 pt text is then
 * about 6 pixels high, small but enough to find one's way and zoom in. A map that would
 * have to be drawn smaller opens at this zoom on its start (the lanes' names, the first
 * stages) and says that it goes on. */
const READABLE_ZOOM = 0.5;
/** From this many steps only the boxes and arrows in the frame are drawn: a 500-step map
 * then opens in under a second. Smaller maps draw every step, so that Tab reaches each. */
const VIRTUAL_FROM = 300;
/** Screen pixels at the right of the frame kept free for the zoom buttons when fitted. */
const CONTROLS_ROOM = 40;

// --- steps ------------------------------------------------------------------------------

const StepBox = memo(function StepBox({ data, selected }: NodeProps<StepNode>) {
  const { step, editable, font, lineHeight } = data;
  const textTop = px(step.textTop - step.y);
  return (
    <div
      className={`ple-step${selected ? " ple-selected" : ""}${step.problem ? " ple-problem" : ""}${step.dimmed ? " ple-dimmed" : ""}`}
      style={{ background: step.colour, color: step.textColour, width: px(step.w), height: px(step.h) }}
      title={step.details}
      data-step={step.id}
    >
      <Handle type="target" position={Position.Left} className="ple-handle" isConnectable={editable} />
      <div className="ple-step-text" style={{ top: textTop, fontSize: font, lineHeight: `${lineHeight}px` }}>
        {step.lines.map((line, index) => (
          <div key={index}>{line}</div>
        ))}
      </div>
      {step.note && <span className="ple-tag ple-note">{step.note}</span>}
      {step.badge && <span className="ple-tag ple-badge">{step.badge}</span>}
      {step.mark && <span className={`ple-tag ple-mark ple-mark-${step.markKind}`}>{step.mark}</span>}
      {step.problem && <span className="ple-problem-text">{step.problem}</span>}
      <Handle type="source" position={Position.Right} className="ple-handle" isConnectable={editable} />
    </div>
  );
});

// --- arrows -----------------------------------------------------------------------------

const RouteLine = memo(function RouteLine(props: EdgeProps<RouteEdge>) {
  const { data, sourceX, sourceY, targetX, targetY, selected } = props;
  if (!data) return null;
  const { route, moved, label, font } = data;
  const points = moved
    ? elbow(sourceX, sourceY, targetX, targetY)
    : route.points.map(([x, y]) => [px(x), px(y)] as [number, number]);
  const path = roundedPath(points);
  const width = route.width * (route.highlight ? 2 : 1) * (selected ? 1.6 : 1);
  const [hx, hy] = points[points.length - 1];
  return (
    <g className="ple-route" data-from={route.from} data-to={route.to} data-highlight={route.highlight ? "1" : undefined}>
      <path d={path} className="ple-route-hit" />
      <path
        d={path}
        fill="none"
        stroke={route.colour}
        strokeWidth={width}
        strokeDasharray={route.dashes.length ? route.dashes.join(" ") : undefined}
        strokeLinejoin="round"
      />
      <polygon
        points={`${hx + 6} ${hy}, ${hx - 4} ${hy - 4.3}, ${hx - 4} ${hy + 4.3}`}
        fill={route.colour}
      />
      {label && !moved && (
        <EdgeLabelRenderer>
          <div
            className={`ple-route-label${label.upright ? " ple-upright" : ""}`}
            style={{
              transform: `translate(-50%, -50%) translate(${px(label.x)}px, ${px(label.y)}px)${label.upright ? " rotate(-90deg)" : ""}`,
              borderColor: label.colour,
              fontSize: font,
            }}
          >
            {label.text}
          </div>
        </EdgeLabelRenderer>
      )}
    </g>
  );
});

const nodeTypes = { step: StepBox };
const edgeTypes = { route: RouteLine };

// --- what is behind the steps: lanes, stages, words on arrows ---------------------------

function Backdrop({ data }: { data: CanvasData }) {
  const width = px(data.width);
  return (
    <div className="ple-backdrop" style={{ width, height: px(data.mapHeight) }} aria-hidden="true">
      {data.lanes.map((lane, index) => (
        <div key={lane.agency} className="ple-lane" style={{ top: px(lane.top), height: px(lane.bottom - lane.top) }}>
          <div
            className="ple-lane-band"
            style={{ left: px(data.x0), width: px(data.lanesRight - data.x0), background: index % 2 ? "#FFFFFF" : "#F3F3F3" }}
          />
          <div className="ple-lane-label" style={{ left: px(data.margin), width: px(data.laneLabelWidth), background: lane.tint }}>
            <div className="ple-lane-bar" style={{ background: lane.colour }} />
            <div className="ple-lane-words" style={{ fontSize: data.lanePt * (96 / 72) }}>
              {lane.label.map((line, i) => (
                <div key={i} className="ple-lane-acronym">{line}</div>
              ))}
              {lane.name.map((line, i) => (
                <div key={i} className="ple-lane-name" style={{ fontSize: data.textFontPt * (96 / 72) }}>{line}</div>
              ))}
            </div>
          </div>
        </div>
      ))}
      {data.stages.map((stage) => (
        <div
          key={stage.id || "no-stage"}
          className={`ple-stage${stage.id ? "" : " ple-stage-none"}`}
          style={{ left: px(stage.x0), top: px(stage.top), width: px(stage.x1 - stage.x0), height: px(stage.height), fontSize: data.textFontPt * (96 / 72) }}
        >
          {stage.lines.map((line, i) => (
            <div key={i}>{line}</div>
          ))}
        </div>
      ))}
      {data.sentiment && <Sentiment data={data} />}
    </div>
  );
}

function Sentiment({ data }: { data: CanvasData }) {
  const sentiment = data.sentiment!;
  const mid = (sentiment.top + sentiment.bottom) / 2;
  const unit = (sentiment.bottom - sentiment.top - 0.12) / 4;
  return (
    <svg className="ple-sentiment" style={{ left: 0, top: 0 }} width={px(data.width)} height={px(data.mapHeight)}>
      {[-2, -1, 0, 1, 2].map((value) => (
        <line
          key={value}
          x1={px(data.x0)}
          x2={px(data.lanesRight)}
          y1={px(mid - value * unit)}
          y2={px(mid - value * unit)}
          stroke={value === 0 ? "#777777" : "#D0D0D0"}
          strokeWidth={value === 0 ? 1 : 0.7}
        />
      ))}
      <text x={px(data.margin)} y={px(mid)} dominantBaseline="middle" className="ple-sentiment-title">
        Sentiment
      </text>
      {sentiment.mean.length > 1 && (
        <polyline points={sentiment.mean.map(([x, y]) => `${px(x)},${px(y)}`).join(" ")} fill="none" stroke="#555555" strokeWidth={1.3} />
      )}
      {sentiment.points.map((point, i) => (
        <path
          key={i}
          d={marker(px(point.x), px(point.y), point.value)}
          fill={point.colour}
          stroke="#111111"
          strokeWidth={0.9}
        />
      ))}
    </svg>
  );
}

function marker(x: number, y: number, value: number): string {
  const r = 5;
  if (value > 0) return `M ${x} ${y - r} L ${x + r} ${y + r * 0.8} L ${x - r} ${y + r * 0.8} Z`;
  if (value < 0) return `M ${x} ${y + r} L ${x + r} ${y - r * 0.8} L ${x - r} ${y - r * 0.8} Z`;
  return `M ${x - r} ${y} A ${r} ${r} 0 1 0 ${x + r} ${y} A ${r} ${r} 0 1 0 ${x - r} ${y}`;
}

// --- the canvas -------------------------------------------------------------------------

/** Says so when part of the map is outside the frame (a large map opens at a readable
 * zoom on its start), with a button that shows the whole map: nothing is cut off unseen. */
function MapContinues({ width, height, onFit }: { width: number; height: number; onFit: () => void }) {
  const hidden = useStore((s) => {
    const [x, y, zoom] = s.transform;
    const sides = [];
    if (x < -2) sides.push("left");
    if (x + width * zoom > s.width + 2) sides.push("right");
    if (y < -2) sides.push("top");
    if (y + height * zoom > s.height + 2) sides.push("bottom");
    return sides.join(", ");
  });
  if (!hidden) return null;
  return (
    <Panel position="top-right" className="ple-continues">
      <button type="button" onClick={onFit} data-hidden={hidden}>
        The map goes on ({hidden}): show all of it
      </button>
    </Panel>
  );
}

function sameSelection(a: Selection, b: Selection): boolean {
  if (!a || !b) return a === b;
  if (a.kind === "step" && b.kind === "step") return a.id === b.id;
  if (a.kind === "route" && b.kind === "route") return a.from === b.from && a.to === b.to;
  return false;
}

interface PendingStep {
  x: number;
  y: number;
  agency: string;
  stage: string;
}

interface PendingConnection {
  from: string;
  to: string;
  x: number;
  y: number;
}

function nodesOf(data: CanvasData, selected: Selection): StepNode[] {
  const font = data.stepFontPt * (96 / 72);
  return data.steps.map((step) => ({
    id: step.id,
    type: "step",
    position: { x: px(step.x), y: px(step.y) },
    width: px(step.w),
    height: px(step.h),
    data: { step, editable: data.editable, font, lineHeight: px(data.lineHeight) },
    draggable: data.editable,
    connectable: data.editable,
    deletable: data.editable,
    selected: selected?.kind === "step" && selected.id === step.id,
    ariaLabel: `Step ${step.order + 1} of ${data.steps.length}: ${step.lines.join(" ")}; ${step.agencyLabel}; stage ${step.stageName}${step.badge ? `; ${step.badge.replace("⚠", "open findings:")}` : ""}${step.mark ? `; ${step.mark}` : ""}${step.problem ? `; ${step.problem}` : ""}`,
    domAttributes: { "data-step-id": step.id } as Record<string, string>,
  }));
}

function edgesOf(data: CanvasData, selected: Selection, moved: Set<string>): RouteEdge[] {
  const labels = new Map(data.labels.map((label) => [label.route, label]));
  const font = data.textFontPt * (96 / 72);
  return data.routes.map((route) => ({
    id: route.id,
    type: "route",
    source: route.from,
    target: route.to,
    data: { route, moved: moved.has(route.from) || moved.has(route.to), label: labels.get(route.id) ?? null, font },
    selectable: true,
    focusable: true,
    deletable: data.editable,
    selected: selected?.kind === "route" && selected.from === route.from && selected.to === route.to,
    ariaLabel: route.description,
    zIndex: route.highlight ? 1 : 0,
  }));
}

export function Canvas({ data: incoming, send, select }: CanvasProps) {
  // A map that arrives while a step is dragged, an arrow drawn or a popup is open waits
  // until the gesture ends: resetting the steps under the mouse would cancel it.
  const busy = useRef(false);
  const latest = useRef<CanvasData>(incoming);
  const [data, setShown] = useState<CanvasData>(incoming);
  useEffect(() => {
    latest.current = incoming;
    if (!busy.current) setShown(incoming);
  }, [incoming]);
  const gesture = useCallback((on: boolean) => {
    busy.current = on;
    if (!on) setShown(latest.current);
  }, []);
  const flow = useReactFlow();
  const [nodes, setNodes] = useState<StepNode[]>(() => nodesOf(data, data.selected));
  const [edges, setEdges] = useState<RouteEdge[]>(() => edgesOf(data, data.selected, new Set()));
  const [pending, setPending] = useState<PendingStep | null>(null);
  const [connecting, setConnecting] = useState<PendingConnection | null>(null);
  const connectingRef = useRef(false);
  const [selection, setSelection] = useState<Selection>(data.selected);
  const selectionRef = useRef<Selection>(data.selected);
  const fitted = useRef<string>("");
  const wrapper = useRef<HTMLDivElement>(null);
  const height = useFrameHeight(wrapper, data);

  // A new map from Python: every step back where the layout put it. The selection Python
  // sends wins only when Python changed it (an action selected a new step); otherwise a
  // map that left before the latest click must not undo that click.
  const fromPython = useRef<Selection>(data.selected);
  // Only a selection the person made is reported to Python. React Flow reports every
  // change of the selected set, also the ones this canvas makes when a new map arrives
  // (for a moment it still sees the old selection); echoing those back would overwrite
  // a click made in between. The person's own clicks and keys arrive as "select"
  // changes first, so those mark the next report as theirs.
  const byPerson = useRef(false);
  // What this canvas last reported: a map that comes back with it selected is Python
  // echoing the person's own click, not an action choosing a step, and must not undo what
  // they did since (Control-click a second step before the map of the first click came).
  const reported = useRef<Selection>(data.selected);
  useEffect(() => {
    const changedByPython = !sameSelection(data.selected, fromPython.current)
      && !sameSelection(data.selected, reported.current);
    fromPython.current = data.selected;
    if (changedByPython) {
      selectionRef.current = data.selected;
      setSelection(data.selected);
      byPerson.current = false;
    }
    setNodes((current) => {
      const fresh = nodesOf(data, selectionRef.current);
      const several = new Set(current.filter((node) => node.selected).map((node) => node.id));
      if (changedByPython || several.size < 2) return fresh;
      return fresh.map((node) => ({ ...node, selected: several.has(node.id) }));
    });
    setEdges(edgesOf(data, selectionRef.current, new Set()));
  }, [data]);

  /** Arrows of steps being dragged follow them with a plain elbow until the new map. */
  const setMoved = useCallback((moved: Set<string>) => {
    setEdges((current) => current.map((edge) => {
      const follows = moved.has(edge.source) || moved.has(edge.target);
      return edge.data && edge.data.moved !== follows ? { ...edge, data: { ...edge.data, moved: follows } } : edge;
    }));
  }, []);
  const stepsById = useMemo(() => new Map(data.steps.map((s) => [s.id, s])), [data]);

  // Open fitted to the frame, whole (lane names, stages and sentiment too); again when
  // another journey is shown.
  const ready = useStore((s) => s.width > 0 && s.height > 0);
  const frame = useStore((s) => `${Math.round(s.width)}x${Math.round(s.height)}`);
  const moved_by_hand = useRef(false);
  const frameWidth = useStore((s) => s.width);
  const frameHeight = useStore((s) => s.height);
  // The zoom and buttons sit at the bottom right, over the map: a fitted map leaves them a
  // strip of their own so that they never cover a step.
  const fitMap = useCallback(() => {
    const zoom = Math.min((frameWidth - CONTROLS_ROOM - 8) / px(data.width),
                          (frameHeight - 8) / px(data.mapHeight), MAX_ZOOM);
    flow.setViewport({ x: 4, y: 4, zoom },
                     { duration: 0 });
  }, [flow, data.width, data.mapHeight, frameWidth, frameHeight]);
  const fits = (frameWidth - CONTROLS_ROOM - 8) / px(data.width) >= READABLE_ZOOM;
  const openMap = useCallback(() => {
    if (fits) fitMap();
    else flow.setViewport({ x: 0, y: 0, zoom: READABLE_ZOOM }, { duration: 0 });
  }, [fits, fitMap, flow]);
  // Once per journey and frame size: an edit that grows the map keeps the view where the
  // person is working, and so does a view they moved themselves.
  useEffect(() => {
    if (!ready) return;
    const key = `${data.journey.id} ${frame}`;
    if (fitted.current === key) return;
    const sameJourney = fitted.current.split(" ")[0] === data.journey.id;
    fitted.current = key;
    if (sameJourney && moved_by_hand.current) return;
    if (!sameJourney) moved_by_hand.current = false;
    openMap();
    wrapper.current?.setAttribute("data-fitted", frame);
  }, [ready, data.journey.id, openMap, frame]);

  // Show the step chosen outside the canvas (a finding's link, the URL).
  useEffect(() => {
    if (data.selected?.kind !== "step" || !ready) return;
    const step = stepsById.get(data.selected.id);
    if (!step) return;
    const zoom = Math.max(flow.getZoom(), 0.8);
    flow.setCenter(px(step.x + step.w / 2), px(step.y + step.h / 2), { zoom, duration: 0 });
  }, [data.selected, ready, stepsById, flow]);

  const choose = useCallback(
    (next: Selection) => {
      if (sameSelection(next, selectionRef.current)) return;
      selectionRef.current = next;
      reported.current = next;
      setSelection(next);
      select(next);
    },
    [select],
  );

  const onNodesChange = useCallback((changes: NodeChange<StepNode>[]) => {
    if (changes.some((change) => change.type === "select")) byPerson.current = true;
    setNodes((current) => applyNodeChanges(changes, current));
  }, []);

  const onEdgesChange = useCallback((changes: EdgeChange<RouteEdge>[]) => {
    if (changes.some((change) => change.type === "select")) byPerson.current = true;
    setEdges((current) => applyEdgeChanges(changes, current));
  }, []);

  const cellOf = useCallback(
    (xPx: number, yPx: number) => {
      const x = xPx / 96;
      const y = yPx / 96;
      return { agency: laneAt(data, y), stage: stageAt(data, x) };
    },
    [data],
  );

  const onNodeDragStart = useCallback((_: unknown, node: StepNode, dragged: StepNode[]) => {
    gesture(true);
    setMoved(new Set((dragged.length ? dragged : [node]).map((n) => n.id)));
  }, [setMoved, gesture]);

  const onNodeDragStop = useCallback(
    (_: unknown, node: StepNode, dragged: StepNode[]) => {
      const moves = [];
      for (const each of dragged.length ? dragged : [node]) {
        const step = stepsById.get(each.id);
        if (!step) continue;
        const centreX = each.position.x + px(step.w) / 2;
        const centreY = each.position.y + px(step.h) / 2;
        const cell = cellOf(centreX, centreY);
        const agency = cell.agency ?? step.agency;
        const stage = cell.stage ?? step.stage;
        if (agency !== step.agency || stage !== step.stage) moves.push({ step: step.id, agency, stage });
      }
      gesture(false);
      if (moves.length) {
        send({ op: "move", moves });
      } else {
        setNodes(nodesOf(latest.current, selection));
        setEdges(edgesOf(latest.current, selection, new Set()));
      }
    },
    [stepsById, cellOf, send, selection, gesture],
  );

  const onConnect = useCallback(
    (connection: Connection) => {
      const from = stepsById.get(connection.source);
      const to = stepsById.get(connection.target);
      if (!from || !to || from.id === to.id) return;
      if (from.agency === to.agency) {
        send({ op: "connect", from: from.id, to: to.id, handoff: null });
        return;
      }
      connectingRef.current = true;
      setConnecting({ from: from.id, to: to.id, x: px(to.x), y: px(to.y) });
    },
    [stepsById, send],
  );

  const onDelete = useCallback(
    ({ nodes: gone, edges: cut }: { nodes: StepNode[]; edges: RouteEdge[] }) => {
      send({
        op: "delete",
        steps: gone.map((n) => n.id),
        routes: cut.filter((e) => !gone.some((n) => n.id === e.source || n.id === e.target))
          .map((e) => ({ from: e.source, to: e.target })),
      });
    },
    [send],
  );

  // Deletion goes to Python; the canvas does not remove anything itself.
  const onBeforeDelete = useCallback(
    async ({ nodes: gone, edges: cut }: { nodes: StepNode[]; edges: RouteEdge[] }) => {
      if (data.editable && (gone.length || cut.length)) onDelete({ nodes: gone, edges: cut });
      return false;
    },
    [data.editable, onDelete],
  );

  const onSelectionChange = useCallback(
    ({ nodes: picked, edges: cut }: { nodes: Node[]; edges: Edge[] }) => {
      if (!byPerson.current) return;
      byPerson.current = false;
      if (picked.length === 1 && !cut.length) choose({ kind: "step", id: picked[0].id });
      else if (cut.length === 1 && !picked.length) choose({ kind: "route", from: cut[0].source, to: cut[0].target });
      else if (!picked.length && !cut.length) choose(null);
    },
    [choose],
  );

  const onDoubleClick = useCallback(
    (event: React.MouseEvent) => {
      if (!data.editable) return;
      const target = event.target as HTMLElement;
      if (!target.classList.contains("react-flow__pane")) return;
      const point = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
      const cell = cellOf(point.x, point.y);
      if (!cell.agency || cell.stage === null) return;
      gesture(true);
      setPending({ x: point.x, y: point.y, agency: cell.agency, stage: cell.stage });
    },
    [data.editable, flow, cellOf],
  );

  const onKeyDown = useCallback(
    (event: React.KeyboardEvent) => {
      const target = event.target as HTMLElement;
      if (target.tagName === "INPUT") return;
      const mod = event.ctrlKey || event.metaKey;
      if (data.editable && mod && event.key.toLowerCase() === "z") {
        event.preventDefault();
        send({ op: event.shiftKey ? "redo" : "undo" });
      } else if (data.editable && mod && event.key.toLowerCase() === "y") {
        event.preventDefault();
        send({ op: "redo" });
      } else if (data.editable && mod && event.key.toLowerCase() === "s") {
        event.preventDefault();
        send({ op: "save" });
      } else if (data.editable && event.altKey && selection?.kind === "step" && event.key.startsWith("Arrow")) {
        event.preventDefault();
        const step = stepsById.get(selection.id);
        if (!step) return;
        const lanes = data.lanes.map((l) => l.agency);
        const stages = data.stages.map((s) => s.id);
        let agency = step.agency;
        let stage = step.stage;
        const lane = lanes.indexOf(agency);
        const column = stages.indexOf(stage);
        if (event.key === "ArrowUp" && lane > 0) agency = lanes[lane - 1];
        if (event.key === "ArrowDown" && lane < lanes.length - 1) agency = lanes[lane + 1];
        if (event.key === "ArrowLeft" && column > 0) stage = stages[column - 1];
        if (event.key === "ArrowRight" && column >= 0 && column < stages.length - 1) stage = stages[column + 1];
        if (agency !== step.agency || stage !== step.stage) send({ op: "move", moves: [{ step: step.id, agency, stage }] });
      } else if (event.key === "Escape") {
        setPending(null);
        setConnecting(null);
        connectingRef.current = false;
        gesture(false);
      }
    },
    [data, send, selection, stepsById],
  );

  return (
    <div
      ref={wrapper}
      className="ple-canvas"
      style={{ height }}
      onDoubleClick={onDoubleClick}
      onKeyDown={onKeyDown}
      data-revision={data.revision}
      data-applied={data.applied ?? ""}
      data-journey={data.journey.id}
    >
      <ReactFlow<StepNode, RouteEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onNodeDragStart={onNodeDragStart}
        onNodeDragStop={onNodeDragStop}
        onConnect={onConnect}
        onConnectStart={() => gesture(true)}
        onConnectEnd={() => {
          if (!connectingRef.current) gesture(false);
        }}
        onBeforeDelete={onBeforeDelete}
        onSelectionChange={onSelectionChange}
        onMoveStart={(event) => {
          if (event) moved_by_hand.current = true;
        }}
        deleteKeyCode={data.editable ? ["Delete", "Backspace"] : null}
        onlyRenderVisibleElements={data.steps.length > VIRTUAL_FROM}
        minZoom={MIN_ZOOM}
        maxZoom={MAX_ZOOM}
        zoomOnDoubleClick={false}
        nodesDraggable={data.editable}
        nodesConnectable={data.editable}
        nodesFocusable
        edgesFocusable
        elevateNodesOnSelect={false}
        selectionKeyCode="Shift"
        multiSelectionKeyCode={["Meta", "Control", "Shift"]}
        nodeDragThreshold={4}
        ariaLabelConfig={{
          "node.a11yDescription.default": data.editable
            ? "Press Enter or Space to select this step and edit it in the panel. Alt and an arrow key move a selected step to the next lane or stage; Delete removes it; Control Z undoes."
            : "Press Enter or Space to select this step and see its details.",
        }}
      >
        <ViewportPortal>
          <Backdrop data={data} />
        </ViewportPortal>
        <MapContinues width={px(data.width)} height={px(data.mapHeight)} onFit={fitMap} />
        <Controls showInteractive={false} showFitView={false} position="bottom-right">
          <ControlButton onClick={fitMap} title="Fit the whole map" aria-label="Fit the whole map">
            <svg viewBox="0 0 32 30" aria-hidden="true"><path d="M3.7 11.4V3.7h7.7M20.6 3.7h7.7v7.7M28.3 18.6v7.7h-7.7M11.4 26.3H3.7v-7.7" fill="none" stroke="currentColor" strokeWidth="3" /></svg>
          </ControlButton>
        </Controls>
      </ReactFlow>
      {pending && (
        <NewStepInput
          pending={pending}
          onDone={(name) => {
            setPending(null);
            gesture(false);
            if (name.trim()) send({ op: "add", name: name.trim(), agency: pending.agency, stage: pending.stage });
          }}
        />
      )}
      {connecting && (
        <HandoffMenu
          connecting={connecting}
          types={data.handoffTypes}
          onDone={(handoff) => {
            setConnecting(null);
            connectingRef.current = false;
            gesture(false);
            if (handoff !== undefined) send({ op: "connect", from: connecting.from, to: connecting.to, handoff });
          }}
        />
      )}
      <p className="ple-sr-only">{data.description}</p>
    </div>
  );
}

/** The frame is as tall as the whole map needs at the width it has: no empty bands above
 * and below, within bounds that keep it on one screen. */
function useFrameHeight(wrapper: React.RefObject<HTMLDivElement | null>, data: CanvasData): number {
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const element = wrapper.current;
    if (!element) return;
    const observer = new ResizeObserver(() => setWidth(element.clientWidth));
    observer.observe(element);
    setWidth(element.clientWidth);
    return () => observer.disconnect();
  }, [wrapper]);
  if (!width) return data.height;
  const zoom = Math.max(Math.min(width / px(data.width), 1.25), READABLE_ZOOM);
  const wanted = px(data.mapHeight) * zoom + 4;
  return Math.round(Math.min(Math.max(wanted, MIN_HEIGHT), MAX_HEIGHT));
}

// --- small popups -----------------------------------------------------------------------

function usePlaced(x: number, y: number) {
  const flow = useReactFlow();
  const { zoom, x: tx, y: ty } = flow.getViewport();
  return { left: x * zoom + tx, top: y * zoom + ty };
}

function NewStepInput({ pending, onDone }: { pending: PendingStep; onDone: (name: string) => void }) {
  const place = usePlaced(pending.x, pending.y);
  const input = useRef<HTMLInputElement>(null);
  const finished = useRef(false);
  useEffect(() => input.current?.focus(), []);
  const finish = (name: string) => {
    if (finished.current) return;
    finished.current = true;
    onDone(name);
  };
  return (
    <div className="ple-popup" style={place} onKeyDown={(e) => e.stopPropagation()}
      onKeyUp={(e) => e.stopPropagation()}>
      <label>
        <span className="ple-popup-title">New step</span>
        <input
          ref={input}
          aria-label="Name of the new step"
          placeholder="What the person does"
          onKeyDown={(event) => {
            if (event.key === "Enter") finish((event.target as HTMLInputElement).value);
            if (event.key === "Escape") finish("");
          }}
          onBlur={(event) => finish(event.target.value)}
        />
      </label>
    </div>
  );
}

function HandoffMenu({
  connecting,
  types,
  onDone,
}: {
  connecting: PendingConnection;
  types: { type: string; meaning: string }[];
  onDone: (handoff: string | null | undefined) => void;
}) {
  const place = usePlaced(connecting.x, connecting.y);
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => first.current?.focus(), []);
  return (
    <div className="ple-popup ple-menu" style={place} role="menu" aria-label="Type of handoff"
      onKeyUp={(event) => event.stopPropagation()}
      onKeyDown={(event) => {
        event.stopPropagation();
        if (event.key === "Escape") onDone(undefined);
      }}>
      <span className="ple-popup-title">Handoff to another agency</span>
      {types.map((t, index) => (
        <button key={t.type} role="menuitem" ref={index === 0 ? first : undefined} onClick={() => onDone(t.type)}>
          <strong>{t.type}</strong>: {t.meaning}
        </button>
      ))}
      <button role="menuitem" onClick={() => onDone(undefined)}>Cancel</button>
    </div>
  );
}
