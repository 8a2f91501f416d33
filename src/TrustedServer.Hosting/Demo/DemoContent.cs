namespace TrustedServer.Hosting.Demo;

/// <summary>
/// The demo site's text files. <c>{origin}</c> stands for the origin's absolute URL, as real sites write it; through
/// Trusted Server every one of them (attributes, srcset, inline JSON, inline CSS, stylesheets, scripts, JSON) becomes
/// first-party, except in visible text, which is left alone.
/// </summary>
internal static class DemoContent
{
    public const string Layout = """
        <!doctype html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <title>{title} | The Example Gazette</title>
          <link rel="stylesheet" href="{origin}/static/site.css">
          <link rel="icon" href="{origin}/images/icon.png">
          <script src="{origin}/static/app.js" defer></script>
          <style>.masthead { background: url("{origin}/images/thumb.png") repeat-x; }</style>
          <script type="application/json" id="page-data">{"canonical":"{origin}/","api":"{origin}/api/news.json"}</script>
        {ads-head}
        </head>
        <body>
          <header>
            <a href="{origin}/"><img src="{origin}/images/logo.png" alt="The Example Gazette" width="160" height="48"></a>
            <nav>
              <a href="{origin}/">Home</a>
              <a href="{origin}/articles/streaming">Streaming</a>
              <a href="{origin}/about">About</a>
              <a href="{origin}/old-about">Old link (redirect)</a>
              <a href="{origin}/missing">Broken link (404)</a>
            </nav>
          </header>
          {ad-top}
          <div class="columns">
          <main>
        {body}
          </main>
          {ad-side}
          </div>
          <footer><p>Served by the demo origin at <code>{origin}</code>, proxied by Trusted Server.</p></footer>
        </body>
        </html>

        """;

    public const string Home = """
            <h1>The Example Gazette</h1>
            <p>This is the built-in demo publisher. Every page, stylesheet, script, image and font below comes from the
            origin through Trusted Server: HTML, CSS, JavaScript and JSON stream through (compressed as the origin sent
            them), images and fonts pass through byte for byte.</p>
            <img src="{origin}/images/hero.png" srcset="{origin}/images/hero.png 1x, {origin}/images/hero.png 2x" alt="A large gradient" width="1024" height="512">
            <h2>Latest</h2>
            <ul id="news"><li><a href="{origin}/articles/streaming">Why streaming matters</a></li></ul>
            <p>Live data: <a href="{origin}/api/news.json">{origin}/api/news.json</a></p>
        """;

    public const string Article = """
            <h1>Why streaming matters</h1>
            <img src="{origin}/images/thumb.png" alt="A small gradient" width="64" height="64">
            <p>A proxy that buffers whole pages delays the first byte and grows its memory with the page. Streaming sends
            each chunk as soon as it arrives and is rewritten.</p>
            <p>Back to the <a href="{origin}/">front page</a>.</p>
        """;

    public const string About = """
            <h1>About</h1>
            <p>The Example Gazette is a sample site. Its links point at the origin with absolute URLs, the way many
            real sites do; mapping them to first-party URLs is the rewriter's job.</p>
        """;

    public const string NotFound = """
            <h1>Page not found</h1>
            <p>Sorry, nothing lives here. Try the <a href="{origin}/">front page</a>.</p>
        """;

    public const string Css = """
        @font-face { font-family: "Demo"; src: url("{origin}/static/demo.woff2") format("woff2"); }
        body { font-family: "Demo", system-ui, sans-serif; margin: 0 auto; max-width: 60rem; padding: 1rem; color: #222; }
        header { display: flex; align-items: center; gap: 2rem; border-bottom: 1px solid #ddd; }
        nav a { margin-right: 1rem; }
        main img { max-width: 100%; height: auto; }
        .columns { display: flex; gap: 1.5rem; align-items: flex-start; }
        .columns main { flex: 1; min-width: 0; }
        .hero { background: url("{origin}/images/thumb.png") no-repeat; }

        """;

    public const string Script = """
        (function () {
          "use strict";
          var api = "{origin}/api/news.json";
          fetch(api).then(function (r) { return r.json(); }).then(function (data) {
            var list = document.getElementById("news");
            if (!list) { return; }
            data.items.forEach(function (item) {
              var li = document.createElement("li");
              var a = document.createElement("a");
              a.href = item.url;
              a.textContent = item.title;
              li.appendChild(a);
              list.appendChild(li);
            });
          }).catch(function () { /* the demo works without it */ });
        })();

        """;

    public const string Json = """
        {"items":[{"title":"About the Gazette","url":"{origin}/about"},{"title":"Why streaming matters","url":"{origin}/articles/streaming"}],"image":"{origin}/images/thumb.png"}

        """;
}
