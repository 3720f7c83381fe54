// graph.html's own script (KnowledgeGraph, HtmlWriter). No library, no network: it reads the JSON block of the page
// and draws SVG. Text from articles only ever reaches the page through textContent or setAttribute, never as markup.
(function () {
  'use strict';
  var SVG = 'http://www.w3.org/2000/svg';
  var data = JSON.parse(document.getElementById('kg-data').textContent);
  var people = data.people, meetings = data.meetings, visits = data.visits, memberships = data.memberships, places = data.places;
  var palette = ['#1570ef', '#f04438', '#12b76a', '#f79009', '#7a5af8', '#06aed4', '#ee46bc', '#66c61c', '#875bf7', '#dd2590'];

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function svg(tag, attrs) {
    var e = document.createElementNS(SVG, tag);
    for (var k in attrs) if (Object.prototype.hasOwnProperty.call(attrs, k)) e.setAttribute(k, attrs[k]);
    return e;
  }
  function bdi(text) { var b = document.createElement('bdi'); b.textContent = text; return b; }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  // Search keys: case and accents folded (NFD, marks dropped), plus the Latin letters that have no decomposition,
  // typographic apostrophes and dashes unified, as kg's own TextFolding does.
  var letters = { '\u00f8': 'o', '\u00e6': 'ae', '\u0153': 'oe', '\u00df': 'ss', '\u0111': 'd', '\u00f0': 'd', '\u0142': 'l', '\u0131': 'i', '\u00fe': 'th', '\u0127': 'h', '\u2019': "'", '\u2018': "'", '\u02bc': "'", '\u2010': '-', '\u2011': '-', '\u2013': '-', '\u2014': '-' };
  function fold(s) {
    return String(s).normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()
      .replace(/[\u00f8\u00e6\u0153\u00df\u0111\u00f0\u0142\u0131\u00fe\u0127\u2019\u2018\u02bc\u2010\u2011\u2013\u2014]/g, function (c) { return letters[c]; })
      .replace(/\s+/g, ' ').trim();
  }

  // Rank: the most central first (betweenness, then meetings met, then mentions, then name).
  var order = people.map(function (_, i) { return i; });
  order.sort(function (a, b) {
    var p = people[a], q = people[b];
    return (q.b - p.b) || (q.d - p.d) || (q.m - p.m) || (p.n < q.n ? -1 : p.n > q.n ? 1 : 0);
  });
  var rank = new Array(people.length);
  order.forEach(function (p, r) { rank[p] = r; });
  var maxB = people.reduce(function (m, p) { return Math.max(m, p.b); }, 0);
  function radius(i) { return 5 + (maxB > 0 ? 16 * Math.sqrt(people[i].b / maxB) : 0); }

  // One link per pair of people, with its meetings (indexes into meetings).
  var links = new Map(), byPerson = people.map(function () { return []; });
  meetings.forEach(function (m, k) {
    var a = Math.min(m.p1, m.p2), b = Math.max(m.p1, m.p2), key = a + '|' + b;
    if (!links.has(key)) links.set(key, { a: a, b: b, m: [] });
    links.get(key).m.push(k);
    byPerson[m.p1].push(k);
    if (m.p2 !== m.p1) byPerson[m.p2].push(k);
  });
  var visitsOf = people.map(function () { return []; }), membersOf = people.map(function () { return []; });
  visits.forEach(function (v) { visitsOf[v.p].push(v); });
  memberships.forEach(function (m) { membersOf[m.p].push(m); });

  var state = { showAll: false, extra: new Set(), selected: -1, from: '', to: '' };
  var netSvg = document.getElementById('network'), viewport = document.getElementById('viewport');
  var gEdges = document.getElementById('edges'), gNodes = document.getElementById('nodes'), gLabels = document.getElementById('labels');
  var tooltip = document.getElementById('tooltip'), details = document.getElementById('details');
  var nodeEls = new Map(), edgeEls = [], labelEls = new Map();

  function rangeActive() { return !!(state.from || state.to); }
  function inRange(k) {
    if (!rangeActive()) return true;
    var d = meetings[k].d;
    if (!d) return false;
    var mo = d.slice(0, 7);
    return (!state.from || mo >= state.from) && (!state.to || mo <= state.to);
  }
  function drawnSet() {
    var n = state.showAll ? people.length : Math.min(data.top, people.length), s = new Set(order.slice(0, n));
    state.extra.forEach(function (i) { s.add(i); });
    return s;
  }

  // ---- network ----
  var vb = { x: 0, y: 0, w: 100, h: 100 };
  // Nodes and labels keep their size on screen whatever the zoom: radii and fonts are set in screen pixels.
  function applyViewBox() {
    netSvg.setAttribute('viewBox', vb.x + ' ' + vb.y + ' ' + vb.w + ' ' + vb.h);
    var rect = netSvg.getBoundingClientRect(), s = rect.width > 0 ? vb.w / rect.width : 1;
    nodeEls.forEach(function (c, i) { c.setAttribute('r', (radius(i) * s).toFixed(3)); });
    labelEls.forEach(function (t, i) {
      t.setAttribute('x', (people[i].x + (radius(i) + 3) * s).toFixed(3));
      t.setAttribute('y', (people[i].y + 4 * s).toFixed(3));
      t.setAttribute('font-size', (12 * s).toFixed(3));
      t.setAttribute('stroke-width', (3 * s).toFixed(3));
    });
  }
  function fit(ids) {
    var minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    ids.forEach(function (i) { var p = people[i]; minX = Math.min(minX, p.x); minY = Math.min(minY, p.y); maxX = Math.max(maxX, p.x); maxY = Math.max(maxY, p.y); });
    if (!isFinite(minX)) { minX = minY = 0; maxX = maxY = 100; }
    var pad = 40, rect = netSvg.getBoundingClientRect(), aspect = rect.width > 0 && rect.height > 0 ? rect.width / rect.height : 1.6;
    var w = Math.max(maxX - minX, 60) + 2 * pad, h = Math.max(maxY - minY, 60) + 2 * pad;
    if (w / h < aspect) w = h * aspect; else h = w / aspect;
    vb = { x: (minX + maxX) / 2 - w / 2, y: (minY + maxY) / 2 - h / 2, w: w, h: h };
    applyViewBox();
  }

  function renderNetwork(refit) {
    var drawn = drawnSet(), active = rangeActive(), live = new Set();
    clear(gEdges); clear(gNodes); clear(gLabels); nodeEls.clear(); labelEls.clear(); edgeEls = [];
    links.forEach(function (l) {
      if (!drawn.has(l.a) || !drawn.has(l.b)) return;
      var count = l.m.filter(inRange).length;
      if (count === 0) return;
      live.add(l.a); live.add(l.b);
      var a = people[l.a], b = people[l.b];
      var line = svg('line', { x1: a.x, y1: a.y, x2: b.x, y2: b.y, 'class': 'edge', 'stroke-width': (1 + 1.5 * Math.log2(count)).toFixed(2) });
      var t = svg('title', {}); t.textContent = a.n + ' \u2013 ' + b.n + ': ' + count + (count === 1 ? ' meeting' : ' meetings');
      line.appendChild(t);
      line.kg = l;
      gEdges.appendChild(line); edgeEls.push(line);
    });
    var labelled = 0, sorted = Array.from(drawn).sort(function (x, y) { return rank[x] - rank[y]; });
    sorted.forEach(function (i) {
      var p = people[i], r = radius(i);
      var c = svg('circle', { cx: p.x, cy: p.y, r: r.toFixed(2), fill: palette[p.c % palette.length], 'class': 'node', 'data-id': p.id, 'data-name': p.n, tabindex: '0' });
      if (active && !live.has(i) && i !== state.selected) c.classList.add('hidden');
      c.kg = i;
      gNodes.appendChild(c); nodeEls.set(i, c);
      if ((labelled < 30 || r >= 10) && !c.classList.contains('hidden')) {
        labelled++;
        var t = svg('text', { x: p.x + r + 3, y: p.y + 4, 'class': 'label', dir: 'auto' });
        t.textContent = p.n;
        gLabels.appendChild(t); labelEls.set(i, t);
      }
    });
    if (refit) fit(sorted.filter(function (i) { return !nodeEls.get(i).classList.contains('hidden'); }));
    else applyViewBox();
    applyDim();
    var shown = sorted.filter(function (i) { return !nodeEls.get(i).classList.contains('hidden'); }).length;
    document.getElementById('stats').textContent = shown + ' of ' + people.length + ' people drawn, ' + meetings.length + ' meetings' + (active ? ' (dates filtered)' : '');
    var btn = document.getElementById('show-all');
    btn.hidden = people.length <= data.top;
    btn.textContent = state.showAll ? 'Show the top ' + data.top + ' only' : 'Show all ' + people.length + ' people';
  }

  function applyDim() {
    var s = state.selected, near = new Set();
    if (s >= 0) {
      near.add(s);
      edgeEls.forEach(function (e) { if (e.kg.a === s) near.add(e.kg.b); if (e.kg.b === s) near.add(e.kg.a); });
    }
    nodeEls.forEach(function (c, i) {
      c.classList.toggle('dim', s >= 0 && !near.has(i));
      c.classList.toggle('selected', i === s);
    });
    labelEls.forEach(function (t, i) { t.classList.toggle('dim', s >= 0 && !near.has(i)); });
    edgeEls.forEach(function (e) { e.classList.toggle('dim', s >= 0 && e.kg.a !== s && e.kg.b !== s); });
  }

  function meetingItem(k, person) {
    var m = meetings[k], li = el('li', 'meeting');
    var other = person === undefined ? -1 : (m.p1 === person ? m.p2 : m.p1);
    var head = el('div');
    head.appendChild(el('span', 'm-date', m.d || 'undated'));
    head.appendChild(document.createTextNode(' \u00b7 '));
    var who = el('span', 'm-who');
    if (other >= 0) who.appendChild(bdi(people[other].n));
    else { who.appendChild(bdi(people[m.p1].n)); who.appendChild(document.createTextNode(' & ')); who.appendChild(bdi(people[m.p2].n)); }
    head.appendChild(who);
    if (m.pn) { head.appendChild(document.createTextNode(' \u00b7 ')); var pl = el('span', 'm-place'); pl.appendChild(bdi(m.pn)); head.appendChild(pl); }
    li.appendChild(head);
    if (m.w && m.w.length > 2) { var w = el('span', 'meta m-with', 'with ' + m.w.join(', ')); w.dir = 'auto'; li.appendChild(w); }
    if (m.e && m.e.length) { var ev = el('span', 'evidence m-evidence', m.e[0]); ev.dir = 'auto'; li.appendChild(ev); }
    li.appendChild(el('span', 'source m-source', (m.s || []).join('; ')));
    return li;
  }

  function showDetails(i) {
    clear(details);
    if (i < 0) { details.appendChild(el('p', 'empty', 'Click a person, or find one by name.')); return; }
    var p = people[i], h = el('h2'); h.appendChild(bdi(p.n)); details.appendChild(h);
    if (p.r || p.o) { var ro = el('p', 'meta'); ro.dir = 'auto'; ro.textContent = [p.r, p.o].filter(Boolean).join(', '); details.appendChild(ro); }
    if (p.a && p.a.length) { var al = el('p', 'meta', 'Also: ' + p.a.join('; ')); al.dir = 'auto'; details.appendChild(al); }
    var mine = byPerson[i].slice().sort(function (x, y) {
      var a = meetings[x], b = meetings[y], da = a.d || '9999', db = b.d || '9999';
      if (da !== db) return da < db ? -1 : 1;
      var oa = people[a.p1 === i ? a.p2 : a.p1].n, ob = people[b.p1 === i ? b.p2 : b.p1].n;
      return oa < ob ? -1 : oa > ob ? 1 : x - y;
    }).filter(inRange);
    details.appendChild(el('h3', null, 'Meetings (' + mine.length + ')' + (rangeActive() ? ' in the selected dates' : '')));
    var ol = el('ol', 'meetings');
    ol.id = 'person-meetings';
    mine.forEach(function (k) { ol.appendChild(meetingItem(k, i)); });
    details.appendChild(ol);
    details.appendChild(el('h3', null, 'Visits (' + visitsOf[i].length + ')'));
    var vl = el('ul', 'visits');
    visitsOf[i].forEach(function (v) {
      var li = el('li', 'visit'), head = el('div');
      head.appendChild(el('span', 'v-date', v.d || 'undated'));
      head.appendChild(document.createTextNode(' \u00b7 '));
      var pl = el('span', 'v-place'); pl.appendChild(bdi(v.pn)); head.appendChild(pl);
      li.appendChild(head);
      if (v.e && v.e.length) { var ev = el('span', 'evidence', v.e[0]); ev.dir = 'auto'; li.appendChild(ev); }
      li.appendChild(el('span', 'source', (v.s || []).join('; ')));
      vl.appendChild(li);
    });
    details.appendChild(vl);
    details.appendChild(el('h3', null, 'Member of (' + membersOf[i].length + ')'));
    var ml = el('ul', 'memberships');
    membersOf[i].forEach(function (m) {
      var li = el('li', 'membership'), head = el('div');
      head.appendChild(bdi(m.o));
      head.appendChild(el('span', 'meta', ' (' + (m.k === 'Country' ? 'country' : 'organisation') + (m.r ? ', ' + m.r : '') + ')'));
      li.appendChild(head);
      if (m.e && m.e.length) { var ev = el('span', 'evidence', m.e[0]); ev.dir = 'auto'; li.appendChild(ev); }
      li.appendChild(el('span', 'source', (m.s || []).join('; ')));
      ml.appendChild(li);
    });
    details.appendChild(ml);
  }

  function select(i, centre) {
    if (i >= 0 && !nodeEls.has(i)) { state.extra.add(i); renderNetwork(false); }
    state.selected = i;
    if (i >= 0 && nodeEls.get(i)) nodeEls.get(i).classList.remove('hidden');
    applyDim();
    showDetails(i);
    if (centre && i >= 0) { vb.x = people[i].x - vb.w / 2; vb.y = people[i].y - vb.h / 2; applyViewBox(); }
  }

  // Pan (drag) and zoom (wheel), hover and click.
  var drag = null;
  netSvg.addEventListener('pointerdown', function (e) { drag = { x: e.clientX, y: e.clientY, vx: vb.x, vy: vb.y, moved: false }; });
  netSvg.addEventListener('pointermove', function (e) {
    if (drag) {
      var rect = netSvg.getBoundingClientRect(), dx = e.clientX - drag.x, dy = e.clientY - drag.y;
      if (Math.abs(dx) + Math.abs(dy) > 3) { drag.moved = true; netSvg.classList.add('panning'); }
      if (drag.moved) { vb.x = drag.vx - dx * vb.w / rect.width; vb.y = drag.vy - dy * vb.h / rect.height; applyViewBox(); }
    }
    var t = e.target;
    if (t.classList && t.classList.contains('node') && !drag) {
      var p = people[t.kg], panel = document.getElementById('network-panel').getBoundingClientRect();
      tooltip.textContent = '';
      tooltip.appendChild(el('strong')).appendChild(bdi(p.n));
      var line = el('div', null, [p.r, p.o].filter(Boolean).join(', ') || 'no role or organisation known');
      line.dir = 'auto';
      tooltip.appendChild(line);
      tooltip.appendChild(el('div', null, p.d + (p.d === 1 ? ' person met' : ' people met')));
      tooltip.style.left = (e.clientX - panel.left + 12) + 'px';
      tooltip.style.top = (e.clientY - panel.top + 12) + 'px';
      tooltip.hidden = false;
    } else if (!(t.classList && t.classList.contains('node'))) {
      tooltip.hidden = true;
    }
  });
  window.addEventListener('pointerup', function () { setTimeout(function () { drag = null; netSvg.classList.remove('panning'); }, 0); });
  netSvg.addEventListener('click', function (e) {
    if (drag && drag.moved) return;
    var t = e.target;
    select(t.classList && t.classList.contains('node') ? t.kg : -1, false);
  });
  netSvg.addEventListener('keydown', function (e) {
    if ((e.key === 'Enter' || e.key === ' ') && e.target.classList && e.target.classList.contains('node')) { e.preventDefault(); select(e.target.kg, false); }
  });
  netSvg.addEventListener('wheel', function (e) {
    e.preventDefault();
    var rect = netSvg.getBoundingClientRect(), f = e.deltaY < 0 ? 1 / 1.2 : 1.2;
    var px = vb.x + (e.clientX - rect.left) / rect.width * vb.w, py = vb.y + (e.clientY - rect.top) / rect.height * vb.h;
    vb = { x: px - (px - vb.x) * f, y: py - (py - vb.y) * f, w: vb.w * f, h: vb.h * f };
    applyViewBox();
  }, { passive: false });
  document.getElementById('show-all').addEventListener('click', function () { state.showAll = !state.showAll; renderNetwork(true); });

  // ---- search: any alias, accents and case folded ----
  var names = people.map(function (p) { return [p.n].concat(p.a || []).map(function (n) { return { raw: n, f: fold(n) }; }); });
  var search = document.getElementById('search'), results = document.getElementById('search-results');
  function runSearch() {
    clear(results);
    var q = fold(search.value);
    if (!q) return [];
    var hits = [];
    for (var i = 0; i < people.length; i++) {
      var best = null;
      for (var j = 0; j < names[i].length; j++) {
        var at = names[i][j].f.indexOf(q);
        if (at >= 0 && (best === null || at < best.at)) best = { at: at, alias: j === 0 ? null : names[i][j].raw };
      }
      if (best) hits.push({ i: i, at: best.at === 0 ? 0 : 1, alias: best.alias });
    }
    hits.sort(function (a, b) { return (a.at - b.at) || (rank[a.i] - rank[b.i]); });
    hits.slice(0, 12).forEach(function (h) {
      var li = el('li'), b = el('button');
      b.type = 'button';
      b.appendChild(bdi(people[h.i].n));
      if (h.alias) b.appendChild(el('span', 'meta', ' (' + h.alias + ')'));
      b.addEventListener('click', function () { clear(results); search.value = people[h.i].n; select(h.i, true); });
      li.appendChild(b); results.appendChild(li);
    });
    return hits;
  }
  search.addEventListener('input', runSearch);
  search.addEventListener('keydown', function (e) {
    if (e.key === 'Enter') { var hits = runSearch(); if (hits.length) { clear(results); select(hits[0].i, true); } }
    if (e.key === 'Escape') clear(results);
  });

  // ---- timeline ----
  var from = document.getElementById('from'), to = document.getElementById('to'), tl = document.getElementById('timeline');
  var months = [], counts = new Map(), undated = 0;
  meetings.forEach(function (m) { if (m.d) { var mo = m.d.slice(0, 7); counts.set(mo, (counts.get(mo) || 0) + 1); } else undated++; });
  (function () {
    var keys = Array.from(counts.keys()).sort();
    if (!keys.length) return;
    var y = +keys[0].slice(0, 4), mo = +keys[0].slice(5, 7), last = keys[keys.length - 1];
    for (;;) {
      var key = y + '-' + (mo < 10 ? '0' : '') + mo;
      months.push(key);
      if (key >= last || months.length > 1200) break;
      mo++; if (mo > 12) { mo = 1; y++; }
    }
    from.min = to.min = months[0]; from.max = to.max = months[months.length - 1];
  })();
  document.getElementById('undated').textContent = undated ? undated + ' undated meeting' + (undated === 1 ? '' : 's') + ' (not on the timeline)' : '';
  function renderTimeline() {
    clear(tl);
    var w = Math.max(tl.getBoundingClientRect().width, 300), h = 90, max = 1;
    counts.forEach(function (c) { max = Math.max(max, c); });
    tl.setAttribute('viewBox', '0 0 ' + w + ' ' + h);
    var bw = w / Math.max(months.length, 1);
    months.forEach(function (mo, k) {
      var c = counts.get(mo) || 0, bh = c ? 4 + (h - 24) * c / max : 0;
      var r = svg('rect', { x: k * bw + 1, y: h - 14 - bh, width: Math.max(bw - 2, 1), height: bh + 0.001, 'class': 'bar', 'data-month': mo });
      var inSpan = rangeActive() && (!state.from || mo >= state.from) && (!state.to || mo <= state.to);
      if (inSpan) r.classList.add('in');
      var t = svg('title', {}); t.textContent = mo + ': ' + c + (c === 1 ? ' meeting' : ' meetings');
      r.appendChild(t);
      r.addEventListener('click', function (e) {
        if (e.shiftKey && state.from) setRange(mo < state.from ? mo : state.from, mo < state.from ? state.to || state.from : mo);
        else setRange(mo, mo);
      });
      tl.appendChild(r);
      // Every month labelled when there is room, else the first and each January.
      if (bw >= 44 || k === 0 || (mo.slice(5) === '01' && bw * 12 > 30)) {
        var a = svg('text', { x: k * bw + 1, y: h - 2, 'class': 'axis' });
        a.textContent = bw >= 44 || k === 0 ? mo : mo.slice(0, 4);
        tl.appendChild(a);
      }
    });
    var list = document.getElementById('span-meetings');
    clear(list);
    if (rangeActive()) {
      var inside = meetings.map(function (_, k) { return k; }).filter(inRange);
      inside.slice(0, 300).forEach(function (k) { list.appendChild(meetingItem(k)); });
      if (inside.length > 300) list.appendChild(el('li', 'meta', (inside.length - 300) + ' more in these dates'));
      if (!inside.length) list.appendChild(el('li', 'meta', 'No dated meeting in these dates.'));
    }
  }
  function setRange(f, t) {
    state.from = f || ''; state.to = t || '';
    from.value = state.from; to.value = state.to;
    renderTimeline(); renderNetwork(true); showDetails(state.selected);
  }
  from.addEventListener('change', function () { setRange(from.value, to.value || from.value); });
  to.addEventListener('change', function () { setRange(from.value || to.value, to.value); });
  document.getElementById('clear-range').addEventListener('click', function () { setRange('', ''); });

  // ---- map: places with latitude/longitude, sized by meetings and visits there ----
  function renderMap() {
    var map = document.getElementById('map'), tally = places.map(function () { return { m: 0, v: 0 }; });
    meetings.forEach(function (m) { if (m.pl >= 0) tally[m.pl].m++; });
    visits.forEach(function (v) { if (v.pl >= 0) tally[v.pl].v++; });
    var shown = places.map(function (p, i) { return i; }).filter(function (i) {
      var p = places[i];
      return typeof p.lat === 'number' && typeof p.lon === 'number' && tally[i].m + tally[i].v > 0;
    });
    var minX = 180, maxX = -180, minY = 90, maxY = -90;
    shown.forEach(function (i) { minX = Math.min(minX, places[i].lon); maxX = Math.max(maxX, places[i].lon); minY = Math.min(minY, places[i].lat); maxY = Math.max(maxY, places[i].lat); });
    if (!shown.length) { minX = -180; maxX = 180; minY = -60; maxY = 80; }
    var padX = Math.max(10, (maxX - minX) * 0.15), padY = Math.max(8, (maxY - minY) * 0.15);
    var x0 = Math.max(-180, minX - padX), x1 = Math.min(180, maxX + padX), y0 = Math.max(-90, minY - padY), y1 = Math.min(90, maxY + padY);
    var rect = map.getBoundingClientRect(), aspect = rect.width > 0 && rect.height > 0 ? rect.width / rect.height : 2;
    var w = x1 - x0, h = y1 - y0;
    if (w / h < aspect) { var nw = h * aspect; x0 -= (nw - w) / 2; w = nw; } else { var nh = w / aspect; y0 -= (nh - h) / 2; h = nh; }
    map.setAttribute('viewBox', x0 + ' ' + (-(y0 + h)) + ' ' + w + ' ' + h);
    var k = rect.width > 0 ? w / rect.width : w / 600; // degrees per screen pixel
    for (var lon = -180; lon <= 180; lon += 30) map.appendChild(svg('line', { x1: lon, y1: -90, x2: lon, y2: 90, 'class': 'grid' }));
    for (var lat = -90; lat <= 90; lat += 30) map.appendChild(svg('line', { x1: -180, y1: -lat, x2: 180, y2: -lat, 'class': 'grid' }));
    var byCount = shown.slice().sort(function (a, b) { return (tally[b].m + tally[b].v) - (tally[a].m + tally[a].v); });
    byCount.forEach(function (i, r) {
      var p = places[i], t = tally[i], c = svg('circle', { cx: p.lon, cy: -p.lat, r: (4 + 3 * Math.sqrt(t.m + t.v)) * k, 'class': 'place', 'data-place': p.n });
      var title = svg('title', {});
      title.textContent = p.n + ': ' + t.m + (t.m === 1 ? ' meeting, ' : ' meetings, ') + t.v + (t.v === 1 ? ' visit' : ' visits');
      c.appendChild(title);
      map.appendChild(c);
      if (r < 20) {
        var label = svg('text', { x: p.lon + (6 + 3 * Math.sqrt(t.m + t.v)) * k, y: -p.lat + 4 * k, 'class': 'place-label', 'font-size': 11 * k, dir: 'auto' });
        label.textContent = p.n;
        map.appendChild(label);
      }
    });
  }

  renderNetwork(true);
  renderTimeline();
  renderMap();
  document.body.setAttribute('data-ready', '1');
})();
