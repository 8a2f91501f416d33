import type { RendererDescriptor, SlotBid } from "../shared/types";

/** A checked APS renderer descriptor. */
export interface ApsDescriptor {
  type: "aps";
  version: 1;
  accountId: string;
  bidId: string;
  tagType: "iframe" | "script";
  creativeUrl: string;
  aaxResponse: string;
  width: number;
  height: number;
}

function decodeBase64Json(value: string): unknown {
  try {
    const binary = atob(value);
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return null;
  }
}

function httpsUrl(value: unknown): value is string {
  if (typeof value !== "string") {
    return false;
  }
  try {
    const url = new URL(value);
    return url.protocol === "https:" && url.username === "" && url.password === "";
  } catch {
    return false;
  }
}

/**
 * Checks a descriptor against its own envelope: the bid id, size, creative URL and tag type must agree with the one
 * bid the base64 OpenRTB envelope carries, the creative URL must be https without credentials and on another origin
 * than `publisherOrigin`. Null when anything disagrees. The renderer document runs this on what its parent posts.
 */
export function checkApsDescriptor(value: unknown, publisherOrigin: string): ApsDescriptor | null {
  const d = value as Partial<ApsDescriptor> | null | undefined;
  if (!d || typeof d !== "object" || d.type !== "aps" || d.version !== 1) return null;
  if (typeof d.accountId !== "string" || d.accountId.length === 0) return null;
  if (typeof d.bidId !== "string" || d.bidId.length === 0) return null;
  if (d.tagType !== "iframe" && d.tagType !== "script") return null;
  if (!httpsUrl(d.creativeUrl) || new URL(d.creativeUrl).origin === publisherOrigin) return null;
  if (!positiveInteger(d.width) || !positiveInteger(d.height)) return null;
  if (typeof d.aaxResponse !== "string") return null;
  const envelope = decodeBase64Json(d.aaxResponse) as { seatbid?: Array<{ bid?: Array<Record<string, unknown>> }> } | null;
  const inner = envelope?.seatbid?.length === 1 && envelope.seatbid[0]?.bid?.length === 1 ? envelope.seatbid[0].bid[0] : null;
  const ext = inner?.ext as { creativeurl?: unknown; tagtype?: unknown } | undefined;
  if (!inner || inner.id !== d.bidId || inner.w !== d.width || inner.h !== d.height || ext?.creativeurl !== d.creativeUrl || ext?.tagtype !== d.tagType) {
    return null;
  }
  return d as ApsDescriptor;
}

/** {@link checkApsDescriptor}, and the descriptor's size must be the slot bid's. */
export function validateApsDescriptor(renderer: RendererDescriptor | undefined, bid: SlotBid, publisherOrigin: string): ApsDescriptor | null {
  const d = checkApsDescriptor(renderer, publisherOrigin);
  return d && d.width === bid.w && d.height === bid.h ? d : null;
}

function positiveInteger(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value > 0;
}
