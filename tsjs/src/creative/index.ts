import { installClickGuard } from "./clickGuard";
import { installSourceGuard, signerFor } from "./sourceGuard";

// Runs inside the creative frame, before the creative's markup.
const config = (window as unknown as { tsCreativeConfig?: { renderGuard?: boolean } }).tsCreativeConfig;
installClickGuard(document);
if (config?.renderGuard === true) {
  installSourceGuard(document, signerFor(window));
}
