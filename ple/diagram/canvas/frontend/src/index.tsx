// The Streamlit component (components v2): Streamlit calls the default export on every
// run with the data Python sent; one React root per mounted canvas keeps its viewport
// and selection between runs.
import { ReactFlowProvider } from "@xyflow/react";
import { createRoot, type Root } from "react-dom/client";
import { Canvas } from "./Canvas";
import type { CanvasData, EditEvent, Selection } from "./types";
import "@xyflow/react/dist/base.css";
import "./canvas.css";

interface Args {
  data: CanvasData;
  parentElement: HTMLElement | ShadowRoot;
  setStateValue: (name: string, value: unknown) => void;
  setTriggerValue: (name: string, value: unknown) => void;
}

const roots = new WeakMap<HTMLElement | ShadowRoot, { root: Root; host: HTMLElement }>();
let sequence = 0;

export default function render({ data, parentElement, setStateValue, setTriggerValue }: Args) {
  let mounted = roots.get(parentElement);
  if (!mounted) {
    const host = document.createElement("div");
    host.className = "ple-canvas-host";
    parentElement.appendChild(host);
    mounted = { root: createRoot(host), host };
    roots.set(parentElement, mounted);
  }
  // Each event carries a number of its own: two equal edits in a row are two edits.
  const send = (event: EditEvent) => setTriggerValue("edit", { ...event, seq: ++sequence });
  const select = (selection: Selection) => setStateValue("selection", selection);
  mounted.root.render(
    <ReactFlowProvider>
      <Canvas data={data} send={send} select={select} />
    </ReactFlowProvider>,
  );
  mounted.host.setAttribute("data-ple-canvas", data.revision);
  return () => {
    const found = roots.get(parentElement);
    if (found) {
      found.root.unmount();
      found.host.remove();
      roots.delete(parentElement);
    }
  };
}
