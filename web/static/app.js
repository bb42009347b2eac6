// sitrep dashboard: a map, a timeline, filters, a table, and the evidence behind each event.
// Plain JavaScript, no dependencies, no network but this server's own /api.
// Every string from the database is put in the page with textContent, never as HTML.
'use strict';

(() => {
  const SVGNS = 'http://www.w3.org/2000/svg';
  const PAGE = 500;

  // ---------------------------------------------------------------- labels
  const TYPES = ['AGREE', 'CONSULT', 'SUPPORT', 'CONCEDE', 'COOPERATE', 'AID', 'RETREAT', 'REQUEST',
    'ACCUSE', 'REJECT', 'THREATEN', 'PROTEST', 'SANCTION', 'MOBILIZE', 'COERCE', 'ASSAULT'];
  const COLOURS = {
    AGREE: '#1b9e77', CONSULT: '#66c2a5', SUPPORT: '#2c7fb8', CONCEDE: '#7fcdbb',
    COOPERATE: '#41b6c4', AID: '#7cb518', RETREAT: '#9e9e9e', REQUEST: '#8da0cb',
    ACCUSE: '#e78ac3', REJECT: '#b15928', THREATEN: '#f6a04d', PROTEST: '#e6c300',
    SANCTION: '#984ea3', MOBILIZE: '#f46d43', COERCE: '#d73027', ASSAULT: '#8b0021',
  };
  const L = {
    en: {
      subtitle: 'events from the news, with their evidence', since: 'From', until: 'To', type: 'Type',
      all_types: 'All types', country: 'Country', all_countries: 'All countries',
      min_sources: 'Min. sources', actor: 'Actor', reset: 'Reset', fit: 'Fit',
      click_hint: "Click a point on the map or a row of the table to see the event's sources, with the evidence highlighted in the article.",
      timeline: 'Events per day', events: 'Events', date: 'Date', place: 'Place', actors: 'Actors',
      killed: 'Killed', sources: 'Sources', more: 'Load more',
      credits: 'Country shapes: Natural Earth via world-atlas (ISC). Places: GeoNames (CC BY 4.0).',
      loading: 'Loading…', shown: (n, more) => `${n} shown${more ? ', more available' : ''}`,
      none: 'No event matches these filters.', error: 'Error', recipient: 'Recipient',
      location: 'Location', injured: 'Injured', modality: 'Modality', confidence: 'Confidence',
      sources_n: (n) => `${n} source${n === 1 ? '' : 's'}`, evidence: 'Evidence',
      no_text: 'The article text is not available.', open: 'open the page',
      max: (n) => `max ${n}/day`, day_filter: 'Click a bar to see that day',
      type_names: {
        AGREE: 'Agree', CONSULT: 'Consult', SUPPORT: 'Support', CONCEDE: 'Concede',
        COOPERATE: 'Cooperate', AID: 'Aid', RETREAT: 'Retreat', REQUEST: 'Request', ACCUSE: 'Accuse',
        REJECT: 'Reject', THREATEN: 'Threaten', PROTEST: 'Protest', SANCTION: 'Sanction',
        MOBILIZE: 'Mobilize', COERCE: 'Coerce', ASSAULT: 'Assault',
      },
      fields: {
        trigger: 'trigger', actor: 'actor', recipient: 'recipient', location: 'location', date: 'date',
        killed: 'killed', injured: 'injured', arrested: 'arrested', abducted: 'abducted', displaced: 'displaced',
      },
    },
    fr: {
      subtitle: "les événements de l'actualité, avec leurs preuves", since: 'Du', until: 'Au', type: 'Type',
      all_types: 'Tous les types', country: 'Pays', all_countries: 'Tous les pays',
      min_sources: 'Sources min.', actor: 'Acteur', reset: 'Réinitialiser', fit: 'Ajuster',
      click_hint: "Cliquez sur un point de la carte ou une ligne du tableau pour voir les sources de l'événement, avec les passages qui le fondent surlignés dans l'article.",
      timeline: 'Événements par jour', events: 'Événements', date: 'Date', place: 'Lieu', actors: 'Acteurs',
      killed: 'Tués', sources: 'Sources', more: 'Afficher plus',
      credits: 'Frontières : Natural Earth via world-atlas (ISC). Lieux : GeoNames (CC BY 4.0).',
      loading: 'Chargement…', shown: (n, more) => `${n} affiché${n > 1 ? 's' : ''}${more ? ', il y en a d’autres' : ''}`,
      none: 'Aucun événement ne correspond à ces filtres.', error: 'Erreur', recipient: 'Cible',
      location: 'Lieu', injured: 'Blessés', modality: 'Modalité', confidence: 'Confiance',
      sources_n: (n) => `${n} source${n > 1 ? 's' : ''}`, evidence: 'Preuves',
      no_text: "Le texte de l'article n'est pas disponible.", open: 'ouvrir la page',
      max: (n) => `max ${n}/jour`, day_filter: 'Cliquez sur une barre pour voir ce jour',
      type_names: {
        AGREE: 'Accord', CONSULT: 'Consultation', SUPPORT: 'Soutien', CONCEDE: 'Concession',
        COOPERATE: 'Coopération', AID: 'Aide', RETREAT: 'Retrait', REQUEST: 'Demande', ACCUSE: 'Accusation',
        REJECT: 'Rejet', THREATEN: 'Menace', PROTEST: 'Protestation', SANCTION: 'Sanction',
        MOBILIZE: 'Mobilisation', COERCE: 'Coercition', ASSAULT: 'Attaque',
      },
      fields: {
        trigger: 'déclencheur', actor: 'acteur', recipient: 'cible', location: 'lieu', date: 'date',
        killed: 'tués', injured: 'blessés', arrested: 'arrêtés', abducted: 'enlevés', displaced: 'déplacés',
      },
    },
  };

  // ---------------------------------------------------------------- state
  const state = {
    lang: 'en',
    events: [], // loaded pages, in API order
    next: null, // next_cursor
    selected: null,
    countries: [], // from countries.json
    stats: null,
    seq: 0, // request generation: answers to superseded requests are dropped
  };
  const $ = (id) => document.getElementById(id);
  const t = (k, ...a) => {
    const v = L[state.lang][k] ?? L.en[k] ?? k;
    return typeof v === 'function' ? v(...a) : v;
  };
  const typeName = (ty) => L[state.lang].type_names[ty] || ty || '';
  const fieldName = (f) => L[state.lang].fields[f] || f;

  function el(tag, attrs, ...kids) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v == null || v === false) continue;
      if (k === 'class') e.className = v;
      else if (k === 'text') e.textContent = v;
      else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v);
    }
    for (const c of kids) if (c != null) e.append(c);
    return e;
  }
  function svg(tag, attrs) {
    const e = document.createElementNS(SVGNS, tag);
    for (const [k, v] of Object.entries(attrs || {})) if (v != null) e.setAttribute(k, v);
    return e;
  }

  // ---------------------------------------------------------------- reading records
  // The API's records, read defensively: a field the store leaves out is blank, never an error.
  const num = (v) => (typeof v === 'number' && isFinite(v) ? v : (v && typeof v === 'object' ? num(v.best) : null));
  const names = (v) => (Array.isArray(v) ? v.map((a) => (typeof a === 'string' ? a : a && a.name)).filter(Boolean) : (typeof v === 'string' ? [v] : []));
  const R = {
    id: (e) => String(e.id),
    type: (e) => e.event_type || e.type,
    date: (e) => {
      const d = e.date ?? e.date_start ?? e.day;
      if (typeof d === 'string') return d;
      return (d && (d.start || d.value)) || '';
    },
    dateEnd: (e) => e.date_end || (e.date && typeof e.date === 'object' && e.date.end) || '',
    lat: (e) => num(e.lat ?? e.latitude ?? (e.location && e.location.lat)),
    lon: (e) => num(e.lon ?? e.longitude ?? (e.location && e.location.lon)),
    place: (e) => (typeof e.location === 'string' ? e.location : (e.location && e.location.name)) || e.place || e.location_name || '',
    country: (e) => e.country || (e.location && e.location.country) || '',
    killed: (e) => num(e.fatalities ?? e.killed ?? e.killed_best ?? (e.counts && e.counts.killed)) || 0,
    sources: (e) => num(e.n_sources ?? e.source_count ?? e.num_sources ?? (Array.isArray(e.sources) ? e.sources.length : e.sources)) || 1,
    actors: (e) => names(e.actor ?? e.actors ?? e.actor_names),
    recipients: (e) => names(e.recipient ?? e.recipients ?? e.recipient_names),
  };

  // ---------------------------------------------------------------- filters and URL
  const FILTERS = ['since', 'until', 'type', 'country', 'min_sources', 'actor'];
  function filterParams() {
    const p = new URLSearchParams();
    const v = {
      since: $('f-since').value, until: $('f-until').value, type: $('f-type').value,
      country: $('f-country').value, min_sources: $('f-min-sources').value, actor: $('f-actor').value.trim(),
    };
    for (const k of FILTERS) if (v[k]) p.set(k, v[k]);
    return p;
  }
  function setFilters(p) {
    $('f-since').value = p.get('since') || '';
    $('f-until').value = p.get('until') || '';
    ensureOption($('f-type'), p.get('type') || '');
    ensureOption($('f-country'), p.get('country') || '');
    $('f-min-sources').value = p.get('min_sources') || '';
    $('f-actor').value = p.get('actor') || '';
  }
  function ensureOption(sel, v) {
    if (v && ![...sel.options].some((o) => o.value === v)) sel.append(el('option', { value: v, text: v }));
    sel.value = v;
  }

  async function api(path) {
    const r = await fetch(path, { headers: { Accept: 'application/json' } });
    let body = null;
    try { body = await r.json(); } catch (_) { /* not JSON */ }
    if (!r.ok) throw new Error((body && body.error) || `${r.status} ${r.statusText}`);
    return body;
  }

  function status(msg, isError) {
    const s = $('status');
    s.textContent = msg || '';
    s.classList.toggle('error', !!isError);
  }

  // ---------------------------------------------------------------- loading
  async function reload() {
    const seq = ++state.seq;
    const p = filterParams();
    history.replaceState(null, '', p.toString() ? `?${p}` : location.pathname);
    status(t('loading'));
    document.body.dataset.loading = '1';
    try {
      const q = new URLSearchParams(p);
      q.set('limit', PAGE);
      const [page, stats] = await Promise.all([api(`/api/events?${q}`), api(`/api/stats?${p}`)]);
      if (seq !== state.seq) return;
      state.events = page.events || [];
      state.next = page.next_cursor || null;
      state.stats = stats;
      renderAll(true);
      status('');
    } catch (e) {
      if (seq !== state.seq) return;
      status(`${t('error')}: ${e.message}`, true);
    } finally {
      if (seq === state.seq) delete document.body.dataset.loading;
    }
  }

  async function loadMore() {
    if (!state.next) return;
    const seq = state.seq;
    const q = filterParams();
    q.set('limit', PAGE);
    q.set('cursor', state.next);
    status(t('loading'));
    try {
      const page = await api(`/api/events?${q}`);
      if (seq !== state.seq) return;
      state.events = state.events.concat(page.events || []);
      state.next = page.next_cursor || null;
      renderAll(false);
      status('');
    } catch (e) {
      status(`${t('error')}: ${e.message}`, true);
    }
  }

  function renderAll(fit) {
    renderPoints();
    renderTable();
    renderTimeline();
    renderLegend();
    renderCountryOptions();
    if (fit) fitToEvents();
  }

  // ---------------------------------------------------------------- map
  const WORLD = { x: 0, y: 5, w: 360, h: 150 };
  let view = { ...WORLD };
  const mapEl = () => $('map');
  const project = (lon, lat) => [lon + 180, 90 - lat];

  function drawCountries() {
    const g = $('countries');
    g.textContent = '';
    const withEvents = new Set(statEntries('country').map((x) => x.key));
    for (const c of state.countries) {
      const p = svg('path', { d: c.d, class: 'country' + (withEvents.has(c.id) ? ' has-events' : ''), 'data-id': c.id || '' });
      const title = svg('title');
      title.textContent = countryName(c.id) || c.name;
      p.append(title);
      g.append(p);
    }
  }
  function countryName(code) {
    const c = state.countries.find((x) => x.id === code);
    return c ? (state.lang === 'fr' ? c.fr : c.en) : code;
  }

  function radius(e) {
    // Grows with the death toll (logarithmically: 6,000 must not hide a region); a point with
    // none stays visible. Sizes are in screen terms, whatever the zoom.
    const k = view.w / 360;
    return (1.2 + 1.5 * Math.log10(1 + R.killed(e))) * k * 1.3;
  }

  function renderPoints() {
    const g = $('points');
    g.textContent = '';
    let n = 0;
    // Biggest first, so small points stay clickable on top of big ones.
    const evs = state.events.filter((e) => R.lat(e) != null && R.lon(e) != null)
      .sort((a, b) => R.killed(b) - R.killed(a));
    for (const e of evs) {
      const [x, y] = project(R.lon(e), R.lat(e));
      const c = svg('circle', {
        cx: x.toFixed(3), cy: y.toFixed(3), r: radius(e).toFixed(3), class: 'pt' + (state.selected === R.id(e) ? ' selected' : ''),
        fill: COLOURS[R.type(e)] || '#555', 'data-id': R.id(e), 'data-type': R.type(e) || '',
      });
      const title = svg('title');
      title.textContent = `${typeName(R.type(e))} · ${R.date(e)} · ${R.place(e)}${R.killed(e) ? ` · ${t('killed')}: ${R.killed(e)}` : ''}`;
      c.append(title);
      c.addEventListener('click', (ev) => { ev.stopPropagation(); select(R.id(e)); });
      g.append(c);
      n++;
    }
    g.dataset.count = String(n);
  }

  function setView(v) {
    const minW = 4;
    const w = Math.min(Math.max(v.w, minW), 720);
    const h = w * (WORLD.h / WORLD.w);
    view = { x: Math.min(Math.max(v.x, -180), 360 + 180 - w), y: Math.min(Math.max(v.y, -90), 180 + 90 - h), w, h };
    mapEl().setAttribute('viewBox', `${view.x.toFixed(3)} ${view.y.toFixed(3)} ${view.w.toFixed(3)} ${view.h.toFixed(3)}`);
    for (const c of $('points').children) {
      const e = state.events.find((x) => R.id(x) === c.dataset.id);
      if (e) c.setAttribute('r', radius(e).toFixed(3));
    }
  }
  function zoom(factor, cx, cy) {
    const px = cx ?? view.x + view.w / 2;
    const py = cy ?? view.y + view.h / 2;
    const w = view.w * factor;
    const h = w * (WORLD.h / WORLD.w);
    setView({ x: px - (px - view.x) * (w / view.w), y: py - (py - view.y) * (h / view.h), w, h });
  }
  function fitToEvents() {
    const pts = state.events.filter((e) => R.lat(e) != null && R.lon(e) != null).map((e) => project(R.lon(e), R.lat(e)));
    if (!pts.length) { setView(WORLD); return; }
    let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const [x, y] of pts) { x0 = Math.min(x0, x); y0 = Math.min(y0, y); x1 = Math.max(x1, x); y1 = Math.max(y1, y); }
    const ratio = WORLD.h / WORLD.w;
    let w = Math.max(x1 - x0, (y1 - y0) / ratio, 24) * 1.3;
    w = Math.min(w, WORLD.w);
    const h = w * ratio;
    setView({ x: (x0 + x1) / 2 - w / 2, y: (y0 + y1) / 2 - h / 2, w, h });
  }
  function svgPoint(evt) {
    const r = mapEl().getBoundingClientRect();
    // preserveAspectRatio meet: the drawing is scaled uniformly and centred.
    const s = Math.min(r.width / view.w, r.height / view.h);
    const ox = (r.width - view.w * s) / 2;
    const oy = (r.height - view.h * s) / 2;
    return [view.x + (evt.clientX - r.left - ox) / s, view.y + (evt.clientY - r.top - oy) / s, s];
  }
  function wireMap() {
    const m = mapEl();
    m.addEventListener('wheel', (e) => {
      e.preventDefault();
      const [x, y] = svgPoint(e);
      zoom(e.deltaY > 0 ? 1.25 : 0.8, x, y);
    }, { passive: false });
    let drag = null;
    m.addEventListener('pointerdown', (e) => {
      if (e.target.classList.contains('pt')) return;
      drag = { x: e.clientX, y: e.clientY, v: { ...view }, s: svgPoint(e)[2] };
      m.classList.add('dragging');
    });
    window.addEventListener('pointermove', (e) => {
      if (!drag) return;
      setView({ ...drag.v, x: drag.v.x - (e.clientX - drag.x) / drag.s, y: drag.v.y - (e.clientY - drag.y) / drag.s });
    });
    window.addEventListener('pointerup', () => { drag = null; m.classList.remove('dragging'); });
    m.addEventListener('dblclick', (e) => { const [x, y] = svgPoint(e); zoom(0.5, x, y); });
    $('zoom-in').addEventListener('click', () => zoom(0.6));
    $('zoom-out').addEventListener('click', () => zoom(1 / 0.6));
    $('zoom-fit').addEventListener('click', fitToEvents);
  }

  // ---------------------------------------------------------------- stats, legend, timeline
  // Accepts `{by_type: {ASSAULT: 3}}`, `{by_type: [{event_type: "ASSAULT", count: 3}]}` and alike.
  function statEntries(kind) {
    const s = state.stats || {};
    const v = s[`by_${kind}`] ?? s[kind] ?? s[`${kind}s`];
    if (!v) return [];
    if (Array.isArray(v)) {
      return v.map((x) => (Array.isArray(x) ? { key: x[0], count: x[1] } : {
        key: x.key ?? x[kind] ?? x.day ?? x.date ?? x.event_type ?? x.type ?? x.country ?? x.value,
        count: x.count ?? x.n ?? x.events ?? 0,
      })).filter((x) => x.key != null);
    }
    return Object.entries(v).map(([key, count]) => ({ key, count: typeof count === 'number' ? count : count.count }));
  }

  function renderLegend() {
    const box = $('legend');
    box.textContent = '';
    const counts = new Map(statEntries('type').map((x) => [String(x.key).toUpperCase(), x.count]));
    const current = $('f-type').value;
    for (const ty of TYPES) {
      const n = counts.get(ty);
      if (!n && current !== ty) continue;
      const b = el('button', {
        type: 'button', class: current === ty ? 'active' : null, 'data-type': ty,
        onclick: () => { $('f-type').value = current === ty ? '' : ty; reload(); },
      }, el('span', { class: 'swatch', style: null }), ` ${typeName(ty)} `, el('span', { class: 'n', text: n ? `(${n})` : '' }));
      b.firstChild.style.background = COLOURS[ty];
      box.append(b);
    }
  }

  function renderTimeline() {
    const box = $('timeline');
    box.textContent = '';
    const days = statEntries('day').map((x) => ({ day: String(x.key).slice(0, 10), count: x.count }))
      .filter((x) => /^\d{4}-\d{2}-\d{2}$/.test(x.day)).sort((a, b) => (a.day < b.day ? -1 : 1));
    $('tl-first').textContent = days.length ? days[0].day : '';
    $('tl-last').textContent = days.length ? days[days.length - 1].day : '';
    if (!days.length) { $('tl-max').textContent = ''; return; }
    const d0 = Date.parse(days[0].day);
    const d1 = Date.parse(days[days.length - 1].day);
    const span = Math.round((d1 - d0) / 864e5) + 1;
    const max = Math.max(...days.map((x) => x.count));
    $('tl-max').textContent = `${t('max', max)} · ${t('day_filter')}`;
    box.setAttribute('viewBox', `0 0 ${span} 100`);
    const since = $('f-since').value;
    const until = $('f-until').value;
    for (const x of days) {
      const i = Math.round((Date.parse(x.day) - d0) / 864e5);
      const h = Math.max(2, (x.count / max) * 100);
      const r = svg('rect', {
        x: i + 0.1, y: 100 - h, width: 0.8, height: h, class: 'bar' + (since && since === until && since === x.day ? ' in' : ''), 'data-day': x.day,
      });
      const title = svg('title');
      title.textContent = `${x.day}: ${x.count}`;
      r.append(title);
      r.addEventListener('click', () => {
        const same = $('f-since').value === x.day && $('f-until').value === x.day;
        $('f-since').value = same ? '' : x.day;
        $('f-until').value = same ? '' : x.day;
        reload();
      });
      box.append(r);
    }
  }

  function renderCountryOptions() {
    const sel = $('f-country');
    const current = sel.value;
    const codes = new Set(statEntries('country').map((x) => String(x.key)));
    if (current) codes.add(current);
    const opts = [...codes].filter(Boolean).map((c) => ({ c, n: countryName(c) || c }))
      .sort((a, b) => a.n.localeCompare(b.n, state.lang));
    while (sel.options.length > 1) sel.remove(1);
    for (const o of opts) sel.append(el('option', { value: o.c, text: o.n === o.c ? o.c : `${o.n} (${o.c})` }));
    sel.value = current;
    drawCountries();
  }

  function fillTypeOptions() {
    const sel = $('f-type');
    const current = sel.value;
    while (sel.options.length > 1) sel.remove(1);
    for (const ty of TYPES) sel.append(el('option', { value: ty, text: typeName(ty) }));
    sel.value = current;
  }

  // ---------------------------------------------------------------- table
  function renderTable() {
    const body = $('events').tBodies[0];
    body.textContent = '';
    for (const e of state.events) {
      const ty = R.type(e);
      const actors = R.actors(e).join(', ');
      const recips = R.recipients(e).join(', ');
      const chip = el('span', { class: 'type-chip' }, el('span', { class: 'swatch' }), typeName(ty));
      chip.firstChild.style.background = COLOURS[ty] || '#555';
      const tr = el('tr', { 'data-id': R.id(e), class: state.selected === R.id(e) ? 'selected' : null, onclick: () => select(R.id(e)) },
        el('td', { text: R.date(e) }),
        el('td', {}, chip),
        el('td', { text: R.place(e) }),
        el('td', { text: R.country(e), title: countryName(R.country(e)) || null }),
        el('td', { text: recips ? `${actors || '—'} → ${recips}` : actors }),
        el('td', { class: 'num', text: R.killed(e) ? String(R.killed(e)) : '' }),
        el('td', { class: 'num', text: String(R.sources(e)) }));
      body.append(tr);
    }
    $('count').textContent = state.events.length ? t('shown', state.events.length, !!state.next) : t('none');
    $('more').hidden = !state.next;
  }

  // ---------------------------------------------------------------- detail
  async function select(id) {
    state.selected = id;
    for (const c of $('points').children) c.classList.toggle('selected', c.dataset.id === id);
    for (const r of $('events').tBodies[0].rows) r.classList.toggle('selected', r.dataset.id === id);
    const panel = $('detail');
    panel.textContent = '';
    panel.append(el('p', { class: 'hint', text: t('loading') }));
    try {
      const detail = await api(`/api/events/${encodeURIComponent(id)}`);
      if (state.selected !== id) return;
      await renderDetail(detail);
    } catch (e) {
      if (state.selected !== id) return;
      panel.textContent = '';
      panel.append(el('p', { class: 'hint', text: `${t('error')}: ${e.message}` }));
    }
  }

  // An event detail is the event's own fields (flattened) with `reports`: one per report of it,
  // each with its document id and evidence spans. Reports of one document are shown together.
  function detailParts(d) {
    const ev = d.event || d;
    const reports = Array.isArray(d.reports) ? d.reports : [];
    const byDoc = new Map();
    for (const r of reports) {
      const key = r.doc_id || r.record_id;
      if (!byDoc.has(key)) byDoc.set(key, { ...r, evidence: [], seen: new Set() });
      const src = byDoc.get(key);
      for (const ev of r.evidence || []) {
        const k = `${ev.field}:${ev.start}:${ev.end}`;
        if (!src.seen.has(k)) { src.seen.add(k); src.evidence.push(ev); }
      }
    }
    return { ev, sources: [...byDoc.values()] };
  }

  async function renderDetail(d) {
    const { ev, sources } = detailParts(d);
    const panel = $('detail');
    panel.textContent = '';
    const ty = R.type(ev);
    const head = el('h3', {}, el('span', { class: 'swatch' }), ` ${typeName(ty)}`);
    head.firstChild.style.background = COLOURS[ty] || '#555';
    panel.append(head);
    const facts = el('dl', { class: 'facts' });
    const fact = (k, v) => { if (v) facts.append(el('dt', { text: k }), el('dd', { text: v })); };
    const end = R.dateEnd(ev);
    fact(t('date'), R.date(ev) + (end && end !== R.date(ev) ? ` – ${end}` : ''));
    fact(t('location'), [R.place(ev), countryName(R.country(ev))].filter(Boolean).join(', '));
    fact(t('actors'), R.actors(ev).join(', '));
    fact(t('recipient'), R.recipients(ev).join(', '));
    fact(t('killed'), countText(ev.killed ?? ev.fatalities ?? (ev.counts && ev.counts.killed)));
    fact(t('injured'), countText(ev.injured ?? (ev.counts && ev.counts.injured)));
    fact(t('sources'), t('sources_n', R.sources(ev)));
    panel.append(facts);
    for (const s of sources) panel.append(await renderSource(s));
    const first = panel.querySelector('.article mark');
    if (first) first.scrollIntoView({ block: 'center', inline: 'nearest' });
  }

  function countText(c) {
    if (c == null) return '';
    if (typeof c === 'number') return String(c);
    const best = num(c.best);
    const lo = num(c.low ?? c.min);
    const hi = num(c.high ?? c.max);
    if (best == null) return '';
    return (lo != null && hi != null && (lo !== best || hi !== best)) ? `${best} (${lo}–${hi})` : String(best);
  }

  // One source: its document, with the evidence of this event marked in the text.
  async function renderSource(s) {
    const docId = s.doc_id;
    const box = el('div', { class: 'source', 'data-doc': docId || '' });
    let doc = null;
    if (docId) {
      try { doc = await api(`/api/documents/${encodeURIComponent(docId)}`); } catch (_) { doc = null; }
    }
    const d = doc;
    const title = (d && d.title) || s.doc_title || docId || '';
    const url = (d && d.url) || s.doc_url;
    box.append(el('h4', { text: title }));
    const meta = el('div', { class: 'meta' });
    const pub = (d && d.published) || s.published;
    if (pub) meta.append(String(pub), ' · ');
    if (d && d.language) meta.append(d.language, ' · ');
    if (url && /^https?:\/\//i.test(url)) meta.append(el('a', { href: url, rel: 'noopener noreferrer', target: '_blank', text: url }));
    else if (url) meta.append(url);
    box.append(meta);
    const evidence = s.evidence || [];
    if (evidence.length) {
      const list = el('ul', { class: 'evidence-list' });
      for (const ev of evidence) {
        list.append(el('li', {}, el('span', { class: 'field', text: `${fieldName(ev.field)}: ` }), `«${ev.text || ''}»`));
      }
      box.append(list);
    }
    const text = d && d.text;
    if (typeof text === 'string' && text) box.append(highlight(text, evidence));
    else box.append(el('p', { class: 'hint', text: t('no_text') }));
    return box;
  }

  // Spans count characters (code points), as Python does; JavaScript strings count UTF-16 units.
  function codePointOffsets(text) {
    const offs = [];
    let u = 0;
    for (const ch of text) { offs.push(u); u += ch.length; }
    offs.push(u);
    return offs;
  }

  function spanOf(a, b) {
    if (typeof a !== 'number' || typeof b !== 'number' || b <= a) return null;
    return [a, b];
  }

  // Builds the article with evidence words in <mark data-field> and their sentences tinted.
  function highlight(text, evidence) {
    const offs = codePointOffsets(text);
    const n = offs.length - 1;
    const clamp = (i) => Math.min(Math.max(i, 0), n);
    const marks = [];
    const sents = [];
    for (const ev of evidence) {
      const sp = spanOf(ev.start, ev.end);
      if (sp) marks.push({ a: clamp(sp[0]), b: clamp(sp[1]), field: ev.field || '' });
      const ss = spanOf(ev.sentence_start, ev.sentence_end);
      if (ss) sents.push({ a: clamp(ss[0]), b: clamp(ss[1]) });
    }
    const cuts = new Set([0, n]);
    for (const m of marks.concat(sents)) { cuts.add(m.a); cuts.add(m.b); }
    const points = [...cuts].sort((x, y) => x - y);
    const art = el('div', { class: 'article' });
    for (let i = 0; i + 1 < points.length; i++) {
      const a = points[i];
      const b = points[i + 1];
      if (a === b) continue;
      const piece = text.slice(offs[a], offs[b]);
      const ms = marks.filter((m) => m.a <= a && m.b >= b);
      if (ms.length) {
        const fields = [...new Set(ms.map((m) => m.field))];
        art.append(el('mark', { 'data-field': fields[0], title: fields.map(fieldName).join(', '), text: piece }));
      } else if (sents.some((s) => s.a <= a && s.b >= b)) {
        art.append(el('span', { class: 'sent', text: piece }));
      } else {
        art.append(piece);
      }
    }
    return art;
  }

  // ---------------------------------------------------------------- language
  function setLang(lang) {
    state.lang = L[lang] ? lang : 'en';
    try { localStorage.setItem('sitrep.lang', state.lang); } catch (_) { /* private mode */ }
    document.documentElement.lang = state.lang;
    for (const n of document.querySelectorAll('[data-i18n]')) n.textContent = t(n.dataset.i18n);
    for (const b of document.querySelectorAll('.lang button')) b.setAttribute('aria-pressed', String(b.dataset.lang === state.lang));
    fillTypeOptions();
    if (state.stats) {
      renderAll(false);
      if (state.selected) select(state.selected);
    }
  }

  // ---------------------------------------------------------------- start
  async function start() {
    let lang = 'en';
    try { lang = localStorage.getItem('sitrep.lang') || ((navigator.language || '').startsWith('fr') ? 'fr' : 'en'); } catch (_) { /* ignore */ }
    const params = new URLSearchParams(location.search);
    if (params.get('lang')) lang = params.get('lang');
    setLang(lang);
    setFilters(params);
    for (const b of document.querySelectorAll('.lang button')) b.addEventListener('click', () => setLang(b.dataset.lang));
    const form = $('filters');
    form.addEventListener('submit', (e) => { e.preventDefault(); reload(); });
    form.addEventListener('change', () => reload());
    let typing = null;
    $('f-actor').addEventListener('input', () => { clearTimeout(typing); typing = setTimeout(reload, 400); });
    $('f-reset').addEventListener('click', () => { setFilters(new URLSearchParams()); reload(); });
    $('more').addEventListener('click', loadMore);
    wireMap();
    try {
      const atlas = await api('/assets/countries.json');
      state.countries = atlas.countries || [];
    } catch (_) { state.countries = []; }
    drawCountries();
    await reload();
    document.body.dataset.ready = '1';
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
