// One command builds the canvas into ../static (committed, so installing ple needs no
// Node.js): `npm ci && npm run build`. The output is minified and reproducible: the same
// lockfile gives the same bytes.
import { build } from "esbuild";
import { readFileSync, readdirSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const out = new URL("../static/", import.meta.url).pathname;

const common = {
  bundle: true,
  minify: true,
  target: "es2020",
  jsx: "automatic",
  outdir: out,
  legalComments: "none",
  define: { "process.env.NODE_ENV": '"production"' },
  logLevel: "warning",
};
// The Streamlit component: an ES module whose default export Streamlit calls.
await build({ ...common, entryPoints: { canvas: "src/index.tsx" }, format: "esm" });
// The same canvas for a standalone HTML page (the HTML export): a plain script that
// defines window.PleCanvas; its CSS is the same as canvas.css.
await build({
  ...common,
  entryPoints: { "canvas-page": "src/index.tsx" },
  format: "iife",
  globalName: "PleCanvas",
});
unlinkSync(join(out, "canvas-page.css"));

// The licences of everything bundled, in one file beside the bundle: the packages the
// lockfile installs for running (not the build tools).
const runtime = JSON.parse(readFileSync("package.json", "utf8")).dependencies;
const lock = JSON.parse(readFileSync("package-lock.json", "utf8")).packages;
const notices = Object.entries(lock)
  .filter(([key, entry]) => key.startsWith("node_modules/") && !entry.dev)
  .map(([key, entry]) => {
    const folder = key;
    const licence = readdirSync(folder).find((f) => /^(licen[cs]e|copying)(\.|$)/i.test(f));
    return { name: key.slice("node_modules/".length), version: entry.version,
             license: entry.license,
             text: licence ? readFileSync(join(folder, licence), "utf8").trim() : "" };
  })
  .sort((a, b) => a.name.localeCompare(b.name));
writeFileSync(join(out, "THIRD-PARTY-NOTICES.txt"),
  "The journey canvas (canvas.js, canvas-page.js, canvas.css) bundles these packages,\n" +
  "built from ple/diagram/canvas/frontend (package-lock.json) with\n" +
  "`npm ci && npm run build`.\n" +
  `Direct dependencies: ${Object.keys(runtime).join(", ")}.\n\n` +
  notices.map((n) => `${n.name} ${n.version} (${n.license})\n\n${n.text}`)
    .join("\n\n" + "-".repeat(72) + "\n\n") + "\n");
