import type { SnapshotV1 } from "./store";

export const HOST_ID = "trusted-server-gpt-diagnostics";

const STATE_LABELS: Record<string, string> = {
  requesting: "Requesting",
  response_received: "Response received",
  filled: "Filled",
  empty: "Empty",
  rendered_fill_unknown: "Rendered (fill unknown)",
};

const STYLE = `:host{all:initial}
.p{position:fixed;right:8px;bottom:8px;z-index:2147483647;max-width:560px;max-height:60vh;overflow:auto;background:#111;color:#eee;
font:12px/1.4 system-ui,sans-serif;border-radius:6px;box-shadow:0 2px 12px rgba(0,0,0,.4);padding:8px}
.h{display:flex;gap:6px;align-items:center;font-weight:600}.h span{flex:1}
button{font:inherit;background:#333;color:#eee;border:0;border-radius:4px;padding:2px 8px;cursor:pointer}
table{border-collapse:collapse;width:100%;margin-top:6px}td,th{padding:2px 4px;text-align:left;border-top:1px solid #333;white-space:nowrap}`;

const ms = (from?: number, to?: number): string =>
  from !== undefined && to !== undefined && to >= from ? `${Math.round(to - from)} ms` : "";

/** Renders the snapshot into a closed shadow root; the publisher's DOM and slot elements are never touched. */
export class Panel {
  private host: HTMLElement | null = null;
  private root: ShadowRoot | null = null;
  private collapsed = false;

  constructor(
    private readonly doc: Document,
    private readonly onClose: () => void,
    private readonly onExport: () => void,
  ) {}

  get mounted(): boolean {
    return !!this.host && this.host.isConnected;
  }

  mount(): boolean {
    if (this.mounted) return true;
    // A publisher element already using the reserved ID means another owner: do not mount over it.
    if (this.doc.getElementById(HOST_ID)) return false;
    const host = this.doc.createElement("div");
    host.id = HOST_ID;
    this.root = host.attachShadow({ mode: "closed" });
    this.host = host;
    (this.doc.body ?? this.doc.documentElement).appendChild(host);
    return true;
  }

  unmount(): void {
    this.host?.remove();
    this.host = null;
    this.root = null;
  }

  render(snapshot: SnapshotV1): void {
    const root = this.root;
    if (!root) return;
    const doc = this.doc;
    const panel = doc.createElement("div");
    panel.className = "p";
    const header = doc.createElement("div");
    header.className = "h";
    const title = doc.createElement("span");
    title.textContent = snapshot.slots.length === 0 ? "GPT console: waiting for GPT" : `GPT console: ${snapshot.slots.length} slot(s)`;
    header.append(title, this.button(this.collapsed ? "Expand" : "Collapse", () => {
      this.collapsed = !this.collapsed;
      this.render(snapshot);
    }), this.button("Export", this.onExport), this.button("Close", this.onClose));
    panel.append(header);
    if (!this.collapsed && snapshot.slots.length > 0) {
      const table = doc.createElement("table");
      const head = table.insertRow();
      for (const text of ["Slot", "Req", "Path", "Result", "Fill", "Req→Resp", "Resp→Render", "Binding"]) {
        const th = doc.createElement("th");
        th.textContent = text;
        head.append(th);
      }
      for (const slot of snapshot.slots) {
        const cycle = slot.cycles[slot.cycles.length - 1];
        const row = table.insertRow();
        row.setAttribute("data-slot", slot.slotElementId);
        for (const text of [
          slot.slotElementId || slot.adUnitPath,
          String(cycle?.requestNumber ?? 0),
          cycle?.requestPath ?? "",
          cycle ? STATE_LABELS[cycle.state] ?? cycle.state : "",
          cycle?.size ? `${cycle.size[0]}×${cycle.size[1]}` : "",
          ms(cycle?.requestedAt, cycle?.responseAt),
          ms(cycle?.responseAt, cycle?.renderedAt),
          slot.binding,
        ]) {
          row.insertCell().textContent = text;
        }
      }
      panel.append(table);
    }
    const style = doc.createElement("style");
    style.textContent = STYLE;
    root.replaceChildren(style, panel);
  }

  private button(label: string, action: () => void): HTMLButtonElement {
    const button = this.doc.createElement("button");
    button.type = "button";
    button.textContent = label;
    button.addEventListener("click", action);
    return button;
  }
}
