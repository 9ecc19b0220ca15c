extension BriefingPage {
    /// The page's CSS: a two-column layout (diagram, panels) that stacks on narrow screens, the
    /// diagram's interactive states, and a print stylesheet (A4 and Letter: the page size is left
    /// to the printer).
    static let style = #"""
:root {
  --ink: #1b1f24; --muted: #5b6570; --line: #d8dde3; --panel: #ffffff; --page: #f3f5f7;
  --accent: #0b5cad; --accent-soft: #e3eefa; --focus: #f0a000; --danger: #b2182b; --good: #1b7837;
  --mark: #d95f02;
  color-scheme: light;
}
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; }
body {
  font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif;
  color: var(--ink); background: var(--page);
  height: 100vh; display: flex; flex-direction: column; overflow: hidden;
}
h1, h2, h3, h4 { line-height: 1.25; }
button, input, select { font: inherit; color: inherit; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.skip { position: absolute; left: -999px; top: 0; background: var(--ink); color: #fff; padding: .4em .8em; z-index: 10; }
.skip:focus { left: .5em; }

/* Header and controls */
.top {
  background: #fff; border-bottom: 1px solid var(--line); padding: .75rem 1.25rem .6rem;
  display: flex; flex-wrap: wrap; gap: .5rem 2rem; align-items: flex-end;
}
.heading { flex: 1 1 22rem; min-width: 0; }
.heading h1 { font-size: 1.35rem; margin: 0 0 .2rem; }
.description { margin: 0; color: var(--muted); font-size: .9rem; max-width: 70ch; }
.description:empty { display: none; }
.controls { display: flex; flex-wrap: wrap; gap: .6rem 1.1rem; align-items: flex-start; margin: 0; }
.control { display: flex; flex-direction: column; gap: .2rem; position: relative; min-width: 0; }
.control > label { font-size: .75rem; font-weight: 600; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
input[type=search], input[type=text], select {
  border: 1px solid #b9c1ca; border-radius: 6px; padding: .35rem .5rem; background: #fff; min-height: 2.1rem; max-width: 100%;
}
input[type=search] { width: 14rem; }
input[data-control=date] { width: 9rem; font-variant-numeric: tabular-nums; }
input[aria-invalid=true] { border-color: var(--danger); background: #fff5f5; }
select { max-width: 18rem; }
button {
  border: 1px solid #b9c1ca; border-radius: 6px; background: #fff; padding: .3rem .65rem; cursor: pointer; min-height: 2.1rem;
}
button:hover { background: var(--accent-soft); border-color: var(--accent); }
button.icon { min-width: 2.1rem; padding: .3rem .4rem; font-weight: 700; }
.date-row { display: flex; gap: .3rem; align-items: center; flex-wrap: wrap; }
.date-slider { width: 100%; accent-color: var(--accent); margin: .15rem 0 0; }
.date-slider[data-inactive=true] { opacity: .45; }
.hint { font-size: .8rem; color: var(--danger); min-height: 1em; }
.hint:empty { display: none; }
.search-results {
  position: absolute; top: 100%; left: 0; z-index: 5; list-style: none; margin: .2rem 0 0; padding: .25rem;
  background: #fff; border: 1px solid var(--line); border-radius: 8px; box-shadow: 0 6px 20px rgba(0,0,0,.12);
  width: max(100%, 18rem); max-width: calc(100vw - 2rem);
}
.search-results button { width: 100%; text-align: left; border: 0; border-radius: 4px; display: block; }
.search-results .alias { color: var(--muted); font-size: .85em; }

/* Layout */
.layout {
  flex: 1 1 auto; display: grid; grid-template-columns: minmax(0, 1fr) minmax(20rem, 27rem);
  grid-template-rows: minmax(0, 1fr); gap: 0; min-height: 0;
}
.stage { display: flex; flex-direction: column; min-width: 0; min-height: 0; overflow: hidden; background: #fff; border-right: 1px solid var(--line); }
.toolbar { display: flex; gap: .35rem; align-items: center; padding: .4rem .75rem; border-bottom: 1px solid var(--line); flex-wrap: wrap; }
.status { margin: 0 0 0 .5rem; font-size: .85rem; color: var(--muted); flex: 1 1 12rem; min-width: 0; }
.diagram { flex: 1; min-height: 0; position: relative; overflow: hidden; touch-action: none; cursor: grab; }
.diagram.dragging { cursor: grabbing; }
.diagram > svg { width: 100%; height: 100%; display: block; }
.panels { overflow-y: auto; min-width: 0; padding: .75rem; display: flex; flex-direction: column; gap: .75rem; }
.panel { background: var(--panel); border: 1px solid var(--line); border-radius: 10px; padding: .75rem .9rem; min-width: 0; }
.panel h2 { font-size: 1rem; margin: 0 0 .5rem; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); }
.panel h3 { font-size: 1.1rem; margin: .1rem 0 .25rem; }
.panel h4 { font-size: .85rem; margin: .8rem 0 .3rem; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
.panel p { margin: .3rem 0; }
.panel.details { border-color: var(--accent); box-shadow: 0 0 0 1px var(--accent-soft); }
.empty { color: var(--muted); font-style: italic; }
.meta { color: var(--muted); margin: 0 0 .4rem; }
dl.facts { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: .25rem .75rem; margin: .4rem 0; }
dl.facts dt { color: var(--muted); font-size: .85rem; padding-top: .1rem; }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
blockquote.quote { margin: .4rem 0; padding: .35rem .7rem; border-left: 4px solid var(--accent); background: #f5f8fc; font-style: italic; }
.cite { display: inline-block; background: #eef1f4; border-radius: 4px; padding: 0 .35rem; margin: 0 .2rem .15rem 0; font-size: .85rem; white-space: nowrap; }
.badge { display: inline-block; border-radius: 999px; padding: 0 .5rem; font-size: .75rem; font-weight: 600; vertical-align: .1em; }
.badge.positive { background: #e3f2e6; color: var(--good); }
.badge.negative { background: #fbe5e7; color: var(--danger); }
.badge.unsigned { background: #eceff2; color: var(--muted); }
.badge.contested { background: #fff1dc; color: #8a4b00; }
.badge.hidden { background: #eceff2; color: var(--muted); font-weight: 400; }
button.link {
  border: 0; background: none; padding: 0; min-height: 0; color: var(--accent); text-decoration: underline; text-underline-offset: 2px;
  text-align: left; cursor: pointer; font: inherit;
}
button.link:hover { background: none; color: #07427e; }
ul.relations { list-style: none; padding: 0; margin: 0; }
ul.relations li { padding: .35rem 0; border-top: 1px solid #eef0f3; }
ul.relations li[data-relation-item] { display: grid; grid-template-columns: 1.7rem minmax(0, 1fr); align-items: baseline; }
ul.relations li[data-relation-item] > :not(:first-child) { grid-column: 2; justify-self: start; }
ul.plain { list-style: none; padding: 0; margin: .1rem 0 .4rem; font-size: .88rem; }
ul.plain li { margin: .1rem 0; }
ul.relations li:first-child { border-top: 0; }
ul.relations li[data-hidden=true] { opacity: .55; }
.evidence-line { display: block; font-size: .85rem; color: var(--muted); }
table.ranks { border-collapse: collapse; width: 100%; font-size: .9rem; }
table.ranks th, table.ranks td { text-align: left; padding: .2rem .4rem .2rem 0; border-bottom: 1px solid #eef0f3; }
table.ranks td.num, table.ranks th.num { text-align: right; font-variant-numeric: tabular-nums; }
ol.fissures { list-style: none; padding: 0; margin: 0; counter-reset: none; }
ol.fissures > li { border: 1px solid var(--line); border-radius: 8px; padding: .5rem .6rem; margin: 0 0 .5rem; }
ol.fissures > li[data-active=true] { border-color: var(--mark); box-shadow: 0 0 0 2px #fde0c5; }
button.fissure { width: 100%; text-align: left; display: grid; grid-template-columns: auto minmax(0, 1fr) auto; gap: .5rem; align-items: baseline; }
button.fissure .rank { font-weight: 700; color: var(--muted); }
button.fissure .pair { font-weight: 650; overflow-wrap: anywhere; }
button.fissure .score { font-variant-numeric: tabular-nums; font-weight: 700; color: var(--mark); }
button.fissure[aria-pressed=true] { background: #fff4ea; border-color: var(--mark); }
.bar { height: 6px; background: #eef0f3; border-radius: 3px; overflow: hidden; margin: .35rem 0 .2rem; }
.bar > span { display: block; height: 100%; background: var(--mark); }
ul.parts { list-style: none; padding: 0; margin: .3rem 0; font-size: .88rem; display: grid; grid-template-columns: 1fr 1fr; gap: .15rem .75rem; }
ul.parts b { font-variant-numeric: tabular-nums; }
ol.paths { margin: .3rem 0 0; padding-left: 1.2rem; font-size: .88rem; }
ol.paths li { margin: .25rem 0; }
.step { color: var(--muted); white-space: nowrap; }
.step.negative { color: var(--danger); }
.step.positive { color: var(--good); }
.chips { display: flex; flex-wrap: wrap; gap: .3rem; margin: .25rem 0; }
.chips button { font-size: .85rem; padding: .1rem .5rem; min-height: 1.8rem; border-radius: 999px; }
.small { font-size: .82rem; color: var(--muted); }
.foot { font-size: .8rem; color: var(--muted); padding: .5rem 1.25rem; border-top: 1px solid var(--line); background: #fff; }

/* The diagram's states (the markup contract's elements) */
[data-actor], [data-relation] { cursor: pointer; }
[data-relation] .hit { stroke: transparent; stroke-width: 12px; fill: none; pointer-events: stroke; }
[data-actor]:focus:not(:focus-visible), [data-relation]:focus:not(:focus-visible) { outline: none; }
[data-actor]:focus-visible, [data-relation]:focus-visible { outline: 3px solid var(--focus); outline-offset: 3px; }
[data-actor]:focus-visible :is(polygon, ellipse, path) { stroke: var(--focus); stroke-width: 5px; }
[data-relation]:focus-visible path:not(.hit), [data-relation]:focus-visible > g > a > path { stroke: var(--focus) !important; stroke-width: 5px; }
[data-relation]:focus-visible polygon { stroke: var(--focus); fill: var(--focus); }
[data-selected=true][data-actor] :is(polygon, ellipse, path) { stroke: var(--accent); stroke-width: 4px; }
[data-selected=true][data-relation] path:not(.hit) { stroke: var(--accent) !important; stroke-width: 4.5px; }
[data-related=true][data-relation] path:not(.hit) { stroke-width: 3px; }
[data-match=true] :is(polygon, ellipse, path) { stroke: var(--mark); stroke-width: 5px; }
[data-hidden=true] { display: none; }
[data-isolated=true] { opacity: .3; }
body[data-highlighting=true] [data-actor]:not([data-highlight=true]),
body[data-highlighting=true] [data-relation]:not([data-highlight=true]) { opacity: .12; }
[data-highlight=true][data-relation] path:not(.hit) { stroke-width: 4px; }
body[data-highlighting=true] [data-highlight=true][data-actor] :is(polygon, ellipse, path) { stroke: var(--mark); stroke-width: 3.5px; }
body[data-selecting=true] [data-actor]:not([data-selected=true]):not([data-related=true]),
body[data-selecting=true] [data-relation]:not([data-selected=true]):not([data-related=true]) { opacity: .28; }

/* Narrow screens: one column, the diagram first */
@media (max-width: 900px) {
  body { height: auto; overflow: visible; }
  .top { padding: .6rem .75rem; gap: .5rem; }
  .heading h1 { font-size: 1.15rem; }
  .description { display: none; }
  .controls { width: 100%; display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: .5rem .6rem; }
  .control { min-width: 0; }
  .date-control { grid-column: 1 / -1; grid-row: 2; }
  .date-row input[data-control=date] { flex: 1 1 6rem; }
  input[type=search], select { width: 100%; max-width: none; }
  .layout { display: block; height: auto; }
  .stage { border-right: 0; border-bottom: 1px solid var(--line); }
  .diagram { height: 58vh; min-height: 18rem; flex: none; }
  .panels { overflow: visible; padding: .6rem; }
  ul.parts { grid-template-columns: 1fr; }
}

/* Print (A4 or Letter): the diagram on the first page, the panels after it */
@media print {
  @page { margin: 12mm; }
  body { background: #fff; display: block; height: auto; overflow: visible; font-size: 10.5pt; }
  .controls, .toolbar, .skip, .search-results, .foot { display: none !important; }
  .top { border: 0; padding: 0 0 4mm; }
  .description { display: block; }
  .layout { display: block; height: auto; min-height: 0; }
  .stage { border: 0; break-after: page; overflow: visible; }
  .diagram { height: auto; overflow: visible; cursor: auto; }
  .diagram > svg { width: 100%; height: auto; max-height: 235mm; }
  .panels { overflow: visible; padding: 0; display: block; }
  .panel { break-inside: avoid-page; border-color: #999; box-shadow: none; margin: 0 0 4mm; }
  .panel.details:has(.empty) { display: none; }
  button, button.link { border: 0; background: none; padding: 0; min-height: 0; color: inherit; text-decoration: none; }
  body[data-highlighting=true] [data-actor], body[data-highlighting=true] [data-relation],
  body[data-selecting=true] [data-actor], body[data-selecting=true] [data-relation] { opacity: 1 !important; }
}
"""#
}
