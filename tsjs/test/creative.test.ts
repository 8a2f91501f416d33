import { beforeEach, describe, expect, it, vi } from "vitest";
import { guardedHref, installClickGuard } from "../src/creative/clickGuard";
import { installSourceGuard, needsProxy } from "../src/creative/sourceGuard";

const base = "https://pub.example/page";
// The server's form: the target without its query in tsurl, its parameters beside the signing ones.
const signed = "/first-party/click?tsurl=https%3A%2F%2Fadvertiser.example%2Flanding&a=1&tsexp=9&tstoken=abc";

describe("click guard", () => {
  it("leaves an untouched signed link alone", () => {
    expect(guardedHref(signed, signed, base)).toBe(signed);
  });

  it("puts a link a script swapped for another destination back on its signed click URL", () => {
    expect(guardedHref("https://tracker.example/x", signed, base)).toBe(signed);
  });

  it("sends a link whose landing page only gained parameters through proxy-rebuild", () => {
    const next = new URL(guardedHref("https://advertiser.example/landing?a=1&b=2", signed, base)!);
    expect(next.pathname).toBe("/first-party/proxy-rebuild");
    expect(next.searchParams.get("tsclick")).toBe(signed);
    expect(JSON.parse(next.searchParams.get("add")!)).toEqual({ b: "2" });
    expect(next.searchParams.get("del")).toBeNull();
  });

  it("records removed parameters as del", () => {
    const next = new URL(guardedHref("https://advertiser.example/landing", signed, base)!);
    expect(JSON.parse(next.searchParams.get("del")!)).toEqual(["a"]);
  });

  it("ignores links the server did not sign", () => {
    expect(guardedHref("https://x.example/", null, base)).toBeNull();
    expect(guardedHref("https://x.example/", "https://x.example/", base)).toBeNull();
  });

  it("rewrites the link in the capture phase, before the browser follows it", () => {
    document.body.innerHTML = `<a id="ad" href="${signed}" data-tsclick="${signed}"><img id="pic"></a>`;
    installClickGuard(document);
    const link = document.getElementById("ad")!;
    link.setAttribute("href", "https://tracker.example/redirect");
    let hrefAtClick = "";
    link.addEventListener("click", (e) => {
      hrefAtClick = link.getAttribute("href")!;
      e.preventDefault();
    });
    document.getElementById("pic")!.dispatchEvent(new MouseEvent("click", { bubbles: true, cancelable: true }));
    expect(hrefAtClick).toBe(signed);
  });
});

describe("dynamic-source guard", () => {
  beforeEach(() => {
    document.body.innerHTML = "";
  });

  it("only third-party http(s) URLs need the proxy", () => {
    expect(needsProxy("https://cdn.example/a.png", base)).toBe(true);
    expect(needsProxy("/first-party/proxy?tsurl=x", base)).toBe(false);
    expect(needsProxy("data:image/png;base64,AA", base)).toBe(false);
  });

  it("replaces the source of an element a creative inserts with the signed first-party URL", async () => {
    const sign = vi.fn(async (url: string) => `/first-party/proxy?tsurl=${encodeURIComponent(url)}&tstoken=t`);
    const observer = installSourceGuard(document, sign)!;
    const img = document.createElement("img");
    img.src = "https://cdn.example/pixel.png";
    document.body.appendChild(img);
    await vi.waitFor(() => expect(img.getAttribute("src")).toBe("/first-party/proxy?tsurl=https%3A%2F%2Fcdn.example%2Fpixel.png&tstoken=t"));
    expect(sign).toHaveBeenCalledTimes(1);
    observer.disconnect();
  });

  it("keeps the original source when signing is refused", async () => {
    const sign = vi.fn(async () => null);
    const observer = installSourceGuard(document, sign)!;
    const frame = document.createElement("iframe");
    frame.setAttribute("src", "https://cdn.example/frame.html");
    document.body.appendChild(frame);
    await vi.waitFor(() => expect(sign).toHaveBeenCalled());
    expect(frame.getAttribute("src")).toBe("https://cdn.example/frame.html");
    observer.disconnect();
  });
});
