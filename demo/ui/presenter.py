"""Presenter mode, `?present=1`: larger type and charts for a projector, settings folded away.

The head script marks the page before Gradio draws it (the class scales the CSS in
assets/style.css); the link's load event closes the folded accordions (demo/ui/links.py)."""

PRESENTER = """<script>
(function () {
  if (new URLSearchParams(window.location.search).get("present") !== "1") return;
  document.documentElement.classList.add("presenting");
})();
</script>"""
