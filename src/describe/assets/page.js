// The describe page's behaviour: select a node or a link to show its details, pan and zoom each
// graph, switch the colour scheme. It reads nothing from outside the page and builds no markup
// from data: every detail view is already in the document, escaped, and only gets shown.
(function () {
  'use strict';
  var root = document.documentElement;

  // Colour scheme: follow the system, or force light or dark.
  var themes = ['auto', 'light', 'dark'];
  var theme = 0;
  var themeButton = document.getElementById('theme');
  if (themeButton) {
    themeButton.addEventListener('click', function () {
      theme = (theme + 1) % themes.length;
      if (themes[theme] === 'auto') root.removeAttribute('data-theme');
      else root.setAttribute('data-theme', themes[theme]);
      themeButton.textContent = 'theme: ' + themes[theme];
    });
  }

  var views = [];  // one per graph canvas: {canvas, svg, full, view, apply, show}

  function viewOf(el) {
    for (var i = 0; i < views.length; i++) if (views[i].canvas.contains(el)) return views[i];
    return null;
  }

  // Shows detail `id` in its panel, marks its node(s) and brings them into view.
  function select(id, fromGraph) {
    var target = document.getElementById(id);
    if (!target || !target.classList.contains('detail')) return false;
    var panel = target.parentElement;
    var shown = panel.querySelectorAll('.detail.shown');
    for (var i = 0; i < shown.length; i++) shown[i].classList.remove('shown');
    target.classList.add('shown');
    panel.scrollTop = 0;
    var hint = panel.querySelector('.hint');
    if (hint) hint.hidden = true;
    var explorer = panel.parentElement;
    var marked = explorer.querySelectorAll('.node.selected');
    for (var j = 0; j < marked.length; j++) marked[j].classList.remove('selected');
    var nodes = explorer.querySelectorAll('.node[data-detail]');
    for (var k = 0; k < nodes.length; k++) {
      if (nodes[k].getAttribute('data-detail') !== id) continue;
      nodes[k].classList.add('selected');
      var v = viewOf(nodes[k]);
      if (v && !fromGraph) v.show(nodes[k]);
      highlight(explorer, nodes[k]);
    }
    if (!fromGraph) explorer.scrollIntoView({block: 'nearest'});
    return true;
  }

  // Emphasises the edges of the selected node and dims the rest.
  function highlight(explorer, node) {
    var id = node.id.replace(/^.*-/, '');
    var edges = explorer.querySelectorAll('.edge');
    for (var i = 0; i < edges.length; i++) {
      var touches = edges[i].getAttribute('data-from') === id || edges[i].getAttribute('data-to') === id;
      edges[i].classList.toggle('lit', touches);
      edges[i].classList.toggle('dim', !touches);
    }
  }

  var dragged = false;
  document.addEventListener('click', function (e) {
    var t = e.target.closest ? e.target.closest('[data-detail]') : null;
    if (!t) return;
    if (dragged) { dragged = false; e.preventDefault(); return; }
    if (select(t.getAttribute('data-detail'), !!t.closest('svg'))) e.preventDefault();
  });
  document.addEventListener('keydown', function (e) {
    if (e.key !== 'Enter' && e.key !== ' ') return;
    var t = e.target;
    if (!t || !t.classList || !t.classList.contains('node') || !t.hasAttribute('data-detail')) return;
    e.preventDefault();
    select(t.getAttribute('data-detail'), true);
  });

  // Pan and zoom: each graph keeps its own viewBox.
  var canvases = document.querySelectorAll('.canvas');
  for (var c = 0; c < canvases.length; c++) setUp(canvases[c]);

  function setUp(canvas) {
    var svg = canvas.querySelector('svg.graph');
    if (!svg) return;
    var base = svg.viewBox.baseVal;
    var full = {x: 0, y: 0, w: base.width, h: base.height};
    var state = {canvas: canvas, svg: svg, full: full, view: {x: 0, y: 0, w: full.w, h: full.h}};
    views.push(state);

    state.apply = function () {
      var v = state.view;
      svg.setAttribute('viewBox', v.x.toFixed(1) + ' ' + v.y.toFixed(1) + ' ' + v.w.toFixed(1) + ' ' + v.h.toFixed(1));
    };
    // SVG units per screen pixel (the viewBox is fitted with "meet").
    function unit() {
      var r = canvas.getBoundingClientRect();
      return Math.max(state.view.w / Math.max(r.width, 1), state.view.h / Math.max(r.height, 1));
    }
    function zoom(factor, cx, cy) {
      var v = state.view;
      var w = Math.min(Math.max(v.w * factor, 40), full.w * 4);
      var f = w / v.w;
      state.view = {x: cx - (cx - v.x) * f, y: cy - (cy - v.y) * f, w: v.w * f, h: v.h * f};
      state.apply();
    }
    function centre() { return {x: state.view.x + state.view.w / 2, y: state.view.y + state.view.h / 2}; }
    // Fits the whole graph, but never smaller than kReadable of its natural size: a large graph
    // starts readable (at its start: the left of a left-to-right graph, the top middle of a
    // top-down one) instead of as a thumbnail.
    var kReadable = 0.7;
    var topDown = svg.getAttribute('data-flow') === 'tb';
    function fit() {
      var r = canvas.getBoundingClientRect();
      var scale = Math.min(r.width / full.w, r.height / full.h, 1.5);
      if (scale >= kReadable) {
        state.view = {x: 0, y: 0, w: full.w, h: full.h};
      } else {
        var w = r.width / kReadable, h = r.height / kReadable;
        state.view = {x: topDown ? Math.max(0, (full.w - w) / 2) : 0, y: 0, w: w, h: h};
      }
      state.apply();
    }
    state.fit = fit;
    state.show = function (node) {
      var b = node.getBBox();
      var v = state.view;
      if (b.x >= v.x && b.y >= v.y && b.x + b.width <= v.x + v.w && b.y + b.height <= v.y + v.h) return;
      state.view = {x: b.x + b.width / 2 - v.w / 2, y: b.y + b.height / 2 - v.h / 2, w: v.w, h: v.h};
      state.apply();
    };

    // A small graph gets a canvas only as tall as it needs.
    var width = canvas.getBoundingClientRect().width;
    var natural = full.h * Math.max(Math.min(1, width / full.w), kReadable) + 24;
    canvas.style.height = Math.max(160, Math.min(natural, window.innerHeight * 0.72)) + 'px';
    fit();

    canvas.addEventListener('wheel', function (e) {
      e.preventDefault();
      var r = canvas.getBoundingClientRect();
      var u = unit();
      // the point under the cursor stays put (viewBox centred by "meet")
      var offX = (r.width * u - state.view.w) / 2, offY = (r.height * u - state.view.h) / 2;
      var px = state.view.x - offX + (e.clientX - r.left) * u;
      var py = state.view.y - offY + (e.clientY - r.top) * u;
      zoom(e.deltaY > 0 ? 1.15 : 1 / 1.15, px, py);
    }, {passive: false});

    var start = null;
    canvas.addEventListener('pointerdown', function (e) {
      if (e.button !== 0 || e.target.closest('.tools')) return;
      start = {x: e.clientX, y: e.clientY, view: state.view, unit: unit(), moved: false};
    });
    canvas.addEventListener('pointermove', function (e) {
      if (!start) return;
      var dx = e.clientX - start.x, dy = e.clientY - start.y;
      if (!start.moved && Math.abs(dx) + Math.abs(dy) < 5) return;
      if (!start.moved) { start.moved = true; canvas.classList.add('dragging'); canvas.setPointerCapture(e.pointerId); }
      state.view = {x: start.view.x - dx * start.unit, y: start.view.y - dy * start.unit, w: start.view.w, h: start.view.h};
      state.apply();
    });
    function end() {
      if (start && start.moved) dragged = true;
      start = null;
      canvas.classList.remove('dragging');
      setTimeout(function () { dragged = false; }, 0);
    }
    canvas.addEventListener('pointerup', end);
    canvas.addEventListener('pointercancel', end);

    var buttons = canvas.querySelectorAll('[data-zoom]');
    for (var b = 0; b < buttons.length; b++) {
      buttons[b].addEventListener('click', function (e) {
        var what = e.currentTarget.getAttribute('data-zoom');
        var m = centre();
        if (what === 'in') zoom(1 / 1.3, m.x, m.y);
        else if (what === 'out') zoom(1.3, m.x, m.y);
        else { state.view = {x: 0, y: 0, w: full.w, h: full.h}; state.apply(); }  // the whole graph
      });
    }
  }

  // Paper shows whole graphs.
  window.addEventListener('beforeprint', function () {
    for (var i = 0; i < views.length; i++) {
      views[i].view = {x: 0, y: 0, w: views[i].full.w, h: views[i].full.h};
      views[i].apply();
    }
  });

  // A link to a detail (#d-r3) opens it.
  if (location.hash.length > 1) select(location.hash.slice(1), false);
})();
