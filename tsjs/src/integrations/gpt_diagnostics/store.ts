/**
 * The console's memory: GPT slots (by slot object identity, the only correlation key) and their request cycles,
 * bounded (64 slots, least recently active evicted; 10 cycles per slot, oldest dropped). Nothing leaves the page.
 */

export const MAX_SLOTS = 64;
export const MAX_CYCLES = 10;
/** How long a publisher-refresh observation may be matched to the next `slotRequested` of that slot. */
export const INTENT_MS = 5_000;

export type RequestPath = "publisher_refresh" | "unattributed";
export type GptState = "requesting" | "response_received" | "filled" | "empty" | "rendered_fill_unknown";
export type ResponseClass = "empty" | "backfill" | "reservation" | "unclassified_non_empty";

export interface RequestCycle {
  requestNumber: number;
  requestPath: RequestPath;
  state: GptState;
  requestedAt: number;
  responseAt?: number;
  renderedAt?: number;
  loadedAt?: number;
  viewableAt?: number;
  size?: [number, number];
  responseClass?: ResponseClass;
  advertiserId?: number;
  campaignId?: number;
  lineItemId?: number;
  creativeId?: number;
  loadObservedBeforeRender?: boolean;
}

export interface SlotRecord {
  slotElementId: string;
  adUnitPath: string;
  inViewPercentage?: number;
  requests: number;
  cycles: RequestCycle[];
  lastActive: number;
}

export interface SnapshotV1 {
  version: 1;
  capturedAt: string;
  page: { origin: string; pathname: string };
  slots: Array<Omit<SlotRecord, "lastActive"> & { binding: "bound" | "unbound" | "ambiguous" }>;
  counters: { evictedSlots: number; evictedRequestCycles: number; unmatchedCallbacks: number };
}

/** The GPT slot object as diagnostics read it (documented methods only). */
export interface GptSlotLike {
  getSlotElementId?: () => string;
  getAdUnitPath?: () => string;
}

const positiveId = (value: unknown): number | undefined =>
  typeof value === "number" && Number.isInteger(value) && value > 0 ? value : undefined;

export class DiagnosticsStore {
  private readonly slots = new Map<GptSlotLike, SlotRecord>();
  private readonly intents = new Map<GptSlotLike, number>();
  private evictedSlots = 0;
  private evictedRequestCycles = 0;
  private unmatchedCallbacks = 0;

  constructor(private readonly now: () => number) {}

  /** A `pubads().refresh` observed for `slots`. */
  refreshObserved(slots: GptSlotLike[]): void {
    const at = this.now();
    for (const slot of slots) this.intents.set(slot, at);
    while (this.intents.size > MAX_SLOTS) this.intents.delete(this.intents.keys().next().value as GptSlotLike);
  }

  requested(slot: GptSlotLike): void {
    const at = this.now();
    let record = this.slots.get(slot);
    if (!record) {
      record = { slotElementId: safeCall(slot.getSlotElementId), adUnitPath: safeCall(slot.getAdUnitPath), requests: 0, cycles: [], lastActive: at };
      this.slots.set(slot, record);
      this.evict();
    }
    const intent = this.intents.get(slot);
    this.intents.delete(slot);
    record.requests += 1;
    record.lastActive = at;
    record.cycles.push({
      requestNumber: record.requests,
      requestPath: intent !== undefined && at - intent <= INTENT_MS ? "publisher_refresh" : "unattributed",
      state: "requesting",
      requestedAt: at,
    });
    if (record.cycles.length > MAX_CYCLES) {
      record.cycles.shift();
      this.evictedRequestCycles += 1;
    }
  }

  responseReceived(slot: GptSlotLike): void {
    const cycle = this.latest(slot);
    if (!cycle) return;
    cycle.responseAt = this.now();
    if (cycle.state === "requesting") cycle.state = "response_received";
  }

  renderEnded(slot: GptSlotLike, event: Record<string, unknown>): void {
    const cycle = this.latest(slot);
    if (!cycle) return;
    cycle.renderedAt = this.now();
    if (event.isEmpty === true) {
      cycle.state = "empty";
      cycle.responseClass = "empty";
    } else if (event.isEmpty === false) {
      cycle.state = "filled";
      cycle.lineItemId = positiveId(event.lineItemId);
      cycle.creativeId = positiveId(event.creativeId);
      cycle.advertiserId = positiveId(event.advertiserId);
      cycle.campaignId = positiveId(event.campaignId);
      cycle.responseClass = event.isBackfill === true ? "backfill"
        : event.isBackfill === false && (cycle.lineItemId || cycle.creativeId) ? "reservation"
          : "unclassified_non_empty";
    } else {
      cycle.state = "rendered_fill_unknown";
    }
    const size = event.size;
    if (Array.isArray(size) && size.length === 2 && size.every((n) => typeof n === "number" && n >= 0)) {
      cycle.size = [size[0] as number, size[1] as number];
    }
  }

  loaded(slot: GptSlotLike): void {
    const cycle = this.latest(slot);
    if (!cycle) return;
    cycle.loadedAt = this.now();
    if (cycle.renderedAt === undefined) cycle.loadObservedBeforeRender = true;
  }

  viewable(slot: GptSlotLike): void {
    const cycle = this.latest(slot);
    if (cycle) cycle.viewableAt = this.now();
  }

  visibility(slot: GptSlotLike, percentage: unknown): void {
    const record = this.slots.get(slot);
    if (record && typeof percentage === "number" && percentage >= 0 && percentage <= 100) record.inViewPercentage = percentage;
  }

  snapshot(doc: Document, location: Location): SnapshotV1 {
    const ids = new Map<string, number>();
    for (const record of this.slots.values()) ids.set(record.slotElementId, (ids.get(record.slotElementId) ?? 0) + 1);
    return {
      version: 1,
      capturedAt: new Date().toISOString(),
      page: { origin: location.origin, pathname: location.pathname },
      slots: [...this.slots.values()].map(({ lastActive: _unused, ...record }) => ({
        ...record,
        cycles: record.cycles.map((cycle) => ({ ...cycle })),
        binding: bindingOf(doc, record.slotElementId, ids.get(record.slotElementId) ?? 0),
      })),
      counters: { evictedSlots: this.evictedSlots, evictedRequestCycles: this.evictedRequestCycles, unmatchedCallbacks: this.unmatchedCallbacks },
    };
  }

  private latest(slot: GptSlotLike): RequestCycle | undefined {
    const record = this.slots.get(slot);
    const cycle = record?.cycles[record.cycles.length - 1];
    if (!cycle) {
      this.unmatchedCallbacks += 1;
      return undefined;
    }
    record.lastActive = this.now();
    return cycle;
  }

  private evict(): void {
    while (this.slots.size > MAX_SLOTS) {
      let oldest: GptSlotLike | undefined;
      let oldestAt = Infinity;
      for (const [slot, record] of this.slots) {
        if (record.lastActive < oldestAt) {
          oldest = slot;
          oldestAt = record.lastActive;
        }
      }
      if (oldest === undefined) return;
      this.slots.delete(oldest);
      this.evictedSlots += 1;
    }
  }
}

function safeCall(method: (() => string) | undefined): string {
  try {
    const value = method?.();
    return typeof value === "string" ? value : "";
  } catch {
    return "";
  }
}

/** A slot is bound only when exactly one connected element has its exact ID and only one retained slot claims it. */
function bindingOf(doc: Document, id: string, claims: number): "bound" | "unbound" | "ambiguous" {
  if (!id) return "unbound";
  let matches = 0;
  try {
    matches = doc.querySelectorAll(`[id="${id.replace(/["\\]/g, "\\$&")}"]`).length;
  } catch {
    return "unbound";
  }
  if (matches === 0) return "unbound";
  return matches === 1 && claims === 1 ? "bound" : "ambiguous";
}
