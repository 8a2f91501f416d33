// Builds the prebid integration's external bundle: Prebid.js from npm (the exact version in package-lock.json) with
// the bid adapters, User ID modules and other modules named in bundle.json, as one deterministic IIFE. It is pure
// Prebid.js: the trustedServer adapter is the tsjs prebid module, which the server serves beside it and which calls
// pbjs.processQueue() once the adapter is in place. The bundle only stamps what it holds on
// window.__tsjs_prebid_bundle, so the module can check the page's client-side bidders against it.
//
//   node build.mjs [outDir]   writes trusted-prebid.js and manifest.json (sha256, sri) to outDir (default dist/)
import { build } from "esbuild";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = dirname(fileURLToPath(import.meta.url));
const outDir = process.argv[2] ?? join(root, "dist");
const selection = JSON.parse(readFileSync(join(root, "bundle.json"), "utf8"));
const prebidVersion = JSON.parse(readFileSync(join(root, "node_modules", "prebid.js", "package.json"), "utf8")).version;

const names = (key) => {
  const list = selection[key] ?? [];
  if (!Array.isArray(list) || list.some((name) => typeof name !== "string" || !/^[A-Za-z0-9]+$/.test(name))) {
    throw new Error(`bundle.json: ${key} must be a list of Prebid module names`);
  }
  return list;
};
const adapters = names("adapters");
const userIdModules = names("userIdModules");
const modules = names("modules");

const imports = [
  ...modules,
  ...(userIdModules.length > 0 ? ["userId", ...userIdModules] : []),
  ...adapters.map((bidder) => `${bidder}BidAdapter`),
];
for (const name of imports) {
  if (!existsSync(join(root, "node_modules", "prebid.js", "dist", "src", "public", `${name}.js`))) {
    throw new Error(`bundle.json: prebid.js ${prebidVersion} has no module ${name}`);
  }
}

const manifest = { prebid: prebidVersion, adapters, userIdModules, modules };
const entry = [
  'import pbjs from "prebid.js";',
  ...imports.map((name) => `import "prebid.js/modules/${name}";`),
  `window.__tsjs_prebid_bundle = Object.assign({ version: pbjs.version }, ${JSON.stringify(manifest)});`,
].join("\n");

const result = await build({
  stdin: { contents: entry, resolveDir: root, sourcefile: "trusted-prebid-entry.js", loader: "js" },
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
  define: { "process.env.NODE_ENV": '"production"' },
});
const bytes = Buffer.from(result.outputFiles[0].contents);
const sha256 = createHash("sha256").update(bytes).digest("hex");
const sri = "sha384-" + createHash("sha384").update(bytes).digest("base64");

mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, "trusted-prebid.js"), bytes);
writeFileSync(join(outDir, "manifest.json"), JSON.stringify({ file: "trusted-prebid.js", bytes: bytes.length, sha256, sri, ...manifest }, null, 2) + "\n");
console.log(`trusted-prebid.js ${bytes.length} bytes sha256=${sha256}`);
