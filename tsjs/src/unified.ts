import { installAps } from "./aps/index";
import { installCore } from "./core/index";
import { drainQueue } from "./core/queue";
import { installGpt } from "./gpt/index";

// The unified bundle: core plus the immediate modules; the page's queued commands run once all are in place.
const api = installCore(window);
installGpt(window, api);
installAps(window, api);
api.que = drainQueue(api.que, (error) => {
  if (api.getConfig().debug) {
    console.warn("[tsjs] queued command failed", error);
  }
});
