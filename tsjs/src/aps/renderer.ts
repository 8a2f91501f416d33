import { checkApsDescriptor, type ApsDescriptor } from "./descriptor";
import { ACK_MESSAGE, FAILED_MESSAGE, RENDER_MESSAGE } from "./messages";

/** The nonce the parent put in the frame URL's fragment: 128 bits, hex. */
const NONCE_FRAGMENT = /^#nonce=([0-9a-f]{32})$/;

/** One APS account's state on `window._aps`, the shape APS's runner reads its render requests from. */
interface ApsAccount {
  queue: Event[];
  store: Map<string, unknown>;
}

/**
 * The script of the static renderer document (`/integrations/aps/renderer`), running in an opaque-origin frame. It
 * takes the one-time nonce from its own URL's fragment, then waits for the parent's render message: only a message
 * from the parent window carrying that nonce and a self-consistent descriptor is accepted, and only once. It then
 * queues the render request on the account-keyed `window._aps` queue, loads the fixed runner script (nothing else)
 * and, once the runner has loaded, acknowledges to the parent with the nonce. Returns false when the fragment holds no
 * nonce (nothing is listened for then).
 */
export function installApsRenderer(win: Window, fragment: string, runnerUrl: string | null): boolean {
  const match = NONCE_FRAGMENT.exec(fragment);
  if (!match || !runnerUrl) {
    return false;
  }
  let expected: string | null = match[1];

  // The nonce is no longer needed in the address once read.
  try {
    win.history.replaceState(null, "", win.location.pathname + win.location.search);
  } catch {
    // An opaque-origin document may not be allowed to; the nonce is single-use either way.
  }

  const onMessage = (event: MessageEvent): void => {
    if (expected === null || event.source !== win.parent) {
      return;
    }
    const data = event.data as { type?: unknown; nonce?: unknown; descriptor?: unknown } | null;
    if (!data || typeof data !== "object" || data.type !== RENDER_MESSAGE || data.nonce !== expected) {
      return;
    }
    const descriptor = checkApsDescriptor(data.descriptor, event.origin);
    if (!descriptor) {
      return;
    }
    const nonce = expected;
    expected = null;
    win.removeEventListener("message", onMessage);
    render(win, descriptor, runnerUrl, nonce);
  };
  win.addEventListener("message", onMessage);
  return true;
}

function render(win: Window, descriptor: ApsDescriptor, runnerUrl: string, nonce: string): void {
  const holder = win as unknown as { _aps?: unknown };
  const accounts = holder._aps instanceof Map ? (holder._aps as Map<string, ApsAccount>) : new Map<string, ApsAccount>();
  holder._aps = accounts;
  let account = accounts.get(descriptor.accountId);
  if (!account) {
    account = { queue: [], store: new Map<string, unknown>([["listeners", new Map()]]) };
    accounts.set(descriptor.accountId, account);
  }
  account.queue.push(
    new CustomEvent("prebid/creative/render", { detail: { aaxResponse: descriptor.aaxResponse, seatBidId: descriptor.bidId } }),
  );

  const doc = win.document;
  const script = doc.createElement("script");
  script.src = runnerUrl;
  script.async = true;
  script.addEventListener("load", () => win.parent.postMessage({ type: ACK_MESSAGE, nonce }, "*"), { once: true });
  script.addEventListener("error", () => win.parent.postMessage({ type: FAILED_MESSAGE, nonce }, "*"), { once: true });
  (doc.head ?? doc.documentElement).appendChild(script);
}
