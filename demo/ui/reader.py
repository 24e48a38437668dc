"""Which language the reader reads: `?lang=zh` in the page's link first, else the browser's.

Gradio passes the page's query string and headers to every event (gr.Request), so text built
on the server (messages, figure titles, the guess reveal) follows the same language as the
labels Gradio translates in the browser. The head script makes `?lang=` win in the browser too:
Gradio's i18n reads navigator.language when it starts, and its head arrives later, so the script
also calls Gradio's own changeLocale (the function its Settings panel uses).
"""
from __future__ import annotations

from demo.text import LANGUAGES, language

# runs before Gradio's scripts; only a known code is ever used (never the raw query value)
FORCE_LANGUAGE = """<script>
(function () {
  var known = %s;
  var asked = (new URLSearchParams(window.location.search).get("lang") || "").toLowerCase().split("-")[0];
  if (known.indexOf(asked) < 0) return;
  var locale = asked === "zh" ? "zh-CN" : asked;
  try {
    Object.defineProperty(window.navigator, "language", {get: function () { return locale; }, configurable: true});
    Object.defineProperty(window.navigator, "languages", {get: function () { return [locale]; }, configurable: true});
  } catch (e) {}
  // Gradio injects this head after choosing its locale: switch it with Gradio's own changeLocale,
  // from the very module the page loaded (found among the page's resources, whatever its hash)
  var tries = 0;
  function apply() {
    var core = performance.getEntriesByType("resource").map(function (e) { return e.name; })
      .filter(function (n) { return /\/assets\/core-[\w-]+\.js$/.test(n); })[0];
    if (!core) { if (tries++ < 100) setTimeout(apply, 100); return; }
    import(core).then(function (m) { if (m.changeLocale) m.changeLocale(asked); });
  }
  apply();
})();
</script>""" % str(sorted(LANGUAGES)).replace("'", '"')


def reader_language(request) -> str:
    """'zh' or 'en' for this event: the link's ?lang= wins over the browser's Accept-Language."""
    if request is None:
        return "en"
    try:
        asked = dict(request.query_params).get("lang")
        if asked and language(asked) == str(asked).lower().split("-")[0]:
            return language(asked)
        header = dict(request.headers).get("accept-language", "")
    except AttributeError:  # an API call without a page
        return "en"
    return language(header.split(",")[0].split(";")[0])
