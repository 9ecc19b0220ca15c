/// The briefing page's markup; its CSS and script are in `BriefingPage+Style.swift` and
/// `BriefingPage+Script.swift`. Kept in Swift strings, not bundle resources, so that an installed
/// `actorgraph` binary carries them.
enum BriefingPage {
    /// `template` with every `{{NAME}}` replaced by `values[NAME]`, in one pass: a value that
    /// itself contains `{{…}}` is left as it is.
    static func fill(_ template: String, _ values: [String: String]) -> String {
        var out = ""
        var rest = Substring(template)
        while let open = rest.range(of: "{{") {
            out += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].range(of: "}}"),
                  let value = values[String(rest[open.upperBound..<close.lowerBound])] else {
                out += "{{"
                rest = rest[open.upperBound...]
                continue
            }
            out += value
            rest = rest[close.upperBound...]
        }
        return out + rest
    }

    static let template = #"""
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<meta name="generator" content="{{GENERATOR}}">
<title>{{TITLE}}</title>
<style>
{{STYLE}}
</style>
</head>
<body>
<a class="skip" href="#panels">Skip to the panels</a>
<header class="top">
  <div class="heading">
    <h1 id="diagram-title">{{TITLE}}</h1>
    <p class="description">{{DESCRIPTION}}</p>
  </div>
  <form class="controls" role="search" aria-label="Filter the diagram" onsubmit="return false">
    <div class="control search-control">
      <label for="search">Find</label>
      <input id="search" data-control="search" type="search" placeholder="Name or alias" autocomplete="off"
             aria-controls="search-results" aria-describedby="search-hint">
      <span id="search-hint" class="visually-hidden">Type a name or alias, then Enter to select the first match.</span>
      <ul id="search-results" class="search-results" role="listbox" aria-label="Matching actors" hidden></ul>
    </div>
    <div class="control date-control">
      <label for="date">Date</label>
      <div class="date-row">
        <button type="button" class="icon" data-action="previous-date" aria-label="Previous date the graph mentions">‹</button>
        <input id="date" data-control="date" type="text" inputmode="numeric" placeholder="all dates" list="dates"
               size="10" autocomplete="off" aria-describedby="date-hint">
        <button type="button" class="icon" data-action="next-date" aria-label="Next date the graph mentions">›</button>
        <button type="button" data-action="all-dates">All dates</button>
      </div>
      <input type="range" id="date-slider" class="date-slider" min="0" max="0" step="1" value="0"
             aria-label="Step through the dates the graph mentions">
      <datalist id="dates"></datalist>
      <span id="date-hint" class="hint" aria-live="polite"></span>
    </div>
    <div class="control claimant-control">
      <label for="claimant">Whose account</label>
      <select id="claimant" data-control="claimant"></select>
    </div>
  </form>
</header>
<main class="layout">
  <section class="stage" aria-label="Diagram">
    <div class="toolbar" role="toolbar" aria-label="Zoom">
      <button type="button" class="icon" data-action="zoom-in" aria-label="Zoom in">+</button>
      <button type="button" class="icon" data-action="zoom-out" aria-label="Zoom out">−</button>
      <button type="button" data-action="fit">Fit</button>
      <button type="button" data-action="clear" hidden>Clear highlight</button>
      <p class="status" id="status" aria-live="polite"></p>
    </div>
    <div class="diagram" id="diagram">
{{SVG}}
    </div>
  </section>
  <aside class="panels" id="panels" aria-label="Evidence and analyses" tabindex="-1">
    <section class="panel details" data-panel="details" aria-labelledby="details-title" tabindex="-1">
      <h2 id="details-title">Details</h2>
      <div class="panel-body" id="details-body">
        <p class="empty">Select an actor or a relation in the diagram (click, or Tab and Enter) to see its evidence.</p>
      </div>
    </section>
    <section class="panel" data-panel="fissures" aria-labelledby="fissures-title">
      <h2 id="fissures-title">Fissures</h2>
      <div class="panel-body" id="fissures-body"></div>
    </section>
    <section class="panel" data-panel="factions" aria-labelledby="factions-title">
      <h2 id="factions-title">Factions</h2>
      <div class="panel-body" id="factions-body"></div>
    </section>
    <section class="panel" data-panel="brokers" aria-labelledby="brokers-title">
      <h2 id="brokers-title">Brokers</h2>
      <div class="panel-body" id="brokers-body"></div>
    </section>
    <section class="panel" data-panel="sources" aria-labelledby="sources-title">
      <h2 id="sources-title">Sources</h2>
      <div class="panel-body" id="sources-body"></div>
    </section>
  </aside>
</main>
<footer class="foot">Written by {{GENERATOR}}. This page is self-contained: it loads nothing and works offline.</footer>
<script type="application/json" id="briefing-data">{{DATA}}</script>
<script>
{{SCRIPT}}
</script>
</body>
</html>
"""#
}
