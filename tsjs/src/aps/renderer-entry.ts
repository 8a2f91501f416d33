import { installApsRenderer } from "./renderer";

// The renderer document's inline script: the runner's URL comes from the script element's data-runner attribute,
// which the server writes from its configuration (the script's own bytes, and so its CSP hash, never change).
installApsRenderer(window, window.location.hash, document.currentScript?.getAttribute("data-runner") ?? null);
