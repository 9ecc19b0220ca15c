extension BriefingPage {
    /// The page's script: vanilla JavaScript over the diagram's `data-actor` and `data-relation`
    /// elements and the embedded data. It inserts text with `textContent` only (never markup),
    /// and keeps its state in the DOM (`body[data-date]`, `body[data-claimant]`,
    /// `[data-hidden]`, `[data-selected]`, `[data-highlight]`).
    static let script = #"""
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('briefing-data').textContent);
  function $(selector, root) { return (root || document).querySelector(selector); }
  function $$(selector, root) { return Array.prototype.slice.call((root || document).querySelectorAll(selector)); }

  var actorsById = new Map(data.actors.map(function (a) { return [a.id, a]; }));
  var relationsByKey = new Map(data.relations.map(function (r) { return [r.key, r]; }));
  var viewsById = new Map(data.views.map(function (v) { return [v.id, v]; }));
  // The panels at each date (data.periods), and the relations of each date the graph mentions,
  // to find the period of a date it does not mention.
  var periodsByDate = new Map();
  data.periods.forEach(function (p) {
    p.byView = new Map(p.views.map(function (v) { return [v.id, v]; }));
    p.dates.forEach(function (d) { periodsByDate.set(d, p); });
  });
  var snapshotSets = data.snapshots.map(function (s) { return { date: s.date, keys: new Set(s.relations) }; });
  var sourcesById = new Map(data.sources.map(function (s) { return [s.id, s]; }));
  var contestedByKey = new Map(data.contested.map(function (c) { return [c.relation, c.reasons]; }));
  var svg = $('#diagram svg');
  var actorElements = new Map(), relationElements = new Map();
  $$('[data-actor]', svg).forEach(function (e) { actorElements.set(e.getAttribute('data-actor'), e); });
  $$('[data-relation]', svg).forEach(function (e) { relationElements.set(e.getAttribute('data-relation'), e); });

  var state = { date: '', period: null, claimant: 'all', selected: null, highlight: null, panelPeriod: null };

  // ---- Small helpers -------------------------------------------------------------------------
  function el(tag, attributes) {
    var e = document.createElement(tag);
    if (attributes) {
      Object.keys(attributes).forEach(function (k) {
        var v = attributes[k];
        if (v === null || v === undefined || v === false) return;
        if (k === 'text') e.textContent = v; else e.setAttribute(k, v === true ? '' : v);
      });
    }
    for (var i = 2; i < arguments.length; i++) {
      var c = arguments[i];
      if (c === null || c === undefined || c === false) continue;
      if (Array.isArray(c)) c.forEach(function (x) { if (x) e.appendChild(typeof x === 'string' ? document.createTextNode(x) : x); });
      else e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
    }
    return e;
  }
  function name(id) { var a = actorsById.get(id); return a ? a.name : id; }
  function shortName(id) {
    var a = actorsById.get(id);
    if (!a) return id;
    if (a.name.length <= 16 || !a.aliases.length) return a.name;
    var best = null;
    a.aliases.forEach(function (x) { if (x.length <= 12 && (!best || x.length > best.length)) best = x; });
    return best || a.name;
  }
  function number(x) {
    if (x === null || x === undefined) return '–';
    if (Math.abs(x - Math.round(x)) < 1e-12) return String(Math.round(x));
    return (Math.round(x * 1000) / 1000).toString();
  }
  function actorButton(id) {
    var b = el('button', { type: 'button', 'class': 'link', 'data-goto-actor': id, text: name(id) });
    return b;
  }
  function relationPhrase(r) {
    return r.kindLabel + ': ' + name(r.source) + (r.directed ? ' → ' : ' – ') + name(r.target);
  }
  function relationButton(key, text) {
    var r = relationsByKey.get(key);
    return el('button', { type: 'button', 'class': 'link', 'data-goto-relation': key, text: text || (r ? relationPhrase(r) : key) });
  }
  function signBadge(sign) { return el('span', { 'class': 'badge ' + sign, text: sign === 'positive' ? '+ positive' : sign === 'negative' ? '− negative' : 'unsigned' }); }
  function citesList(r) {
    return r.cites.map(function (c) {
      var s = sourcesById.get(c.source);
      return el('span', { 'class': 'cite', title: s ? s.title : c.source, text: c.text });
    });
  }
  function span(r) {
    if (r.since && r.until) return r.since + ' to ' + r.until;
    if (r.since) return 'since ' + r.since;
    if (r.until) return 'until ' + r.until;
    return 'no dates given (holds throughout)';
  }

  // ---- Dates ---------------------------------------------------------------------------------
  function daysIn(month, year) {
    if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
    return [4, 6, 9, 11].indexOf(month) >= 0 ? 30 : 31;
  }
  function pad(n, w) { var s = String(n); while (s.length < w) s = '0' + s; return s; }
  /** The period a partial ISO date names: its first and last day, or null when it is not one. */
  function period(text) {
    var m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(text);
    if (!m) return null;
    var y = +m[1], mo = m[2] ? +m[2] : null, d = m[3] ? +m[3] : null;
    if (y < 1 || (mo !== null && (mo < 1 || mo > 12)) || (d !== null && (d < 1 || d > daysIn(mo, y)))) return null;
    var first = pad(y, 4) + '-' + pad(mo || 1, 2) + '-' + pad(d || 1, 2);
    var lm = mo || 12;
    var last = pad(y, 4) + '-' + pad(lm, 2) + '-' + pad(d || daysIn(lm, y), 2);
    return { first: first, last: last };
  }
  /** Whether a relation's span overlaps the period (spans inclusive; partial dates whole periods). */
  function holds(r, p) {
    if (!p) return true;
    if (r.firstDay && r.firstDay > p.last) return false;
    if (r.lastDay && r.lastDay < p.first) return false;
    return true;
  }

  // ---- Applying the controls -----------------------------------------------------------------
  var dateInput = $('[data-control=date]');
  var slider = $('#date-slider');
  var claimantSelect = $('select[data-control=claimant]');
  var hint = $('#date-hint');

  function visible(r) {
    var view = viewsById.get(state.claimant);
    return (!view || view.shown.has(r.key)) && holds(r, state.period);
  }
  data.views.forEach(function (v) { v.shown = new Set(v.relations); });

  function apply() {
    var shown = 0;
    data.relations.forEach(function (r) {
      var e = relationElements.get(r.key);
      var on = visible(r);
      if (on) shown++;
      if (e) { if (on) e.removeAttribute('data-hidden'); else e.setAttribute('data-hidden', 'true'); }
    });
    data.actors.forEach(function (a) {
      var e = actorElements.get(a.id);
      if (!e) return;
      var isolated = a.relations.length > 0 && !a.relations.some(function (k) { return visible(relationsByKey.get(k)); });
      if (isolated) e.setAttribute('data-isolated', 'true'); else e.removeAttribute('data-isolated');
    });
    document.body.setAttribute('data-date', state.date);
    document.body.setAttribute('data-claimant', state.claimant);
    var view = viewsById.get(state.claimant);
    var parts = ['Showing ' + shown + ' of ' + data.relations.length + ' relations'];
    parts.push(state.date ? 'as of ' + state.date : 'all dates');
    if (view && view.id !== 'all') parts.push(view.id === 'facts' ? 'uncontested facts only' : 'as ' + name(view.id) + ' tells it');
    $('#status').textContent = parts.join(' · ');
    renderDetails();
  }

  function setDate(text, fromSlider) {
    text = (text || '').trim();
    if (text === '') {
      state.date = ''; state.period = null;
      dateInput.value = ''; dateInput.removeAttribute('aria-invalid'); hint.textContent = '';
      slider.value = String(Math.max(0, data.dates.length - 1)); slider.setAttribute('data-inactive', 'true');
      apply();
      refreshPanels();
      return true;
    }
    var p = period(text);
    if (!p) {
      dateInput.setAttribute('aria-invalid', 'true');
      hint.textContent = '“' + text + '” is not a date: write YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2010-01-07).';
      return false;
    }
    state.date = text; state.period = p;
    dateInput.value = text; dateInput.removeAttribute('aria-invalid'); hint.textContent = '';
    if (!fromSlider) {
      var i = data.dates.indexOf(text);
      if (i < 0) { i = 0; data.dates.forEach(function (d, j) { if (d <= text) i = j; }); }
      slider.value = String(i);
    }
    slider.removeAttribute('data-inactive');
    apply();
    refreshPanels();
    return true;
  }
  function stepDate(direction) {
    if (!data.dates.length) return;
    var i;
    if (!state.date) i = direction > 0 ? 0 : data.dates.length - 1;
    else {
      var at = data.dates.indexOf(state.date);
      if (at < 0) {
        at = -1; data.dates.forEach(function (d, j) { if (period(d).first <= state.period.first) at = j; });
        i = direction > 0 ? at + 1 : (data.dates[at] === state.date ? at - 1 : at);
      } else i = at + direction;
    }
    i = Math.max(0, Math.min(data.dates.length - 1, i));
    setDate(data.dates[i]);
  }

  dateInput.addEventListener('keydown', function (event) {
    if (event.key === 'Enter') { event.preventDefault(); setDate(dateInput.value); }
  });
  dateInput.addEventListener('change', function () { setDate(dateInput.value); });
  dateInput.addEventListener('input', function () {
    var v = dateInput.value.trim();
    if (v === '' || period(v)) setDate(v); else hint.textContent = '';
  });
  slider.addEventListener('input', function () { setDate(data.dates[+slider.value], true); });
  $('[data-action=previous-date]').addEventListener('click', function () { stepDate(-1); });
  $('[data-action=next-date]').addEventListener('click', function () { stepDate(1); });
  $('[data-action=all-dates]').addEventListener('click', function () { setDate(''); });

  claimantSelect.addEventListener('change', function () {
    state.claimant = claimantSelect.value;
    clearHighlight();
    apply();
    renderFissures();
    renderFactions();
  });

  // ---- Selection and the details panel ---------------------------------------------------------
  function clearMarks(attribute) { $$('[' + attribute + ']', svg).forEach(function (e) { e.removeAttribute(attribute); }); }

  function select(kind, id, options) {
    options = options || {};
    state.selected = id === null ? null : { kind: kind, id: id };
    clearMarks('data-selected'); clearMarks('data-related');
    document.body.removeAttribute('data-selecting');
    if (state.selected) {
      var e = kind === 'actor' ? actorElements.get(id) : relationElements.get(id);
      if (e) e.setAttribute('data-selected', 'true');
      if (kind === 'actor') {
        var a = actorsById.get(id);
        a.relations.forEach(function (k) {
          var re = relationElements.get(k), r = relationsByKey.get(k);
          if (re) re.setAttribute('data-related', 'true');
          [r.source, r.target].forEach(function (x) { var ae = actorElements.get(x); if (ae && x !== id) ae.setAttribute('data-related', 'true'); });
        });
      } else {
        var r = relationsByKey.get(id);
        [r.source, r.target].forEach(function (x) { var ae = actorElements.get(x); if (ae) ae.setAttribute('data-related', 'true'); });
      }
      if (!state.highlight) document.body.setAttribute('data-selecting', 'true');
      if (options.reveal) reveal(e);
    }
    renderDetails();
    if (options.focusPanel) $('[data-panel=details]').focus({ preventScroll: true });
    var panel = $('[data-panel=details]');
    if (window.matchMedia('(max-width: 900px)').matches && state.selected && options.scroll !== false) panel.scrollIntoView({ block: 'start' });
    else if (state.selected) panel.scrollIntoView({ block: 'nearest' });
  }

  function renderDetails() {
    var body = $('#details-body');
    body.textContent = '';
    if (!state.selected) {
      body.appendChild(el('p', { 'class': 'empty', text: 'Select an actor or a relation in the diagram (click, or Tab and Enter) to see its evidence.' }));
      return;
    }
    if (state.selected.kind === 'actor') renderActor(body, actorsById.get(state.selected.id));
    else renderRelation(body, relationsByKey.get(state.selected.id));
  }

  function renderActor(body, a) {
    body.appendChild(el('h3', { text: a.name }));
    body.appendChild(el('p', { 'class': 'meta' }, a.kindLabel + (a.role ? ' · ' + a.role : '')));
    var facts = el('dl', { 'class': 'facts' });
    function fact(term, value) { if (value === null || value === undefined || value === '') return; facts.appendChild(el('dt', { text: term })); facts.appendChild(el('dd', null, value)); }
    fact('Id', a.id);
    if (a.aliases.length) fact('Also', a.aliases.join(', '));
    fact('Note', a.note);
    var view = viewsById.get('all');
    if (a.bloc) fact('Bloc', 'Bloc ' + a.bloc + ' of ' + view.factions.blocs.length + ' (balance factions over every relation)');
    Object.keys(a.attributes).sort().forEach(function (k) { fact(k, a.attributes[k]); });
    body.appendChild(facts);
    if (a.centrality.length) {
      body.appendChild(el('h4', { text: 'Centrality' }));
      var table = el('table', { 'class': 'ranks' },
        el('thead', null, el('tr', null, el('th', { text: 'Measure' }), el('th', { 'class': 'num', text: 'Value' }), el('th', { 'class': 'num', text: 'Rank' }))));
      var tbody = el('tbody');
      a.centrality.forEach(function (c) {
        var m = data.measures.filter(function (x) { return x.id === c.measure; })[0];
        tbody.appendChild(el('tr', null, el('td', { title: m ? m.note : '', text: m ? m.label : c.measure }),
          el('td', { 'class': 'num', text: number(c.value) }), el('td', { 'class': 'num', text: c.rank + ' of ' + c.of })));
      });
      table.appendChild(tbody);
      body.appendChild(table);
    }
    body.appendChild(el('h4', { text: 'Relations (' + a.relations.length + ')' }));
    if (!a.relations.length) { body.appendChild(el('p', { 'class': 'empty', text: 'No relation names this actor.' })); return; }
    var list = el('ul', { 'class': 'relations' });
    a.relations.forEach(function (k) {
      var r = relationsByKey.get(k);
      var other = r.source === a.id ? r.target : r.source;
      var arrow = !r.directed ? '–' : (r.source === a.id ? '→' : '←');
      var evidence = [];
      if (r.cites.length) evidence.push(r.cites.map(function (c) { return c.text; }).join(', '));
      if (r.claimedBy.length) evidence.push('claimed by ' + r.claimedBy.map(name).join(', '));
      if (r.disputedBy.length) evidence.push('disputed by ' + r.disputedBy.map(name).join(', '));
      if (r.confidence) evidence.push('confidence ' + r.confidence);
      if (r.since || r.until) evidence.push(span(r));
      var shown = visible(r);
      list.appendChild(el('li', { 'data-hidden': shown ? null : 'true', 'data-relation-item': k },
        el('span', { 'class': 'badge ' + r.sign, 'aria-hidden': 'true', text: r.sign === 'positive' ? '+' : r.sign === 'negative' ? '−' : '·' }), ' ',
        relationButton(k, r.kindLabel + ' ' + arrow + ' ' + name(other)),
        shown ? null : el('span', { 'class': 'badge hidden', text: 'hidden by the controls' }),
        el('span', { 'class': 'evidence-line', text: evidence.join(' · ') || 'no citation' })));
    });
    body.appendChild(list);
  }

  function renderRelation(body, r) {
    body.appendChild(el('h3', { text: r.kindLabel }));
    body.appendChild(el('p', { 'class': 'ends' }, actorButton(r.source), r.directed ? ' → ' : ' – ', actorButton(r.target)));
    var badges = el('p', null, signBadge(r.sign));
    if (r.contested) badges.appendChild(el('span', { 'class': 'badge contested', text: 'contested or weakly supported' }));
    if (!visible(r)) badges.appendChild(el('span', { 'class': 'badge hidden', text: 'hidden by the controls' }));
    body.appendChild(badges);
    r.quotes.forEach(function (q) { body.appendChild(el('blockquote', { 'class': 'quote', text: q })); });
    var facts = el('dl', { 'class': 'facts' });
    function fact(term, value) { if (value === null || value === undefined || value === '' || (Array.isArray(value) && !value.length)) return; facts.appendChild(el('dt', { text: term })); facts.appendChild(el('dd', null, value)); }
    fact('When', span(r));
    // Cites grouped by source: the passages, then the source's title once.
    var bySource = [];
    r.cites.forEach(function (c) {
      var group = bySource.filter(function (g) { return g.source === c.source; })[0];
      if (!group) { group = { source: c.source, cites: [] }; bySource.push(group); }
      group.cites.push(c);
    });
    fact('Cites', bySource.length ? bySource.map(function (g) {
      var s = sourcesById.get(g.source);
      return el('div', null, g.cites.map(function (c) { return el('span', { 'class': 'cite', text: c.text }); }),
        s ? el('span', { 'class': 'small', text: s.title + (s.date ? ' (' + s.date + ')' : '') }) : null);
    }) : 'no citation');
    fact('Claimed by', r.claimedBy.length ? r.claimedBy.map(function (c, i) { return [i ? ', ' : '', actorButton(c)]; }).reduce(function (x, y) { return x.concat(y); }, []).filter(Boolean)
      : 'no one: reported as fact');
    if (r.disputedBy.length) fact('Disputed by', r.disputedBy.map(function (c, i) { return [i ? ', ' : '', actorButton(c)]; }).reduce(function (x, y) { return x.concat(y); }, []).filter(Boolean));
    fact('Confidence', r.confidence || 'not stated');
    if (r.weight !== 1) fact('Weight', number(r.weight));
    fact('Note', r.note);
    var reasons = contestedByKey.get(r.key);
    if (reasons) fact('Contested', reasons.join('; '));
    Object.keys(r.attributes).sort().forEach(function (k) { fact(k, r.attributes[k]); });
    fact('Relation', r.id ? r.id + ' (relation ' + r.index + ' in the file)' : 'relation ' + r.index + ' in the file');
    body.appendChild(facts);
  }

  // ---- Panels: fissures, factions, brokers, sources -------------------------------------------
  function currentView() { return viewsById.get(state.claimant) || viewsById.get('all'); }
  /** The period of the chosen date: the one listing it, else the one whose relations are those that hold then. */
  function periodAt() {
    if (!state.date) return null;
    var p = periodsByDate.get(state.date);
    if (p) return p;
    var holding = data.relations.filter(function (r) { return holds(r, state.period); });
    for (var i = 0; i < snapshotSets.length; i++) {
      var set = snapshotSets[i].keys;
      if (set.size === holding.length && holding.every(function (r) { return set.has(r.key); })) return periodsByDate.get(snapshotSets[i].date) || null;
    }
    return null;
  }
  /** The fissures and factions the panels show: the view's at the chosen date, else over all dates. */
  function currentPanels() {
    var view = currentView(), p = periodAt();
    var v = p && (p.byView.get(view.id) || p.byView.get('facts'));
    if (v) return { factions: v.factions, fissures: v.fissures, period: p };
    return { factions: view.factions, fissures: view.fissures, period: null };
  }
  function viewNote(view, panels) {
    var when = panels.period ? 'the relations that hold on ' + state.date + '.'
      : !state.date ? 'all dates.'
      : 'all dates (' + (data.periodsLeftOut || 'the relations that hold on ' + state.date + ' are those of none of the graph’s dates') + ').';
    return el('p', { 'class': 'small', 'data-panel-date': panels.period ? state.date : 'all',
      text: (view.id === 'all' ? 'Every relation' : view.label) + '; ' + when });
  }
  /** After a date change: the panels again, and no highlight from another period. */
  function refreshPanels() {
    var p = currentPanels().period;
    if (p !== state.panelPeriod) { state.panelPeriod = p; if (state.highlight) clearHighlight(); }
    renderFissures();
    renderFactions();
  }

  function renderFissures() {
    var body = $('#fissures-body');
    body.textContent = '';
    var view = currentView(), panels = currentPanels(), f = panels.fissures;
    body.appendChild(viewNote(view, panels));
    if (!f.items.length) {
      body.appendChild(el('p', { 'class': 'empty', text: 'No coalition or alliance tie to score in this view.' }));
    } else {
      body.appendChild(el('p', null, 'Coalition and alliance ties, most stressed first. Frustration index ' + number(f.frustration) +
        (f.frustrationOptimal ? ' (proven optimal).' : ' (best found).') + ' Select one to highlight its evidence in the diagram.'));
      var list = el('ol', { 'class': 'fissures' });
      f.items.forEach(function (x, i) {
        var cycles = x.cycles ? x.unbalancedCycles + ' of ' + x.cycles : 'none';
        var item = el('li', { 'data-fissure': x.relation, 'data-a': x.a, 'data-b': x.b },
          el('button', { type: 'button', 'class': 'fissure', 'aria-pressed': 'false', 'data-fissure-button': x.relation },
            el('span', { 'class': 'rank', text: (i + 1) + '.' }),
            el('span', { 'class': 'pair', title: name(x.a) + ' – ' + name(x.b), text: shortName(x.a) + ' – ' + shortName(x.b) }),
            el('span', { 'class': 'score', text: 'stress ' + x.score.toFixed(2) })),
          el('div', { 'class': 'bar', 'aria-hidden': 'true' }, el('span', { style: 'width:' + Math.round(x.score * 100) + '%' })),
          el('ul', { 'class': 'parts' },
            el('li', null, 'Split by balance: ', el('b', { text: x.split ? 'yes' : 'no' })),
            el('li', null, 'Unbalanced cycles: ', el('b', { text: cycles })),
            el('li', null, 'Hostility between them: ', el('b', { text: number(x.ambivalence) })),
            el('li', null, 'Frustration without it: ', el('b', { text: number(x.frustration) + ' → ' + number(x.frustrationWithout) }))),
          el('p', { 'class': 'small', text: 'The tie:' }),
          el('ul', { 'class': 'plain' }, el('li', null, relationButton(x.relation))),
          x.directNegative.length ? el('p', { 'class': 'small', text: 'Also hostile to each other:' }) : null,
          x.directNegative.length ? el('ul', { 'class': 'plain' }, x.directNegative.map(function (k) {
            var r = relationsByKey.get(k);
            return el('li', null, relationButton(k), el('span', { 'class': 'small', text: ' ' + [r.cites.map(function (c) { return c.text; }).join(', '), r.claimedBy.length ? 'claimed by ' + r.claimedBy.map(name).join(', ') : ''].filter(Boolean).join(' · ') }));
          })) : null,
          x.paths.length ? el('p', { 'class': 'small', text: 'Unbalanced paths (each with the tie, an odd number of hostile steps):' }) : null,
          x.paths.length ? el('ol', { 'class': 'paths' }, x.paths.map(function (p) {
            var parts = [shortName(p.actors[0])];
            p.steps.forEach(function (step, s) {
              var sign = p.signs[s] < 0 ? 'negative' : 'positive';
              var kinds = step.map(function (k) { return relationsByKey.get(k).kindLabel.toLowerCase(); });
              parts.push(' ');
              parts.push(el('span', { 'class': 'step ' + sign }, '—', relationButton(step[0], (p.signs[s] < 0 ? '−' : '+') + kinds.filter(function (v, j, all) { return all.indexOf(v) === j; }).join('/')), '→'));
              parts.push(' ' + shortName(p.actors[s + 1]));
            });
            return el('li', null, parts);
          })) : null);
        list.appendChild(item);
      });
      body.appendChild(list);
    }
    f.notes.forEach(function (n) { body.appendChild(el('p', { 'class': 'small', text: n })); });
  }

  function fissureEvidence(x) {
    var relations = new Set([x.relation]), actors = new Set([x.a, x.b]);
    x.directNegative.forEach(function (k) { relations.add(k); });
    x.paths.forEach(function (p) {
      p.actors.forEach(function (a) { actors.add(a); });
      p.steps.forEach(function (step) { step.forEach(function (k) { relations.add(k); }); });
    });
    return { relations: relations, actors: actors };
  }

  function highlight(key, evidence, button) {
    clearHighlight();
    state.highlight = key;
    document.body.setAttribute('data-highlighting', 'true');
    document.body.removeAttribute('data-selecting');
    evidence.relations.forEach(function (k) { var e = relationElements.get(k); if (e) e.setAttribute('data-highlight', 'true'); });
    evidence.actors.forEach(function (a) { var e = actorElements.get(a); if (e) e.setAttribute('data-highlight', 'true'); });
    if (button) { button.setAttribute('aria-pressed', 'true'); var li = button.closest('li'); if (li) li.setAttribute('data-active', 'true'); }
    $('[data-action=clear]').hidden = false;
    state.boxBefore = box;
    frame($$('[data-highlight=true]', svg));
  }
  function clearHighlight() {
    state.highlight = null;
    document.body.removeAttribute('data-highlighting');
    clearMarks('data-highlight');
    $$('[aria-pressed=true]').forEach(function (b) { b.setAttribute('aria-pressed', 'false'); });
    $$('[data-active=true]').forEach(function (li) { li.removeAttribute('data-active'); });
    $('[data-action=clear]').hidden = true;
    if (state.boxBefore) { setBox(state.boxBefore); state.boxBefore = null; }
    if (state.selected) document.body.setAttribute('data-selecting', 'true');
  }

  function renderFactions() {
    var body = $('#factions-body');
    body.textContent = '';
    var view = currentView(), panels = currentPanels(), f = panels.factions;
    body.appendChild(viewNote(view, panels));
    var method = f.method === 'balance' ? 'Balance partition (Doreian & Mrvar)' : f.method;
    body.appendChild(el('p', null, method + ' into ' + f.blocs.length + ' bloc' + (f.blocs.length === 1 ? '' : 's') + '.'));
    var quality = el('dl', { 'class': 'facts' });
    f.quality.forEach(function (q) { quality.appendChild(el('dt', { text: q.name })); quality.appendChild(el('dd', null, el('b', { text: number(q.value) }), ' ', el('span', { 'class': 'small', text: q.note }))); });
    if (f.optimal !== null && f.optimal !== undefined) { quality.appendChild(el('dt', { text: 'optimal' })); quality.appendChild(el('dd', { text: f.optimal ? 'proven optimal' : 'not proven: P is certified only down to its lower bound' })); }
    body.appendChild(quality);
    f.blocs.forEach(function (members, b) {
      var button = el('button', { type: 'button', 'class': 'link', 'aria-pressed': 'false', 'data-bloc': String(b + 1), text: 'Bloc ' + (b + 1) + ' · ' + members.length + ' actor' + (members.length === 1 ? '' : 's') });
      body.appendChild(el('h4', null, button));
      body.appendChild(el('div', { 'class': 'chips' }, members.map(function (m) { return el('button', { type: 'button', 'data-goto-actor': m, text: shortName(m) }); })));
    });
    if (f.unattached.length) body.appendChild(el('p', { 'class': 'small', text: 'Not placed (no signed relation): ' + f.unattached.map(name).join(', ') + '.' }));
    if (f.positiveBetween.length) body.appendChild(el('p', { 'class': 'small' }, 'Positive ties between blocs: ', f.positiveBetween.map(function (k, i) { return [i ? '; ' : '', relationButton(k)]; }).reduce(function (p, q) { return p.concat(q); }, []).filter(Boolean)));
    if (f.negativeInside.length) body.appendChild(el('p', { 'class': 'small' }, 'Hostile ties inside blocs: ', f.negativeInside.map(function (k, i) { return [i ? '; ' : '', relationButton(k)]; }).reduce(function (p, q) { return p.concat(q); }, []).filter(Boolean)));
    f.notes.forEach(function (n) { body.appendChild(el('p', { 'class': 'small', text: n })); });
  }

  function renderBrokers() {
    var body = $('#brokers-body');
    var b = data.brokers;
    body.appendChild(el('p', { 'class': 'small', text: 'Every relation, all dates. Gould–Fernandez brokerage between the blocs (open two-paths a → v → b over positive relations), with Burt\'s constraint (lower: more brokerage opportunity).' }));
    if (b.top.length) {
      var tbody = el('tbody');
      b.top.forEach(function (x) {
        tbody.appendChild(el('tr', null, el('td', null, el('button', { type: 'button', 'class': 'link', 'data-goto-actor': x.actor, text: shortName(x.actor) })),
          el('td', { 'class': 'num', text: number(x.total) }), el('td', { 'class': 'num', text: x.constraint === null || x.constraint === undefined ? '–' : x.constraint.toFixed(2) })));
      });
      body.appendChild(el('table', { 'class': 'ranks' },
        el('thead', null, el('tr', null, el('th', { text: 'Actor' }), el('th', { 'class': 'num', text: 'Brokered paths' }), el('th', { 'class': 'num', text: 'Constraint' }))), tbody));
    } else body.appendChild(el('p', { 'class': 'empty', text: 'No actor brokers between others.' }));
    if (b.signed.length) {
      body.appendChild(el('h4', { text: 'Between hostile blocs' }));
      body.appendChild(el('ol', { 'class': 'paths' }, b.signed.map(function (s) { return el('li', null, el('button', { type: 'button', 'class': 'link', 'data-goto-actor': s.actor, text: name(s.actor) }), ' ', el('span', { 'class': 'small', text: 'share ' + s.score.toFixed(2) })); })));
    }
    if (b.keyPlayers.length) {
      body.appendChild(el('h4', { text: 'Key players' }));
      body.appendChild(el('p', null, 'Removing ', b.keyPlayers.map(function (k, i) { return [i ? (i === b.keyPlayers.length - 1 ? ' and ' : ', ') : '', actorButton(k)]; }).reduce(function (p, q) { return p.concat(q); }, []).filter(Boolean),
        ' fragments the positive network most: fragmentation ' + b.fragmentation.toFixed(2) + ' → ' + b.fragmentationWithout.toFixed(2) + ' (Borgatti 2006).'));
    }
    b.notes.forEach(function (n) { body.appendChild(el('p', { 'class': 'small', text: n })); });
  }

  function renderSources() {
    var body = $('#sources-body');
    if (!data.sources.length) { body.appendChild(el('p', { 'class': 'empty', text: 'The graph names no sources.' })); return; }
    var list = el('ul', { 'class': 'relations' });
    data.sources.forEach(function (s) {
      var count = data.relations.filter(function (r) { return r.cites.some(function (c) { return c.source === s.id; }); }).length;
      list.appendChild(el('li', null, el('b', { text: s.title }),
        el('span', { 'class': 'evidence-line', text: [s.id, s.author, s.date, s.url, count + ' relation' + (count === 1 ? '' : 's') + ' cite it'].filter(Boolean).join(' · ') }),
        s.note ? el('span', { 'class': 'evidence-line', text: s.note }) : null));
    });
    body.appendChild(list);
  }

  // ---- Search --------------------------------------------------------------------------------
  var search = $('[data-control=search]'), results = $('#search-results');
  function fold(s) { return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase(); }
  function matches(query) {
    var q = fold(query.trim());
    if (!q) return [];
    return data.actors.filter(function (a) {
      return fold(a.name).indexOf(q) >= 0 || a.aliases.some(function (x) { return fold(x).indexOf(q) >= 0; }) || fold(a.id).indexOf(q) >= 0;
    });
  }
  function renderSearch() {
    var found = matches(search.value);
    clearMarks('data-match');
    found.forEach(function (a) { var e = actorElements.get(a.id); if (e) e.setAttribute('data-match', 'true'); });
    results.textContent = '';
    if (!search.value.trim()) { results.hidden = true; return; }
    if (!found.length) { results.appendChild(el('li', { 'class': 'small', text: 'No actor matches.' })); }
    found.slice(0, 8).forEach(function (a) {
      results.appendChild(el('li', { role: 'option' }, el('button', { type: 'button', 'data-goto-actor': a.id, 'data-search-result': a.id },
        a.name, a.aliases.length ? el('span', { 'class': 'alias', text: ' · ' + a.aliases.join(', ') }) : null)));
    });
    results.hidden = false;
  }
  search.addEventListener('input', renderSearch);
  search.addEventListener('keydown', function (event) {
    if (event.key === 'Enter') {
      event.preventDefault();
      var found = matches(search.value);
      if (found.length) { select('actor', found[0].id, { reveal: true }); results.hidden = true; }
    } else if (event.key === 'ArrowDown') {
      var first = $('button', results); if (first) { event.preventDefault(); first.focus(); }
    } else if (event.key === 'Escape') {
      search.value = ''; renderSearch();
    }
  });
  results.addEventListener('keydown', function (event) {
    var buttons = $$('button', results), i = buttons.indexOf(document.activeElement);
    if (event.key === 'ArrowDown' && i < buttons.length - 1) { event.preventDefault(); buttons[i + 1].focus(); }
    if (event.key === 'ArrowUp') { event.preventDefault(); if (i > 0) buttons[i - 1].focus(); else search.focus(); }
    if (event.key === 'Escape') { results.hidden = true; search.focus(); }
  });
  document.addEventListener('click', function (event) {
    if (!event.target.closest('.search-control')) results.hidden = true;
  });

  // ---- Clicks and keys anywhere ----------------------------------------------------------------
  document.addEventListener('click', function (event) {
    var t = event.target;
    if (!(t instanceof Element)) return;
    var goActor = t.closest('[data-goto-actor]');
    if (goActor) { select('actor', goActor.getAttribute('data-goto-actor'), { reveal: true }); if (goActor.hasAttribute('data-search-result')) results.hidden = true; return; }
    var goRelation = t.closest('[data-goto-relation]');
    if (goRelation) { select('relation', goRelation.getAttribute('data-goto-relation'), { reveal: true }); return; }
    var fissure = t.closest('[data-fissure-button]');
    if (fissure) {
      var key = fissure.getAttribute('data-fissure-button');
      if (state.highlight === 'fissure:' + key) { clearHighlight(); return; }
      var x = currentPanels().fissures.items.filter(function (i) { return i.relation === key; })[0];
      if (x) highlight('fissure:' + key, fissureEvidence(x), fissure);
      return;
    }
    var bloc = t.closest('[data-bloc]');
    if (bloc) {
      var n = +bloc.getAttribute('data-bloc');
      if (state.highlight === 'bloc:' + n) { clearHighlight(); return; }
      var members = new Set(currentPanels().factions.blocs[n - 1]);
      var inside = new Set(data.relations.filter(function (r) { return members.has(r.source) && members.has(r.target); }).map(function (r) { return r.key; }));
      highlight('bloc:' + n, { relations: inside, actors: members }, bloc);
      return;
    }
    if (t.closest('[data-action=clear]')) { clearHighlight(); return; }
    if (moved) return;
    var target = t.closest('[data-actor], [data-relation]');
    if (target && svg.contains(target)) {
      if (target.hasAttribute('data-actor')) select('actor', target.getAttribute('data-actor'));
      else select('relation', target.getAttribute('data-relation'));
    } else if (svg.contains(t) || t === svg) {
      select(null, null);
    }
  });
  svg.addEventListener('keydown', function (event) {
    var target = event.target.closest && event.target.closest('[data-actor], [data-relation]');
    if (!target) return;
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      if (target.hasAttribute('data-actor')) select('actor', target.getAttribute('data-actor'), { scroll: false });
      else select('relation', target.getAttribute('data-relation'), { scroll: false });
    }
  });
  document.addEventListener('keydown', function (event) {
    if (event.key === 'Escape' && !event.target.closest('.search-control')) { clearHighlight(); select(null, null); }
  });

  // ---- Pan and zoom --------------------------------------------------------------------------
  var base = svg.viewBox.baseVal;
  var home = { x: base.x, y: base.y, w: base.width, h: base.height };
  var box = { x: home.x, y: home.y, w: home.w, h: home.h };
  function setBox(b) { box = b; svg.setAttribute('viewBox', [b.x, b.y, b.w, b.h].map(function (v) { return Math.round(v * 100) / 100; }).join(' ')); }
  function toSVG(clientX, clientY) {
    var m = svg.getScreenCTM();
    if (!m) return { x: box.x + box.w / 2, y: box.y + box.h / 2 };
    var p = svg.createSVGPoint(); p.x = clientX; p.y = clientY;
    var q = p.matrixTransform(m.inverse());
    return { x: q.x, y: q.y };
  }
  function zoom(factor, center) {
    var w = Math.min(home.w * 4, Math.max(home.w / 40, box.w / factor)), f = box.w / w;
    var h = box.h / f;
    setBox({ x: center.x - (center.x - box.x) / f, y: center.y - (center.y - box.y) / f, w: w, h: h });
  }
  function centerPoint() { return { x: box.x + box.w / 2, y: box.y + box.h / 2 }; }
  function reveal(e) {
    if (!e || !e.getBBox) return;
    var b = e.getBBox(), m = e.getCTM(), root = svg.getCTM();
    if (!m || !root) return;
    var p = svg.createSVGPoint(); p.x = b.x + b.width / 2; p.y = b.y + b.height / 2;
    var q = p.matrixTransform(root.inverse().multiply(m));
    if (q.x < box.x || q.x > box.x + box.w || q.y < box.y || q.y > box.y + box.h) setBox({ x: q.x - box.w / 2, y: q.y - box.h / 2, w: box.w, h: box.h });
  }
  /** Zooms and pans so that `elements` fill the view (with a margin), never closer than 1:1. */
  function frame(elements) {
    var root = svg.getCTM();
    if (!elements.length || !root) return;
    var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    elements.forEach(function (e) {
      if (getComputedStyle(e).display === 'none') return;
      var b = e.getBBox(), m = root.inverse().multiply(e.getCTM());
      [[b.x, b.y], [b.x + b.width, b.y + b.height]].forEach(function (c) {
        var p = svg.createSVGPoint(); p.x = c[0]; p.y = c[1];
        var q = p.matrixTransform(m);
        x0 = Math.min(x0, q.x); y0 = Math.min(y0, q.y); x1 = Math.max(x1, q.x); y1 = Math.max(y1, q.y);
      });
    });
    if (!isFinite(x0)) return;
    var rect = svg.getBoundingClientRect(), aspect = rect.width / Math.max(1, rect.height);
    var pad = 40, w = Math.max(x1 - x0 + 2 * pad, rect.width * 0.6), h = Math.max(y1 - y0 + 2 * pad, w / aspect);
    w = Math.max(w, h * aspect);
    setBox({ x: (x0 + x1) / 2 - w / 2, y: (y0 + y1) / 2 - h / 2, w: w, h: h });
  }
  $('[data-action=zoom-in]').addEventListener('click', function () { zoom(1.3, centerPoint()); });
  $('[data-action=zoom-out]').addEventListener('click', function () { zoom(1 / 1.3, centerPoint()); });
  $('[data-action=fit]').addEventListener('click', function () { setBox({ x: home.x, y: home.y, w: home.w, h: home.h }); });
  var diagram = $('#diagram');
  diagram.addEventListener('wheel', function (event) {
    event.preventDefault();
    zoom(Math.exp(-event.deltaY * 0.0015), toSVG(event.clientX, event.clientY));
  }, { passive: false });
  // One pointer drags; two pinch (zoom about their midpoint).
  var drag = null, moved = false, pointers = new Map(), pinch = null;
  diagram.addEventListener('pointerdown', function (event) {
    if (event.pointerType === 'mouse' && event.button !== 0) return;
    pointers.set(event.pointerId, { x: event.clientX, y: event.clientY });
    if (pointers.size === 2) {
      var p = Array.from(pointers.values());
      pinch = { distance: Math.hypot(p[0].x - p[1].x, p[0].y - p[1].y) || 1 };
      drag = null; moved = true;
      return;
    }
    drag = { x: event.clientX, y: event.clientY, box: box, id: event.pointerId };
    moved = false;
  });
  diagram.addEventListener('pointermove', function (event) {
    if (pointers.has(event.pointerId)) pointers.set(event.pointerId, { x: event.clientX, y: event.clientY });
    if (pinch && pointers.size === 2) {
      var p = Array.from(pointers.values());
      var distance = Math.hypot(p[0].x - p[1].x, p[0].y - p[1].y) || 1;
      zoom(distance / pinch.distance, toSVG((p[0].x + p[1].x) / 2, (p[0].y + p[1].y) / 2));
      pinch.distance = distance;
      return;
    }
    if (!drag || drag.id !== event.pointerId) return;
    var dx = event.clientX - drag.x, dy = event.clientY - drag.y;
    if (!moved && Math.abs(dx) + Math.abs(dy) < 5) return;
    if (!moved) { moved = true; diagram.classList.add('dragging'); try { diagram.setPointerCapture(event.pointerId); } catch (e) { /* not capturable */ } }
    var m = svg.getScreenCTM(), scale = m ? m.a : 1;
    setBox({ x: drag.box.x - dx / scale, y: drag.box.y - dy / scale, w: drag.box.w, h: drag.box.h });
  });
  function endDrag(event) {
    pointers.delete(event.pointerId);
    if (pointers.size < 2) pinch = null;
    drag = null; diagram.classList.remove('dragging');
    setTimeout(function () { moved = false; }, 0);
  }
  diagram.addEventListener('pointerup', endDrag);
  diagram.addEventListener('pointercancel', endDrag);

  // ---- Start ---------------------------------------------------------------------------------
  // Wider invisible strokes make thin relation lines easy to click.
  relationElements.forEach(function (e) {
    $$('path', e).forEach(function (p) {
      var hit = p.cloneNode(false);
      hit.setAttribute('class', 'hit');
      hit.removeAttribute('stroke-dasharray');
      e.insertBefore(hit, e.firstChild);
    });
  });
  data.views.forEach(function (v) { claimantSelect.appendChild(el('option', { value: v.id, text: v.id === 'all' ? 'Everything' : v.id === 'facts' ? 'Uncontested facts only' : name(v.id) + '’s account' })); });
  var list = $('#dates');
  data.dates.forEach(function (d) { list.appendChild(el('option', { value: d })); });
  slider.max = String(Math.max(0, data.dates.length - 1));
  if (!data.dates.length) { slider.hidden = true; $$('.date-row button').forEach(function (b) { b.disabled = true; }); dateInput.placeholder = 'no dates'; }
  renderFissures();
  renderFactions();
  renderBrokers();
  renderSources();
  if (data.openAt) setDate(data.openAt); else setDate('');
})();
"""#
}
