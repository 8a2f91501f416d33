import { describe, expect, it } from "vitest";
import { firstPartyUrl, installSourcepointGuard } from "../../src/integrations/sourcepoint/guard";

describe("the Sourcepoint guard", () => {
  it("maps CDN URLs (absolute, protocol-relative, any case) to the first-party route, query and fragment kept", () => {
    const origin = window.location.origin;
    expect(firstPartyUrl("https://cdn.privacy-mgmt.com/wrapperMessagingWithoutDetection.js?v=1#x", window.location))
      .toBe(`${origin}/integrations/sourcepoint/cdn/wrapperMessagingWithoutDetection.js?v=1#x`);
    expect(firstPartyUrl("//CDN.privacy-mgmt.com/a.js", window.location)).toBe(`${origin}/integrations/sourcepoint/cdn/a.js`);
    expect(firstPartyUrl("https://cdn.privacy-mgmt.com.evil.example/a.js", window.location)).toBeNull();
    expect(firstPartyUrl("https://other.example/a.js", window.location)).toBeNull();
    expect(firstPartyUrl("javascript:alert(1)", window.location)).toBeNull();
  });

  it("rewrites dynamically inserted scripts and preloads before insertion, and leaves other elements alone", () => {
    expect(installSourcepointGuard(window)).toBe(true);
    expect(installSourcepointGuard(window)).toBe(false);
    const script = document.createElement("script");
    script.src = "https://cdn.privacy-mgmt.com/chunk.123.js";
    script.type = "text/plain";
    document.head.appendChild(script);
    const link = document.createElement("link");
    link.rel = "preload";
    link.href = "https://cdn.privacy-mgmt.com/style.css";
    document.head.append(link);
    const other = document.createElement("script");
    other.src = "https://cdn.example.com/x.js";
    other.type = "text/plain";
    document.body.insertBefore(other, null);
    const image = document.createElement("img");
    image.setAttribute("src", "https://cdn.privacy-mgmt.com/pixel.gif");
    document.body.appendChild(image);

    expect(script.getAttribute("src")).toBe(`${window.location.origin}/integrations/sourcepoint/cdn/chunk.123.js`);
    expect(link.getAttribute("href")).toBe(`${window.location.origin}/integrations/sourcepoint/cdn/style.css`);
    expect(other.getAttribute("src")).toBe("https://cdn.example.com/x.js");
    expect(image.getAttribute("src")).toBe("https://cdn.privacy-mgmt.com/pixel.gif");
  });
});
