import { configFrom, installScriptGuard } from "./guard";

// The gpt integration's immediate module (it runs right after the core, before GPT's own script executes): GPT's
// dynamically loaded scripts are rerouted to the first-party routes the head bootstrap names in window.tsjs.gpt.
const t = (window.tsjs = window.tsjs || {}) as unknown as { gpt?: unknown };
installScriptGuard(window, configFrom(t.gpt));
