// covplan serve: the map page. Talks only to this server (/api/...), draws the city's own
// streets, buildings and precincts as the base map (no tile server), and edits the plan.
(function () {
  'use strict';
  var token = new URLSearchParams(location.search).get('token');
  var state = { summary: null, mode: 'select', selected: null, level: '', cameras: {}, posts: {}, busy: false, proposals: [],
    precincts: {}, block: null, lastMove: null };
  window.covplan = state;
  // Every text shown comes from the server's language catalogue (index.html's #strings block).
  var S = JSON.parse(document.getElementById('strings').textContent);
  // Kazakh figures are written as in Russian (34 445,5): browsers whose ICU data lack Kazakh
  // number symbols (Chromium's reduced set) would print kk-KZ as 34,445.5.
  var locale = { en: ['en-US'], ru: ['ru-RU'], kk: ['ru-RU'] }[S.lang] || ['en-US'];
  function t(key) {
    var text = S.strings[key] || key;
    for (var i = arguments.length - 1; i > 0; i--) { text = text.split('{' + (i - 1) + '}').join(String(arguments[i])); }
    return text;
  }

  function api(method, path, body) {
    var opts = { method: method, headers: {} };
    if (token) { opts.headers['Authorization'] = 'Bearer ' + token; }
    if (body !== undefined) { opts.body = JSON.stringify(body); opts.headers['Content-Type'] = 'application/json'; }
    return fetch(path, opts).then(function (r) {
      return r.json().catch(function () { return { error: t('serve.http_error', r.status) }; }).then(function (data) {
        if (!r.ok) { throw new Error(data.error || t('serve.http_error', r.status)); }
        return data;
      });
    });
  }

  function status(text, isError) {
    var el = document.getElementById('status');
    el.textContent = text;
    el.className = isError ? 'error' : '';
  }

  var map = L.map('map', { preferCanvas: true, attributionControl: false, zoomSnap: 0.25, zoomControl: false });
  L.control.zoom({ zoomInTitle: t('serve.zoom.in'), zoomOutTitle: t('serve.zoom.out') }).addTo(map);
  var panes = ['precinctsPane', 'basePane', 'blockPane', 'isoPane', 'viewPane', 'covPane', 'pointPane', 'proposalPane'];
  panes.forEach(function (p, i) { map.createPane(p).style.zIndex = 300 + i * 10; });
  var layers = {};

  var styles = {
    streets: function () { return { color: '#9a9a9a', weight: 1, pane: 'basePane' }; },
    buildings: function () { return { color: '#8c8c8c', weight: 0.5, fillColor: '#cfcac2', fillOpacity: 0.8, pane: 'basePane' }; },
    districts: function () { return { color: '#555', weight: 1.5, dashArray: '4 3', fill: false, pane: 'basePane' }; },
    precincts: function (f) {
      var r = f.properties.load_ratio;
      var c = r == null ? '#bbb' : r > 1 ? '#d73027' : r > 0.9 ? '#fc8d59' : r > 0.75 ? '#fee08b' : '#91cf60';
      return { color: '#666', weight: 1, fillColor: c, fillOpacity: 0.25, pane: 'precinctsPane' };
    },
    isochrones: function (f) {
      var m = f.properties.minutes;
      return { color: '#2166ac', weight: 0.5, fillColor: '#4393c3', fillOpacity: m <= 3 ? 0.12 : m <= 5 ? 0.08 : 0.05, pane: 'isoPane' };
    },
    viewsheds: function () { return { color: '#e08214', weight: 0.5, fillColor: '#fdb863', fillOpacity: 0.35, pane: 'viewPane' }; },
    coverage: function () { return { color: '#1a9850', weight: 3, pane: 'covPane' }; },
    gaps: function () { return { color: '#d73027', weight: 1.5, opacity: 0.55, pane: 'covPane' }; }
  };

  function pointLayer(name, geojson) {
    return L.geoJSON(geojson, {
      pointToLayer: function (f, latlng) {
        var isCam = name === 'cameras';
        var id = isCam ? f.properties.camera_id : f.properties.id;
        var sel = state.selected && state.selected.kind === (isCam ? 'camera' : 'post') && state.selected.id === id;
        var m = L.circleMarker(latlng, {
          pane: 'pointPane', radius: isCam ? (sel ? 7 : 4) : (sel ? 9 : 7), weight: sel ? 3 : 1,
          color: sel ? '#000' : (isCam ? '#7f3b08' : '#08306b'), fillColor: isCam ? '#e08214' : '#2171b5', fillOpacity: 1
        });
        m.bindTooltip(isCam ? t('serve.tip.camera', id, f.properties.type, Math.round(f.properties.heading_deg)) : t('serve.tip.post', id));
        m.on('click', function (e) {
          L.DomEvent.stopPropagation(e);
          if (state.mode === 'select' || state.mode === 'move') { select(isCam ? 'camera' : 'post', id); }
        });
        return m;
      }
    });
  }

  function loadLayer(name) {
    var q = (name === 'coverage' || name === 'gaps') && state.level ? '?level=' + encodeURIComponent(state.level) : '';
    return api('GET', '/api/layers/' + name + q).then(function (gj) {
      if (layers[name]) { map.removeLayer(layers[name]); }
      if (name === 'cameras' || name === 'posts') {
        var index = {};
        gj.features.forEach(function (f) { index[name === 'cameras' ? f.properties.camera_id : f.properties.id] = f; });
        state[name] = index;
        layers[name] = pointLayer(name, gj);
      } else {
        if (name === 'precincts') {
          state.precincts = {};
          gj.features.forEach(function (f) { state.precincts[f.properties.id] = f.properties; });
        }
        layers[name] = L.geoJSON(gj, { style: styles[name], interactive: false });
      }
      layers[name].addTo(map);
      return gj;
    });
  }

  function fmt(v, digits) {
    if (v == null) { return '—'; }
    return Number(v).toLocaleString(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits });
  }

  // One figure row: label, value in the plan, difference from the baseline (better: +1 when
  // more is better, -1 when less is better, 0 neither).
  function row(tbody, label, plan, base, digits, better, id, raw) {
    var tr = document.createElement('tr');
    var d = plan != null && base != null ? plan - base : null;
    var cls = d == null || Math.abs(d) < 1e-9 || better === 0 ? '' : ((d > 0) === (better > 0) ? 'better' : 'worse');
    tr.innerHTML = '<td></td><td></td><td class="' + cls + '"></td>';
    tr.children[0].textContent = label;
    tr.children[1].textContent = fmt(plan, digits);
    if (id) { tr.children[1].id = id; tr.children[1].setAttribute('data-value', String(raw)); }
    tr.children[2].textContent = d == null ? '' : (d > 0 ? '+' : d < 0 ? '−' : '±') + fmt(Math.abs(d), digits);
    tbody.appendChild(tr);
  }

  function section(tbody, label) {
    var tr = document.createElement('tr');
    tr.className = 'section';
    tr.innerHTML = '<td colspan="3"></td>';
    tr.children[0].textContent = label;
    tbody.appendChild(tr);
  }

  function renderFigures(s) {
    var f = s.figures, b = s.baseline, tb = document.getElementById('figures-body');
    tb.innerHTML = '';
    var c = f.coverage, bc = b.coverage;
    section(tb, c.covered_level ? t('serve.fig.coverage_level', t('val.' + c.covered_level)) : t('serve.fig.coverage'));
    row(tb, t('serve.fig.km_seen'), c.covered_length_m / 1000, bc.covered_length_m / 1000, 3, 1, 'covered-km', c.covered_length_m);
    row(tb, t('serve.fig.share'), 100 * c.covered_fraction, 100 * bc.covered_fraction, 2, 1, 'covered-share', c.covered_fraction);
    if (c.by_level_m) {
      ['detect', 'observe', 'recognize', 'identify'].forEach(function (l) {
        row(tb, t('serve.fig.level_km', t('val.' + l)), c.by_level_m[l] / 1000, bc.by_level_m ? bc.by_level_m[l] / 1000 : null, 3, 1, 'level-' + l + '-km', c.by_level_m[l]);
        row(tb, t('serve.fig.level_share', t('val.' + l)), 100 * c.by_level_fraction[l], bc.by_level_fraction ? 100 * bc.by_level_fraction[l] : null, 2, 1);
      });
    }
    row(tb, t('serve.fig.gaps'), c.gaps_count, bc.gaps_count, 0, -1, 'gaps-count', c.gaps_count);
    row(tb, t('serve.fig.gap_km'), c.gaps_length_m / 1000, bc.gaps_length_m / 1000, 3, -1);
    if (c.schools != null) { row(tb, t('serve.fig.schools', c.schools), c.schools_seen, bc.schools_seen, 0, 1); }
    row(tb, t('serve.fig.cameras'), c.cameras, bc.cameras, 0, 0, 'camera-count', c.cameras);
    if (f.reach) {
      section(tb, t('serve.fig.reach', f.reach.posts));
      f.reach.thresholds.forEach(function (th, i) {
        var bt = b.reach && b.reach.thresholds[i];
        row(tb, t('serve.fig.residents_within', fmt(th.minutes, 0)), th.residents, bt ? bt.residents : null, 0, 1, 'residents-' + th.minutes, th.residents);
        row(tb, t('serve.fig.residents_share'), 100 * th.residents_fraction, bt ? 100 * bt.residents_fraction : null, 1, 1);
      });
    }
    if (f.load) {
      section(tb, t('serve.fig.load', fmt(f.load.norm, 0)));
      row(tb, t('serve.fig.over_norm', f.load.precincts), f.load.over_norm, b.load.over_norm, 0, -1, 'over-norm', f.load.over_norm);
      row(tb, t('serve.fig.deficit'), f.load.deficit, b.load.deficit, 0, -1);
    }
    section(tb, t('serve.fig.cost'));
    row(tb, t('serve.fig.cost_cameras'), f.cost.cameras_tenge, b.cost.cameras_tenge, 0, 0, 'cost-cameras', f.cost.cameras_tenge);
    if (f.cost.posts_tenge != null) { row(tb, t('serve.fig.cost_posts'), f.cost.posts_tenge, b.cost.posts_tenge, 0, 0, 'cost-posts', f.cost.posts_tenge); }
    row(tb, t('serve.fig.cost_total'), f.cost.total_tenge, b.cost.total_tenge, 0, 0, 'cost-total', f.cost.total_tenge);
    document.body.setAttribute('data-cameras', String(s.cameras));
    document.body.setAttribute('data-posts', String(s.posts));
    document.body.setAttribute('data-revision', String(s.revision));
  }

  function select(kind, id) {
    state.selected = id == null ? null : { kind: kind, id: id };
    var ed = document.getElementById('editor');
    ed.hidden = !state.selected;
    if (state.selected) {
      var title = document.getElementById('edit-title');
      title.textContent = t(kind === 'camera' ? 'serve.camera' : 'serve.post', id);
      title.setAttribute('data-id', id);
      title.setAttribute('data-kind', kind);
      document.getElementById('camera-fields').hidden = kind !== 'camera';
      var f = kind === 'camera' ? state.cameras[id] : null;
      if (f) {
        document.getElementById('cam-type').value = f.properties.type;
        document.getElementById('cam-heading').value = Math.round(f.properties.heading_deg);
        document.getElementById('cam-fov').value = f.properties.fov_deg;
        document.getElementById('cam-range').value = f.properties.range_m;
      }
    }
    ['cameras', 'posts'].forEach(function (n) { if (layers[n]) { layers[n].setStyle && redrawPoints(n); } });
  }

  function redrawPoints(name) {
    var index = state[name];
    var gj = { type: 'FeatureCollection', features: Object.keys(index).map(function (k) { return index[k]; }) };
    if (layers[name]) { map.removeLayer(layers[name]); }
    layers[name] = pointLayer(name, gj).addTo(map);
  }

  // After an edit: the figures, then the layers the edit changed.
  function applied(s, kind, verb) {
    state.summary = s;
    renderFigures(s);
    status(t('serve.done.' + kind + '.' + verb, s.id || '', fmt(s.server_ms, 1)));
    var names = kind === 'camera' ? ['viewsheds', 'coverage', 'gaps', 'cameras'] : ['isochrones', 'posts'];
    return Promise.all(names.map(loadLayer)).then(function () { return s; });
  }

  function edit(method, path, body, kind, verb) {
    if (state.busy) { return Promise.resolve(); }
    state.busy = true;
    document.body.setAttribute('data-busy', '1');
    return api(method, path, body).then(function (s) {
      return applied(s, kind, verb).then(function () {
        if (method === 'DELETE') { select(null, null); } else if (s.id) { select(kind, s.id); }
      });
    }).catch(function (e) { status(e.message, true); }).then(function () {
      state.busy = false;
      document.body.setAttribute('data-busy', '0');
    });
  }

  function idPath(kind, id) { return '/api/' + (kind === 'camera' ? 'cameras' : 'posts') + '/' + encodeURIComponent(id); }

  function setMode(m) {
    state.mode = m;
    document.querySelectorAll('button.mode').forEach(function (b) { b.classList.toggle('active', b.getAttribute('data-mode') === m); });
    map.getContainer().style.cursor = m === 'select' ? '' : 'crosshair';
    if (m !== 'block') { showBlock(null); }
  }

  map.on('click', function (e) {
    var coords = [e.latlng.lng, e.latlng.lat];
    if (state.mode === 'block') {
      pickBlock(coords);
    } else if (state.mode === 'camera') {
      edit('POST', '/api/cameras', { type: 'Feature', geometry: { type: 'Point', coordinates: coords },
        properties: { type: state.summary.default_camera_type, heading_deg: 0 } }, 'camera', 'added');
    } else if (state.mode === 'post') {
      edit('POST', '/api/posts', { type: 'Feature', geometry: { type: 'Point', coordinates: coords }, properties: {} }, 'post', 'added');
    } else if (state.mode === 'move' && state.selected) {
      edit('PATCH', idPath(state.selected.kind, state.selected.id), { type: 'Feature', geometry: { type: 'Point', coordinates: coords } },
        state.selected.kind, 'moved');
    }
  });

  function patchCamera(props, verb) {
    if (!state.selected || state.selected.kind !== 'camera') { return Promise.resolve(); }
    return edit('PATCH', idPath('camera', state.selected.id), { properties: props }, 'camera', verb);
  }

  function rotate(step) {
    var f = state.selected && state.cameras[state.selected.id];
    if (!f) { return; }
    var h = ((Math.round(f.properties.heading_deg) + step) % 360 + 360) % 360;
    patchCamera({ heading_deg: h }, 'rotated');
  }

  function num(id) { var v = document.getElementById(id).value; return v === '' ? null : Number(v); }

  document.querySelectorAll('button.mode').forEach(function (b) {
    b.addEventListener('click', function () { setMode(b.getAttribute('data-mode')); });
  });
  document.getElementById('rotate-left').addEventListener('click', function () { rotate(-15); });
  document.getElementById('rotate-right').addEventListener('click', function () { rotate(15); });
  document.getElementById('cam-apply').addEventListener('click', function () {
    var h = num('cam-heading');
    patchCamera({ type: document.getElementById('cam-type').value, heading_deg: h == null ? null : ((h % 360) + 360) % 360,
      fov_deg: num('cam-fov'), range_m: num('cam-range') }, 'changed');
  });
  document.getElementById('delete-selected').addEventListener('click', function () {
    if (state.selected) { edit('DELETE', idPath(state.selected.kind, state.selected.id), undefined, state.selected.kind, 'deleted'); }
  });
  document.getElementById('level').addEventListener('change', function (e) {
    state.level = e.target.value;
    Promise.all(['coverage', 'gaps'].map(loadLayer)).catch(function (err) { status(err.message, true); });
  });
  document.getElementById('export').addEventListener('click', function () {
    api('POST', '/api/plan/export', { name: 'plan-r' + state.summary.revision + '-' + Date.now() }).then(function (r) {
      status(t('serve.exported', r.folder));
    }).catch(function (e) { status(e.message, true); });
  });

  // Street blocks: click one (mode "Block") to see its precinct, pick the precinct it should
  // join and move it; the figures, the precinct colours and the two precincts' loads (before →
  // after) follow. "Undo" moves the block back (a second move, which the export keeps too, so
  // `covplan run` on it still gives the same figures).
  var blockLayer = L.layerGroup().addTo(map);

  function showBlock(b) {
    state.block = b;
    blockLayer.clearLayers();
    var ed = document.getElementById('block-editor');
    ed.hidden = !b;
    if (!b) { return; }
    L.geoJSON(b.geometry, { pane: 'blockPane', interactive: false, style: { color: '#542788', weight: 2.5, fillColor: '#b2abd2', fillOpacity: 0.45 } })
      .addTo(blockLayer);
    var title = document.getElementById('block-title');
    title.textContent = t('serve.block.title', b.block, b.precinct);
    title.setAttribute('data-block', String(b.block));
    title.setAttribute('data-precinct', b.precinct);
    var sel = document.getElementById('block-target');
    var keep = sel.value;
    sel.innerHTML = '';
    Object.keys(state.precincts).sort().forEach(function (id) {
      if (id === b.precinct) { return; }
      var o = document.createElement('option');
      o.value = id;
      o.textContent = id;
      sel.appendChild(o);
    });
    if (keep && keep !== b.precinct && state.precincts[keep]) { sel.value = keep; }
    document.getElementById('block-move').disabled = sel.options.length === 0;
  }

  function pickBlock(coords) {
    if (state.busy) { return; }
    api('GET', '/api/precincts/block?lon=' + encodeURIComponent(coords[0]) + '&lat=' + encodeURIComponent(coords[1])).then(function (b) {
      b.coordinates = coords;
      showBlock(b);
      document.body.setAttribute('data-block', String(b.block));
    }).catch(function (e) { showBlock(null); status(e.message, true); });
  }

  function loadRow(tbody, id, before, after) {
    var tr = document.createElement('tr');
    tr.innerHTML = '<td></td><td></td><td></td>';
    tr.children[0].textContent = id;
    tr.children[1].textContent = fmt(before, 0);
    tr.children[2].textContent = fmt(after, 0);
    tr.children[2].id = 'block-load-' + id;
    tr.children[2].setAttribute('data-value', String(after));
    var ratio = state.precincts[id] && state.precincts[id].load_ratio;
    tr.children[2].className = ratio == null ? '' : ratio > 1 ? 'worse' : 'better';
    tbody.appendChild(tr);
  }

  function moveBlock(coords, target, undo) {
    if (state.busy) { return Promise.resolve(); }
    state.busy = true;
    document.body.setAttribute('data-busy', '1');
    var before = {};
    Object.keys(state.precincts).forEach(function (id) { before[id] = state.precincts[id].residents_per_inspector; });
    return api('POST', '/api/precincts/move', { type: 'Feature', geometry: { type: 'Point', coordinates: coords }, properties: { precinct: target } })
      .then(function (s) {
        state.summary = s;
        renderFigures(s);
        var m = s.moved;
        status(undo ? t('serve.done.block.undone', m.block, m.to, fmt(s.server_ms, 1))
          : t('serve.done.block.moved', m.block, m.from, m.to, fmt(s.server_ms, 1)));
        state.lastMove = undo ? null : { coordinates: coords, block: m.block, from: m.from, to: m.to };
        document.getElementById('block-undo').hidden = !state.lastMove;
        return loadLayer('precincts').then(function () {
          var after = {};
          (s.precincts || []).forEach(function (p) { after[p.id] = p.residents_per_inspector; });
          var tb = document.getElementById('block-loads-body');
          tb.innerHTML = '';
          [m.from, m.to].forEach(function (id) { loadRow(tb, id, before[id], after[id]); });
          document.getElementById('block-loads').hidden = false;
          if (state.block && state.block.block === m.block) {
            state.block.precinct = m.to;
            showBlock(state.block);
          }
        });
      }).catch(function (e) { status(e.message, true); }).then(function () {
        state.busy = false;
        document.body.setAttribute('data-busy', '0');
      });
  }

  document.getElementById('block-move').addEventListener('click', function () {
    var target = document.getElementById('block-target').value;
    if (state.block && target) { moveBlock(state.block.coordinates, target, false); }
  });
  document.getElementById('block-undo').addEventListener('click', function () {
    var m = state.lastMove;
    if (m) { moveBlock(m.coordinates, m.from, true); }
  });

  // Suggest: the scenario's placement for N more cameras/posts (or a camera budget), drawn as
  // proposals, each accepted (an ordinary add) or dismissed one by one.
  var proposalLayer = L.layerGroup().addTo(map);

  function drawProposals() {
    proposalLayer.clearLayers();
    var list = document.getElementById('proposals');
    list.innerHTML = '';
    state.proposals.forEach(function (p) {
      var ll = L.latLng(p.coordinates[1], p.coordinates[0]);
      L.circleMarker(ll, { pane: 'proposalPane', radius: 9, weight: 2, dashArray: '3 3', color: '#762a83', fillColor: '#c2a5cf', fillOpacity: 0.6 })
        .bindTooltip(String(p.rank), { permanent: true, direction: 'center', className: 'proposal-label' })
        .addTo(proposalLayer);
      var li = document.createElement('li');
      li.id = 'proposal-' + p.rank;
      var text = document.createElement('span');
      var cost = p.cost_tenge == null ? t('serve.suggest.no_cost') : fmt(p.cost_tenge, 0) + ' ₸';
      text.textContent = p.kind === 'cameras' ? t('serve.suggest.camera', p.rank, p.properties.type, cost, fmt(p.marginal_m, 1))
        : t('serve.suggest.post', p.rank, cost);
      var accept = document.createElement('button');
      accept.id = 'accept-' + p.rank;
      accept.textContent = t('serve.suggest.accept');
      accept.addEventListener('click', function () { acceptProposal(p); });
      var dismiss = document.createElement('button');
      dismiss.id = 'dismiss-' + p.rank;
      dismiss.textContent = t('serve.suggest.dismiss');
      dismiss.addEventListener('click', function () { removeProposal(p); });
      li.appendChild(text);
      li.appendChild(accept);
      li.appendChild(dismiss);
      list.appendChild(li);
    });
    document.body.setAttribute('data-proposals', String(state.proposals.length));
  }

  function removeProposal(p) {
    state.proposals = state.proposals.filter(function (q) { return q !== p; });
    drawProposals();
  }

  function acceptProposal(p) {
    var kind = p.kind === 'cameras' ? 'camera' : 'post';
    var before = state.summary.revision;
    edit('POST', '/api/' + p.kind, { type: 'Feature', geometry: { type: 'Point', coordinates: p.coordinates }, properties: p.properties },
      kind, 'added').then(function () {
      if (state.summary.revision !== before) { removeProposal(p); }
    });
  }

  document.getElementById('suggest-run').addEventListener('click', function () {
    if (state.busy) { return; }
    var kind = document.getElementById('suggest-kind').value;
    var budget = num('suggest-budget'), count = num('suggest-count');
    var body = kind === 'cameras' && budget != null ? { kind: kind, budget_tenge: budget } : { kind: kind, count: count == null ? 1 : count };
    state.busy = true;
    document.body.setAttribute('data-busy', '1');
    status(t('serve.suggest.busy'));
    api('POST', '/api/suggest', body).then(function (r) {
      state.proposals = r.proposals.map(function (p) { p.kind = r.kind; return p; });
      drawProposals();
      status(state.proposals.length ? t('serve.suggest.found', state.proposals.length) : t('serve.suggest.none'));
    }).catch(function (e) { status(e.message, true); }).then(function () {
      state.busy = false;
      document.body.setAttribute('data-busy', '0');
    });
  });

  api('GET', '/api/summary').then(function (s) {
    state.summary = s;
    var sel = document.getElementById('cam-type');
    s.camera_types.forEach(function (t) { var o = document.createElement('option'); o.textContent = t; sel.appendChild(o); });
    renderFigures(s);
    return loadLayer('streets');
  }).then(function (streets) {
    var b = L.geoJSON(streets).getBounds();
    if (b.isValid()) { map.fitBounds(b); } else { map.setView([0, 0], 2); }
    return Promise.all(['precincts', 'buildings', 'districts', 'isochrones', 'viewsheds', 'coverage', 'gaps', 'cameras', 'posts'].map(loadLayer));
  }).then(function () {
    document.body.setAttribute('data-ready', '1');
    status(t('serve.ready'));
  }).catch(function (e) { status(e.message, true); });
})();
