import { installPrebidShim } from "./shim";

// The prebid integration's deferred module: it runs after the external Prebid.js bundle (a deferred tag earlier in
// the head) and before the page's Prebid.js commands, which wait in pbjs.que until it lets them run.
installPrebidShim(window);
