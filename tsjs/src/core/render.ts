import type { SlotBid } from "../shared/types";

/**
 * The creative frame's sandbox: scripts, forms and popups (which may leave the sandbox), top navigation only on a
 * click; never `allow-same-origin`, so a creative runs in an opaque origin and cannot touch the publisher's page,
 * cookies or storage.
 */
export const CREATIVE_SANDBOX = [
  "allow-forms",
  "allow-popups",
  "allow-popups-to-escape-sandbox",
  "allow-scripts",
  "allow-top-navigation-by-user-activation",
] as const;

function escapeAttribute(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
}

/** The creative's document: no margins, the click guard first, then the markup. */
export function creativeDocument(adm: string, guardScriptUrl: string | null): string {
  const guard = guardScriptUrl ? `<script src="${escapeAttribute(guardScriptUrl)}"></script>` : "";
  return (
    '<!doctype html><html><head><meta charset="utf-8">' +
    "<style>html,body{margin:0;padding:0;overflow:hidden;background:transparent}</style>" +
    guard +
    "</head><body>" +
    adm +
    "</body></html>"
  );
}

/** A sandboxed frame holding `bid.adm`, replacing whatever the slot element held. */
export function renderMarkup(slot: HTMLElement, bid: SlotBid, guardScriptUrl: string | null): HTMLIFrameElement {
  const doc = slot.ownerDocument;
  const frame = doc.createElement("iframe");
  frame.setAttribute("sandbox", CREATIVE_SANDBOX.join(" "));
  frame.setAttribute("width", String(bid.w));
  frame.setAttribute("height", String(bid.h));
  frame.setAttribute("scrolling", "no");
  frame.setAttribute("title", "Advertisement");
  frame.setAttribute("data-ts-bidder", bid.hb_bidder);
  frame.style.border = "0";
  frame.style.display = "block";
  frame.srcdoc = creativeDocument(bid.adm ?? "", guardScriptUrl);
  slot.replaceChildren(frame);
  return frame;
}
