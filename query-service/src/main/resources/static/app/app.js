// The live ward dashboard: plain ES module, no build step. Data needs sign-in (HTTP Basic, the
// browser's own prompt); fetch and EventSource reuse the credentials the browser holds for this origin.
import { LABELS } from './i18n.js';

const $ = (id) => document.getElementById(id);
// Built from location.origin, never from the page URL: a page opened as http://user:pass@host/ must not
// put credentials into request URLs (fetch refuses them).
const api = (path) => new URL(path, window.location.origin).toString();
const ALL = 'ALL';

const state = {
  lang: localStorage.getItem('dashboard.lang') === 'en' ? 'en' : 'ja',
  wards: [],
  ward: null,
  fiscalYear: null,
  streams: [],
  // Pending re-openings of refused streams, and which page state they belong to.
  retries: [],
  streamGeneration: 0,
  dashboards: {},
  charts: {},
};

const label = (key) => LABELS[state.lang][key] ?? LABELS.ja[key] ?? key;

// The labels say 区/ward; a wide-area region's file calls its units otherwise (市町村/municipality),
// and GET /api/wards tells the page what.
function t(key) {
  const text = label(key);
  const unit = state.wards?.[0]?.unit;
  if (typeof text !== 'string' || !unit || unit.ja === '区') return text;
  if (state.lang === 'ja') return text.replace(/区/g, unit.ja);
  const plural = unit.en.endsWith('y') ? `${unit.en.slice(0, -1)}ies` : `${unit.en}s`;
  const capital = (word) => word.charAt(0).toUpperCase() + word.slice(1);
  return text
    .replace(/Wards/g, capital(plural)).replace(/wards/g, plural)
    .replace(/Ward/g, capital(unit.en)).replace(/ward/g, unit.en);
}

function currentFiscalYear() {
  const tokyo = new Date(new Date().toLocaleString('en-US', { timeZone: 'Asia/Tokyo' }));
  return tokyo.getMonth() >= 3 ? tokyo.getFullYear() : tokyo.getFullYear() - 1;
}

function readRoute() {
  const query = new URLSearchParams(window.location.search);
  const hash = new URLSearchParams(window.location.hash.slice(1));
  const year = Number(hash.get('fiscalYear') || query.get('fiscalYear'));
  return {
    ward: hash.get('ward') || query.get('ward'),
    fiscalYear: Number.isInteger(year) && year >= 2000 && year <= 2100 ? year : currentFiscalYear(),
  };
}

function writeRoute() {
  const hash = new URLSearchParams({ ward: state.ward, fiscalYear: String(state.fiscalYear) });
  history.replaceState(null, '', `${window.location.pathname}${window.location.search}#${hash}`);
}

function wardName(code) {
  const ward = state.wards.find((w) => w.code === code);
  if (!ward) return code;
  return state.lang === 'ja' ? ward.name.ja : ward.name.en;
}

function setStatus(text, live = false) {
  const status = $('status');
  status.textContent = text;
  status.classList.toggle('live', live);
}

function showError(text) {
  const error = $('error');
  error.textContent = text;
  error.hidden = !text;
}

function closeStreams() {
  state.streams.forEach((s) => s.close());
  state.streams = [];
  state.retries.forEach(clearTimeout);
  state.retries = [];
  state.streamGeneration += 1;
}

// ------------------------------------------------------------------ labels

function applyLabels() {
  document.documentElement.lang = state.lang;
  document.title = `${t('title')} — ${state.lang === 'ja' ? '地域生活支援拠点' : 'Community life support hub'}`;
  document.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n); });
  const toggle = $('lang-toggle');
  toggle.textContent = state.lang === 'ja' ? 'English' : '日本語';
  toggle.lang = state.lang === 'ja' ? 'en' : 'ja';
  toggle.setAttribute('aria-pressed', String(state.lang === 'en'));
  fillSelectors();
}

function fillSelectors() {
  const wardSelect = $('ward-select');
  wardSelect.replaceChildren(
    ...state.wards.map((w) => new Option(wardName(w.code), w.code)),
    ...(state.wards.length > 1 ? [new Option(t('allWards'), ALL)] : []),
  );
  wardSelect.value = state.ward;
  const yearSelect = $('year-select');
  const years = new Set([currentFiscalYear(), currentFiscalYear() - 1, currentFiscalYear() - 2, 2024, state.fiscalYear]);
  yearSelect.replaceChildren(
    ...[...years].sort((a, b) => b - a).map((y) => new Option(LABELS[state.lang].fy(y), String(y))),
  );
  yearSelect.value = String(state.fiscalYear);
}

// ------------------------------------------------------------------ formatting

function number(value) {
  return value === null || value === undefined ? t('none') : new Intl.NumberFormat(state.lang).format(value);
}

function hours(value) {
  return value === null || value === undefined
    ? t('none')
    : `${new Intl.NumberFormat(state.lang, { maximumFractionDigits: 1 }).format(value)} ${t('hours')}`;
}

function share(part, whole) {
  return whole ? new Intl.NumberFormat(state.lang, { style: 'percent', maximumFractionDigits: 0 }).format(part / whole) : t('none');
}

function time(iso) {
  if (!iso) return t('none');
  return new Intl.DateTimeFormat(state.lang === 'ja' ? 'ja-JP' : 'en-GB', {
    timeZone: 'Asia/Tokyo', dateStyle: 'medium', timeStyle: 'medium',
  }).format(new Date(iso));
}

function figures(d) {
  return {
    'households.active': number(d.households.active),
    'intakes.open': number(d.intakes.open),
    'intakes.inPlacement': number(d.intakes.inPlacement),
    'intakes.requestedThisYear': number(d.intakes.requestedThisYear),
    'intakes.placedThisYear': number(d.intakes.placedThisYear),
    'intakes.cancelledThisYear': number(d.intakes.cancelledThisYear),
    'intakes.outOfHoursThisYear': number(d.intakes.outOfHoursThisYear),
    'intakes.outOfHoursShare': share(d.intakes.outOfHoursThisYear, d.intakes.requestedThisYear),
    'intakes.medianHoursToPlacement': hours(d.intakes.medianHoursToPlacement),
    'coSupports.open': number(d.coSupports.open),
    'coSupports.openedThisYear': number(d.coSupports.openedThisYear),
    'coSupports.closedThisYear': number(d.coSupports.closedThisYear),
    'facilities.emergencyBedsAvailable': number(d.facilities.emergencyBedsAvailable),
    // Absent from a dashboard served before the hub's other functions were counted: shown as "—".
    'experienceStays.arranged': number(d.experienceStays?.arranged),
    'experienceStays.inProgress': number(d.experienceStays?.inProgress),
    'experienceStays.completedThisYear': number(d.experienceStays?.completedThisYear),
    'capacityBuilding.activitiesThisYear': number(d.capacityBuilding?.activitiesThisYear),
    'communityIssues.open': number(d.communityIssues?.open),
  };
}

// ------------------------------------------------------------------ one ward

function renderWard(d) {
  $('ward-name').textContent = wardName(d.ward);
  $('ward-year').textContent = LABELS[state.lang].fy(d.fiscalYear);
  const last = $('last-change');
  last.textContent = time(d.lastEventAt);
  if (d.lastEventAt) last.dateTime = d.lastEventAt;
  const values = figures(d);
  document.querySelectorAll('#ward-view [data-field]').forEach((el) => {
    const value = values[el.dataset.field];
    if (value === undefined) return;
    if (el.textContent !== value && el.textContent !== '—') {
      el.classList.remove('changed');
      void el.offsetWidth; // restart the highlight
      el.classList.add('changed');
    }
    el.textContent = value;
  });
  const risks = $('risk-factors');
  risks.replaceChildren(
    ...Object.entries(d.households.byRiskFactor).map(([code, count]) => {
      const row = document.createElement('div');
      const dt = document.createElement('dt');
      dt.textContent = LABELS[state.lang].risk[code] ?? code;
      const dd = document.createElement('dd');
      dd.textContent = number(count);
      dd.dataset.field = `households.byRiskFactor.${code}`;
      row.append(dt, dd);
      return row;
    }),
  );
  renderMonthly(d);
  $('ward-view').dataset.ward = d.ward;
}

function renderMonthly(d) {
  const m = d.monthly;
  const labels = m.months.map((month) => LABELS[state.lang].monthName(month));
  chart('intakes', labels, [[t('requested'), m.intakesRequested, '#0a4f99'], [t('placed'), m.intakesPlaced, '#a3400b']]);
  chart('cosupports', labels, [[t('opened'), m.coSupportsOpened, '#1d7a33'], [t('closed'), m.coSupportsClosed, '#5b3b8c']]);
  const table = $('monthly-table');
  const head = document.createElement('thead');
  head.innerHTML = '<tr></tr>';
  head.firstChild.append(...[t('month'), t('requested'), t('placed'), t('opened'), t('closed')].map((text) => th(text, 'col')));
  const body = document.createElement('tbody');
  m.months.forEach((month, i) => {
    const row = document.createElement('tr');
    row.append(th(labels[i], 'row'), ...[m.intakesRequested[i], m.intakesPlaced[i], m.coSupportsOpened[i], m.coSupportsClosed[i]].map((v) => td(number(v))));
    body.append(row);
  });
  table.replaceChildren(head, body);
}

function th(text, scope) { const el = document.createElement('th'); el.scope = scope; el.textContent = text; return el; }
function td(text) { const el = document.createElement('td'); el.textContent = text; return el; }

function chart(name, labels, series) {
  if (!window.Chart) return; // the page stays usable (table) without the chart library
  const datasets = series.map(([label, data, color]) => ({ label, data, backgroundColor: color, borderColor: color }));
  const existing = state.charts[name];
  if (existing) {
    existing.data.labels = labels;
    existing.data.datasets.forEach((ds, i) => { ds.label = datasets[i].label; ds.data = datasets[i].data; });
    existing.update('none');
    return;
  }
  state.charts[name] = new window.Chart($(`chart-${name}`), {
    type: 'bar',
    data: { labels, datasets },
    options: {
      responsive: true, maintainAspectRatio: false, animation: false,
      scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
      plugins: { legend: { position: 'bottom' } },
    },
  });
}

async function fetchDashboard(ward) {
  const response = await fetch(api(`/api/wards/${encodeURIComponent(ward)}/dashboard?fiscalYear=${state.fiscalYear}`), {
    headers: { Accept: 'application/json', 'Accept-Language': state.lang }, credentials: 'same-origin',
  });
  if (response.status === 401) throw Object.assign(new Error(t('unauthorized')), { status: 401 });
  if (response.status === 403 || response.status === 404) throw Object.assign(new Error(t('forbidden')), { status: 403 });
  if (!response.ok) throw new Error(t('failed'));
  return response.json();
}

function openStream(ward, onDashboard, attempt = 0) {
  const generation = state.streamGeneration;
  const source = new EventSource(api(`/api/wards/${encodeURIComponent(ward)}/dashboard/stream?fiscalYear=${state.fiscalYear}`));
  source.addEventListener('dashboard', (event) => {
    attempt = 0;
    setStatus(t('live'), true);
    onDashboard(JSON.parse(event.data), event.lastEventId);
  });
  source.addEventListener('error', () => {
    // After a dropped connection the browser reconnects by itself and sends Last-Event-ID: a
    // missed change arrives at once.
    if (source.readyState !== EventSource.CLOSED) {
      setStatus(t('reconnecting'));
      return;
    }
    // A refusal (too many streams, overloaded, signed out) closes the stream for good: the
    // browser never retries it and cannot read why. Saying "reconnecting" would claim a live page
    // that no longer is, so the page says it is paused and opens the stream again itself.
    state.streams = state.streams.filter((s) => s !== source);
    const seconds = Math.min(60, 3 * 2 ** attempt);
    setStatus(t('paused')(seconds));
    state.retries.push(setTimeout(() => {
      if (generation === state.streamGeneration) openStream(ward, onDashboard, attempt + 1);
    }, seconds * 1000));
  });
  state.streams.push(source);
}

async function showWard(ward) {
  $('city-view').hidden = true;
  try {
    const dashboard = await fetchDashboard(ward);
    state.dashboards[ward] = dashboard;
    $('ward-view').hidden = false;
    renderWard(dashboard);
    openStream(ward, (d, version) => {
      state.dashboards[ward] = d;
      renderWard(d);
      $('ward-view').dataset.version = version;
    });
  } catch (e) {
    $('ward-view').hidden = true;
    showError(e.message);
    setStatus('');
  }
}

// ------------------------------------------------------------------ all wards

const CITY_ROWS = [
  'households.active', 'intakes.open', 'intakes.inPlacement', 'intakes.requestedThisYear', 'intakes.placedThisYear',
  'intakes.outOfHoursShare', 'intakes.medianHoursToPlacement', 'coSupports.open', 'coSupports.openedThisYear',
  'coSupports.closedThisYear', 'facilities.emergencyBedsAvailable', 'experienceStays.arranged',
  'experienceStays.inProgress', 'experienceStays.completedThisYear', 'capacityBuilding.activitiesThisYear',
  'communityIssues.open',
];

function renderCity() {
  $('city-year').textContent = LABELS[state.lang].fy(state.fiscalYear);
  const table = $('city-table');
  const head = document.createElement('thead');
  const headRow = document.createElement('tr');
  headRow.append(th(t('figure'), 'col'), ...state.wards.map((w) => th(wardName(w.code), 'col')));
  head.append(headRow);
  const body = document.createElement('tbody');
  for (const key of CITY_ROWS) {
    const row = document.createElement('tr');
    row.append(th(t(key), 'row'));
    for (const w of state.wards) {
      const d = state.dashboards[w.code];
      const cell = td(d ? figures(d)[key] : t('none'));
      cell.dataset.field = `${w.code}.${key}`;
      row.append(cell);
    }
    body.append(row);
  }
  table.replaceChildren(head, body);
}

async function showCity() {
  $('ward-view').hidden = true;
  $('city-view').hidden = false;
  renderCity();
  for (const w of state.wards) {
    try {
      state.dashboards[w.code] = await fetchDashboard(w.code);
    } catch (e) {
      showError(e.message);
    }
  }
  renderCity();
  state.wards.forEach((w) => openStream(w.code, (d) => { state.dashboards[w.code] = d; renderCity(); }));
}

// ------------------------------------------------------------------ start

async function show() {
  closeStreams();
  showError('');
  setStatus(t('loading'));
  writeRoute();
  fillSelectors();
  if (state.ward === ALL) {
    await showCity();
  } else {
    await showWard(state.ward);
  }
  document.body.dataset.ready = 'true';
}

async function start() {
  state.fiscalYear = readRoute().fiscalYear;
  applyLabels();
  const response = await fetch(api('/api/wards'), { headers: { Accept: 'application/json', 'Accept-Language': state.lang }, credentials: 'same-origin' });
  if (!response.ok) {
    showError(response.status === 401 ? t('unauthorized') : t('failed'));
    document.body.dataset.ready = 'true';
    return;
  }
  state.wards = await response.json();
  const route = readRoute();
  state.fiscalYear = route.fiscalYear;
  const visible = state.wards.map((w) => w.code);
  // A ward the user may not see is still asked for, so the answer (403) is shown rather than hidden.
  state.ward = route.ward || (visible.length > 1 ? ALL : visible[0]);
  applyLabels();
  $('ward-select').addEventListener('change', (e) => { state.ward = e.target.value; show(); });
  $('year-select').addEventListener('change', (e) => { state.fiscalYear = Number(e.target.value); show(); });
  $('lang-toggle').addEventListener('click', () => {
    state.lang = state.lang === 'ja' ? 'en' : 'ja';
    localStorage.setItem('dashboard.lang', state.lang);
    applyLabels();
    if (state.ward === ALL) renderCity();
    else if (state.dashboards[state.ward]) renderWard(state.dashboards[state.ward]);
  });
  window.addEventListener('hashchange', () => {
    const next = readRoute();
    if (next.ward && (next.ward !== state.ward || next.fiscalYear !== state.fiscalYear)) {
      state.ward = next.ward;
      state.fiscalYear = next.fiscalYear;
      show();
    }
  });
  await show();
}

// Enter in a control must not reload the page. Bound here, not in an attribute: the page's
// Content-Security-Policy refuses inline event handlers.
$('controls').addEventListener('submit', (e) => e.preventDefault());
start();
