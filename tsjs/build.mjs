// Builds the browser bundles into the Hosting project, where they are embedded and served at /static/tsjs=NAME.
// Output is deterministic (no timestamps, no source maps, no absolute paths), so ./run-tests can rebuild and compare.
import { build } from "esbuild";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = dirname(fileURLToPath(import.meta.url));
const outDir = process.argv[2] ?? join(root, "..", "src", "TrustedServer.Hosting", "Tsjs", "Bundles");

// The core's deferred modules get a bundle of their own, tsjs-<id>.min.js; everything else is imported by src/unified.ts.
const deferred = ["creative"];

const common = {
  bundle: true,
  minify: true,
  format: "iife",
  target: "es2019",
  platform: "browser",
  legalComments: "none",
  charset: "utf8",
  sourcemap: false,
  write: false,
  absWorkingDir: root,
  logLevel: "warning",
};

async function bundle(entry, define) {
  const result = await build({ ...common, entryPoints: [entry], define });
  return Buffer.from(result.outputFiles[0].contents);
}

const sha256 = (bytes) => createHash("sha256").update(bytes).digest("hex");

// Each integration's browser module, src/integrations/<id>/index.ts, is a standalone bundle tsjs-<id>.min.js; the
// server appends the immediate ones to the unified bundle and tags the deferred ones, for the enabled integrations.
const integrationsDir = join(root, "src", "integrations");
const integrations = existsSync(integrationsDir)
  ? readdirSync(integrationsDir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && existsSync(join(integrationsDir, entry.name, "index.ts")))
      .map((entry) => entry.name)
      .sort()
  : [];

const outputs = new Map();
for (const id of integrations) {
  outputs.set(`tsjs-${id}.min.js`, await bundle(`src/integrations/${id}/index.ts`, {}));
}
for (const id of deferred) {
  outputs.set(`tsjs-${id}.min.js`, await bundle(`src/${id}/index.ts`, { __TSJS_CREATIVE_HASH__: '""' }));
}
const creativeHash = sha256(outputs.get("tsjs-creative.min.js"));
outputs.set("tsjs-unified.min.js", await bundle("src/unified.ts", { __TSJS_CREATIVE_HASH__: JSON.stringify(creativeHash) }));

mkdirSync(outDir, { recursive: true });
for (const name of readdirSync(outDir)) {
  if (name.endsWith(".js")) rmSync(join(outDir, name));
}
for (const [name, bytes] of [...outputs].sort(([a], [b]) => a.localeCompare(b))) {
  writeFileSync(join(outDir, name), bytes);
  console.log(`${name} ${bytes.length} bytes sha256=${sha256(bytes)}`);
}
