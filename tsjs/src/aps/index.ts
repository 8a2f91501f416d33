import type { SlotBid, TsjsApi } from "../shared/types";
import { validateApsDescriptor, type ApsDescriptor } from "./descriptor";
import { ACK_MESSAGE, FAILED_MESSAGE, RENDER_MESSAGE } from "./messages";

export { ACK_MESSAGE, FAILED_MESSAGE, RENDER_MESSAGE };

export const APS_RENDERER_PATH = "/integrations/aps/renderer";

/** The APS renderer frame's sandbox: as the creative frame's, plus pointer lock; never `allow-same-origin`. */
export const APS_SANDBOX = [
  "allow-forms",
  "allow-pointer-lock",
  "allow-popups",
  "allow-popups-to-escape-sandbox",
  "allow-scripts",
  "allow-top-navigation-by-user-activation",
] as const;

/** A fresh 128-bit nonce, hex. */
export function newNonce(crypto: Crypto): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * Renders an APS winner through the static renderer document in an opaque-origin frame. The frame's URL carries a
 * one-time nonce in its fragment; the descriptor is posted only to that frame's window once it has loaded, and the
 * slot's old content is replaced only when the renderer acknowledges with the same nonce (once: a replayed or
 * mismatched acknowledgement is ignored).
 */
export function renderAps(win: Window, slot: HTMLElement, bid: SlotBid, rendererPath = APS_RENDERER_PATH): boolean {
  const descriptor = validateApsDescriptor(bid.renderer, bid, win.location.origin);
  if (!descriptor) {
    return false;
  }
  const nonce = newNonce(win.crypto);
  const doc = slot.ownerDocument;
  const frame = doc.createElement("iframe");
  frame.setAttribute("sandbox", APS_SANDBOX.join(" "));
  frame.setAttribute("width", String(descriptor.width));
  frame.setAttribute("height", String(descriptor.height));
  frame.setAttribute("scrolling", "no");
  frame.setAttribute("title", "Advertisement");
  frame.setAttribute("referrerpolicy", "no-referrer");
  frame.setAttribute("data-ts-bidder", "aps");
  frame.style.border = "0";
  frame.style.display = "none";
  frame.src = `${rendererPath}#nonce=${nonce}`;

  let acknowledged = false;
  const onMessage = (event: MessageEvent): void => {
    const data = event.data as { type?: unknown; nonce?: unknown } | null;
    if (acknowledged || event.source !== frame.contentWindow || !data || data.nonce !== nonce) {
      return;
    }
    if (data.type === FAILED_MESSAGE) {
      // The runner did not load: the slot keeps what it had, and the hidden frame goes.
      acknowledged = true;
      win.removeEventListener("message", onMessage);
      frame.remove();
      return;
    }
    if (data.type !== ACK_MESSAGE) {
      return;
    }
    acknowledged = true;
    win.removeEventListener("message", onMessage);
    for (const child of Array.from(slot.childNodes)) {
      if (child !== frame) {
        slot.removeChild(child);
      }
    }
    frame.style.display = "block";
  };
  win.addEventListener("message", onMessage);
  frame.addEventListener(
    "load",
    () => {
      // An opaque-origin frame has no origin to name; the nonce and the source check stand in for it.
      frame.contentWindow?.postMessage({ type: RENDER_MESSAGE, nonce, descriptor: minimal(descriptor) }, "*");
    },
    { once: true },
  );
  slot.appendChild(frame);
  return true;
}

function minimal(d: ApsDescriptor): ApsDescriptor {
  return {
    type: d.type,
    version: d.version,
    accountId: d.accountId,
    bidId: d.bidId,
    tagType: d.tagType,
    creativeUrl: d.creativeUrl,
    aaxResponse: d.aaxResponse,
    width: d.width,
    height: d.height,
  };
}

export function installAps(win: Window, api: TsjsApi): void {
  api.registerRenderer("aps", (slot, bid) => renderAps(win, slot, bid));
}
