// Peer: Bun's HTMLRewriter (native lol_html) in a fetch proxy, rewriting origin URLs in href/src/srcset.
const origin = process.env.ORIGIN;
const self = `http://${process.env.HOST}:${process.env.PORT}`;
const fix = (v) => (v ? v.split(origin).join(self) : v);
const rewriter = new HTMLRewriter().on("[href],[src],[srcset]", {
  element(el) {
    for (const name of ["href", "src", "srcset"]) {
      const v = el.getAttribute(name);
      if (v && v.includes(origin)) el.setAttribute(name, fix(v));
    }
  },
});
Bun.serve({
  hostname: process.env.HOST,
  port: Number(process.env.PORT),
  async fetch(req) {
    const url = new URL(req.url);
    const upstream = await fetch(origin + url.pathname + url.search, { headers: req.headers, decompress: true });
    const type = upstream.headers.get("content-type") || "";
    if (!type.includes("text/html")) return upstream;
    const headers = new Headers(upstream.headers);
    headers.delete("content-length");
    headers.delete("content-encoding");
    return rewriter.transform(new Response(upstream.body, { status: upstream.status, headers }));
  },
});
