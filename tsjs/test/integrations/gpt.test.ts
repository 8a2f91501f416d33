import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_CONFIG, configFrom, firstPartyUrl, installScriptGuard, rewriteMarkup } from "../../src/integrations/gpt/guard";

const page = new URL("https://news.example/article?id=1");
const impl = "https://securepubads.g.doubleclick.net/pagead/managed/js/gpt/m202601010101/pubads_impl.js?cb=31";
const written: string[] = [];

beforeAll(() => {
  // What the native document.write received, after the guard's rewrite.
  document.write = (...markup: string[]) => void written.push(markup.join(""));
  document.writeln = (...markup: string[]) => void written.push(markup.join("") + "\n");
  expect(installScriptGuard(window, DEFAULT_CONFIG)).toBe(true);
});

describe("firstPartyUrl", () => {
  it("maps gpt.js to the script route and the cascade under the proxy prefix, keeping the query", () => {
    expect(firstPartyUrl("https://securepubads.g.doubleclick.net/tag/js/gpt.js?network-code=123", page, DEFAULT_CONFIG)).toBe("https://news.example/integrations/gpt/script?network-code=123");
    expect(firstPartyUrl(impl, page, DEFAULT_CONFIG)).toBe("https://news.example/integrations/gpt/pagead/managed/js/gpt/m202601010101/pubads_impl.js?cb=31");
    expect(firstPartyUrl("//securepubads.g.doubleclick.net/tag/js/gpt_rendering.js", page, DEFAULT_CONFIG)).toBe("https://news.example/integrations/gpt/tag/js/gpt_rendering.js");
  });

  it("follows the page's scheme, so a local http page gets http URLs", () => {
    expect(firstPartyUrl(impl, new URL("http://127.0.0.1:8080/"), DEFAULT_CONFIG)).toBe("http://127.0.0.1:8080/integrations/gpt/pagead/managed/js/gpt/m202601010101/pubads_impl.js?cb=31");
  });

  it("leaves other hosts, other paths, other ports and lookalike hosts alone", () => {
    for (const url of [
      "https://www.googletagservices.com/tag/js/gpt.js",
      "https://securepubads.g.doubleclick.net/gampad/ads?iu=/1/top",
      "https://securepubads.g.doubleclick.net:8443/pagead/x.js",
      "https://securepubads.g.doubleclick.net.evil.example/pagead/x.js",
      "https://evil.example/securepubads.g.doubleclick.net/pagead/x.js",
      "javascript:alert(1)",
      "",
    ]) {
      expect(firstPartyUrl(url, page, DEFAULT_CONFIG)).toBeNull();
    }
  });
});

describe("configFrom", () => {
  it("takes the bootstrap's paths and refuses ones that are not first-party", () => {
    expect(configFrom({ proxyPrefix: "/gpt/", scriptPath: "/gpt/script", host: "Securepubads.g.doubleclick.net" })).toEqual({ proxyPrefix: "/gpt", scriptPath: "/gpt/script", host: "securepubads.g.doubleclick.net" });
    expect(configFrom({ proxyPrefix: "//evil.example", scriptPath: "/x", host: "h" })).toBe(DEFAULT_CONFIG);
    expect(configFrom(undefined)).toBe(DEFAULT_CONFIG);
  });
});

describe("rewriteMarkup", () => {
  it("rewrites GPT URLs in written markup, entities and all, and nothing else", () => {
    const html = `<script src="${impl.replace("&", "&amp;")}"></script><img src='https://other.example/a.png'>`;
    expect(rewriteMarkup(html, page, DEFAULT_CONFIG)).toBe(
      `<script src="https://news.example/integrations/gpt/pagead/managed/js/gpt/m202601010101/pubads_impl.js?cb=31"></script><img src='https://other.example/a.png'>`,
    );
    expect(rewriteMarkup("<p>hello</p>", page, DEFAULT_CONFIG)).toBe("<p>hello</p>");
  });
});

describe("the script guard", () => {
  const origin = window.location.origin;
  const expected = `${origin}/integrations/gpt/pagead/managed/js/gpt/m202601010101/pubads_impl.js?cb=31`;

  it("reroutes a script whose src property is set", () => {
    const script = document.createElement("script");
    script.src = impl;
    expect(script.getAttribute("src")).toBe(expected);
    expect(script.src).toBe(expected);
  });

  it("reroutes setAttribute('src') on scripts and a preload link's href", () => {
    const script = document.createElement("script");
    script.setAttribute("SRC", impl);
    expect(script.getAttribute("src")).toBe(expected);
    const link = document.createElement("link");
    link.rel = "preload";
    link.href = impl;
    expect(link.getAttribute("href")).toBe(expected);
  });

  it("leaves other attributes, elements and hosts alone", () => {
    const img = document.createElement("img");
    img.setAttribute("src", impl);
    expect(img.getAttribute("src")).toBe(impl);
    const script = document.createElement("script");
    script.setAttribute("data-src", impl);
    script.src = "https://cdn.example/lib.js";
    expect(script.getAttribute("data-src")).toBe(impl);
    expect(script.getAttribute("src")).toBe("https://cdn.example/lib.js");
  });

  it("reroutes a script whose src was set out of its reach when it is inserted", () => {
    const script = document.createElement("script");
    script.setAttributeNS(null, "src", impl);
    expect(script.getAttribute("src")).toBe(impl);
    document.head.appendChild(script);
    expect(script.getAttribute("src")).toBe(expected);

    const wrapper = document.createElement("div");
    const inner = document.createElement("script");
    inner.setAttributeNS(null, "src", impl);
    wrapper.append(inner);
    expect(inner.getAttribute("src")).toBe(expected);

    const before = document.createElement("script");
    before.setAttributeNS(null, "src", impl);
    document.head.insertBefore(before, document.head.firstChild);
    expect(before.getAttribute("src")).toBe(expected);
  });

  it("rewrites document.write and writeln markup", () => {
    document.write(`<script src="${impl}"></script>`);
    document.writeln(`<script src="${impl}"></script>`);
    expect(written.slice(-2)).toEqual([`<script src="${expected}"></script>`, `<script src="${expected}"></script>\n`]);
  });

  it("installs once per window", () => {
    expect(installScriptGuard(window, DEFAULT_CONFIG)).toBe(false);
  });
});
