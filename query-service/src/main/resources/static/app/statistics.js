// The statistics page: a fiscal year's regional figures as the reader may see them (suppressed for councils), the
// plan review, the CSV, and for analysts an evaluation or what-if with its differences. Plain ES module, no build step.
import { STATISTICS_LABELS } from './i18n.js';

const $ = (id) => document.getElementById(id);
const api = (path) => new URL(path, window.location.origin).toString();
const RATES = new Set(['preRegisteredShare', 'placementRate', 'outOfHoursShare', 'returnHomeRate', 'experienceStays.transitionRate']);

const state = {
  lang: localStorage.getItem('dashboard.lang') === 'en' ? 'en' : 'ja',
  wards: [],
  fiscalYear: null,
  statistics: null,
  job: null,
};

const t = (key) => STATISTICS_LABELS[state.lang][key] ?? STATISTICS_LABELS.ja[key] ?? key;
const figureLabel = (path) => STATISTICS_LABELS[state.lang].figures[path] ?? path;

function currentFiscalYear() {
  const tokyo = new Date(new Date().toLocaleString('en-US', { timeZone: 'Asia/Tokyo' }));
  return tokyo.getMonth() >= 3 ? tokyo.getFullYear() : tokyo.getFullYear() - 1;
}

function readYear() {
  const year = Number(new URLSearchParams(window.location.search).get('fiscalYear')
    || new URLSearchParams(window.location.hash.slice(1)).get('fiscalYear'));
  return Number.isInteger(year) && year >= 2000 && year <= 2100 ? year : currentFiscalYear() - 1;
}

function wardName(code) {
  if (code === null || code === undefined) return t('total');
  const ward = state.wards.find((w) => w.code === code);
  if (!ward) return code;
  return state.lang === 'ja' ? ward.name.ja : ward.name.en;
}

/** A figure's value from its path, e.g. outcomes.HOSPITAL in {outcomes: {HOSPITAL: 3}}. */
function valueAt(figures, path) {
  return path.split('.').reduce((node, key) => (node === null || node === undefined ? undefined : node[key]), figures);
}

function format(path, value) {
  if (value === null || value === undefined) return t('none');
  const figure = path.replace(/^(wards\.[^.]+|total)\./, '');
  if (RATES.has(figure)) {
    return new Intl.NumberFormat(state.lang, { style: 'percent', maximumFractionDigits: 1 }).format(Number(value));
  }
  return new Intl.NumberFormat(state.lang, { maximumFractionDigits: 2 }).format(Number(value));
}

function th(text, scope) { const el = document.createElement('th'); el.scope = scope; el.textContent = text; return el; }
function td(text) { const el = document.createElement('td'); el.textContent = text; return el; }

function showError(text) {
  $('error').textContent = text;
  $('error').hidden = !text;
}

function applyLabels() {
  document.documentElement.lang = state.lang;
  document.title = `${t('statsTitle')} — ${state.lang === 'ja' ? '地域生活支援拠点' : 'Community life support hub'}`;
  document.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n); });
  const toggle = $('lang-toggle');
  toggle.textContent = state.lang === 'ja' ? 'English' : '日本語';
  toggle.lang = state.lang === 'ja' ? 'en' : 'ja';
  toggle.setAttribute('aria-pressed', String(state.lang === 'en'));
  const years = new Set([currentFiscalYear(), currentFiscalYear() - 1, currentFiscalYear() - 2, 2024, state.fiscalYear]);
  $('year-select').replaceChildren(
    ...[...years].sort((a, b) => b - a).map((y) => new Option(t('fy')(y), String(y))),
  );
  $('year-select').value = String(state.fiscalYear);
}

// ------------------------------------------------------------------ the year's figures

function renderFigures() {
  const s = state.statistics;
  if (!s) return;
  $('stats-year').textContent = t('fy')(s.fiscalYear);
  const suppressed = new Set(s.suppressed ?? []);
  const columns = [...Object.keys(s.wards).map((code) => [code, `wards.${code}`, s.wards[code]]), [null, 'total', s.total]];
  const head = document.createElement('thead');
  const headRow = document.createElement('tr');
  headRow.append(th(t('figure'), 'col'), ...columns.map(([code]) => th(wardName(code), 'col')));
  head.append(headRow);
  const body = document.createElement('tbody');
  for (const figure of Object.keys(STATISTICS_LABELS.ja.figures)) {
    const row = document.createElement('tr');
    row.append(th(figureLabel(figure), 'row'));
    for (const [, prefix, figures] of columns) {
      const path = `${prefix}.${figure}`;
      const hidden = suppressed.has(path);
      const cell = td(hidden ? 'x' : format(figure, valueAt(figures, figure)));
      cell.dataset.path = path;
      if (hidden) cell.classList.add('suppressed');
      row.append(cell);
    }
    body.append(row);
  }
  $('figures-table').replaceChildren(head, body);
  renderPlan(s, suppressed);
  // The cells shown as x on this page; the CSV has every figure, and its own note.
  const shown = document.querySelectorAll('#figures-table td.suppressed, #plan-table td.suppressed').length;
  const note = $('suppression-note');
  note.hidden = shown === 0;
  note.textContent = shown ? t('suppressionNote')(shown) : '';
}

function renderPlan(s, suppressed) {
  $('no-plan').hidden = s.plan.length > 0;
  const table = $('plan-table');
  table.hidden = s.plan.length === 0;
  const head = document.createElement('thead');
  const headRow = document.createElement('tr');
  headRow.append(...[t('wardOrTotal'), t('figure'), t('target'), t('actual'), t('achievement')].map((text) => th(text, 'col')));
  head.append(headRow);
  const body = document.createElement('tbody');
  s.plan.forEach((target, i) => {
    const row = document.createElement('tr');
    const cell = (field, value, path) => {
      const hidden = suppressed.has(`plan.${i}.${field}`);
      const el = td(hidden ? 'x' : format(path, value));
      if (hidden) el.classList.add('suppressed');
      return el;
    };
    row.append(
      th(wardName(target.ward), 'row'),
      td(figureLabel(target.figure)),
      td(format(target.figure, target.target)),
      cell('actual', target.actual, target.figure),
      cell('achievement', target.achievement, 'placementRate'),
    );
    row.dataset.figure = target.figure;
    body.append(row);
  });
  table.replaceChildren(head, body);
}

async function showYear() {
  showError('');
  $('status').textContent = t('loading');
  history.replaceState(null, '', `${window.location.pathname}?fiscalYear=${state.fiscalYear}`);
  $('csv-download').href = api(`/api/statistics/${state.fiscalYear}?format=csv`);
  $('csv-download').setAttribute('download', `statistics-${state.fiscalYear}.csv`);
  const response = await fetch(api(`/api/statistics/${state.fiscalYear}`), {
    headers: { Accept: 'application/json', 'Accept-Language': state.lang }, credentials: 'same-origin',
  });
  $('status').textContent = '';
  if (!response.ok) {
    state.statistics = null;
    $('figures-view').hidden = true;
    showError(response.status === 401 ? t('unauthorized') : response.status === 403 ? t('forbidden') : t('loadFailed'));
    return;
  }
  state.statistics = await response.json();
  $('figures-view').hidden = false;
  renderFigures();
}

// ------------------------------------------------------------------ evaluation and what-if

function definitions() {
  const chosen = {
    reuseWindowDays: Number($('reuse-window').value),
    preRegisteredBy: $('pre-registered-by').value,
    placementsCounted: $('placements-counted').value,
  };
  const official = chosen.reuseWindowDays === 180 && chosen.preRegisteredBy === 'BUSINESS_TIME'
    && chosen.placementsCounted === 'ANY_TIME';
  return official ? null : chosen;
}

async function startEvaluation(event) {
  event.preventDefault();
  if (!$('evaluation-form').reportValidity()) return;
  const body = { fiscalYear: state.fiscalYear };
  const chosen = definitions();
  if (chosen) body.definitions = chosen;
  $('evaluation-result').hidden = true;
  $('evaluation-status').textContent = t('running')(0);
  const response = await fetch(api('/api/evaluations'), {
    method: 'POST', credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'Accept-Language': state.lang },
    body: JSON.stringify(body),
  });
  if (response.status === 401 || response.status === 403) {
    $('evaluation-status').textContent = t('forbiddenEvaluation');
    return;
  }
  if (!response.ok) {
    const problem = await response.json().catch(() => ({}));
    $('evaluation-status').textContent = `${t('failed')} ${problem.detail ?? ''}`;
    return;
  }
  const { id } = await response.json();
  await poll(id);
}

async function poll(id) {
  for (;;) {
    const response = await fetch(api(`/api/evaluations/${encodeURIComponent(id)}`), {
      headers: { Accept: 'application/json', 'Accept-Language': state.lang }, credentials: 'same-origin',
    });
    if (!response.ok) {
      $('evaluation-status').textContent = t('failed');
      return;
    }
    const job = await response.json();
    if (job.status === 'RUNNING') {
      $('evaluation-status').textContent = t('running')(job.eventsRead);
      await new Promise((resolve) => { setTimeout(resolve, 1000); });
      continue;
    }
    if (job.status !== 'DONE') {
      $('evaluation-status').textContent = `${t('failed')} ${job.error ?? ''}`;
      return;
    }
    state.job = job;
    $('evaluation-status').textContent = t('done')(job.eventsRead);
    renderJob();
    return;
  }
}

function renderJob() {
  const job = state.job;
  if (!job) return;
  $('evaluation-result').hidden = false;
  const base = `/api/evaluations/${encodeURIComponent(job.id)}?format=csv`;
  $('result-download').href = api(base);
  $('result-download').setAttribute('download', `evaluation-${job.fiscalYear}-${job.id}.csv`);
  const whatIf = Boolean(job.definitions);
  $('differences-download').hidden = !whatIf;
  $('differences-download').href = api(`${base}&part=differences`);
  $('differences-download').setAttribute('download', `evaluation-${job.fiscalYear}-${job.id}-differences.csv`);
  const differences = job.differences ?? [];
  $('no-differences').hidden = !whatIf || differences.length > 0;
  const table = $('differences-table');
  table.hidden = differences.length === 0;
  const head = document.createElement('thead');
  const headRow = document.createElement('tr');
  headRow.append(...[t('wardOrTotal'), t('figure'), t('official'), t('variant'), t('difference')].map((text) => th(text, 'col')));
  head.append(headRow);
  const body = document.createElement('tbody');
  for (const d of differences) {
    const row = document.createElement('tr');
    row.dataset.ward = d.ward ?? 'TOTAL';
    row.dataset.figure = d.figure;
    const change = d.official === null || d.variant === null ? null : Number(d.variant) - Number(d.official);
    row.append(
      th(wardName(d.ward), 'row'), td(figureLabel(d.figure)),
      td(format(d.figure, d.official)), td(format(d.figure, d.variant)), td(format(d.figure, change)),
    );
    body.append(row);
  }
  table.replaceChildren(head, body);
}

// ------------------------------------------------------------------ start

async function start() {
  state.fiscalYear = readYear();
  applyLabels();
  const response = await fetch(api('/api/wards'), { headers: { Accept: 'application/json', 'Accept-Language': state.lang }, credentials: 'same-origin' });
  if (response.ok) state.wards = await response.json();
  $('year-select').addEventListener('change', async (e) => {
    state.fiscalYear = Number(e.target.value);
    await showYear();
  });
  $('lang-toggle').addEventListener('click', () => {
    state.lang = state.lang === 'ja' ? 'en' : 'ja';
    localStorage.setItem('dashboard.lang', state.lang);
    applyLabels();
    renderFigures();
    renderJob();
  });
  $('evaluation-form').addEventListener('submit', startEvaluation);
  await showYear();
  document.body.dataset.ready = 'true';
}

// Enter in a control must not reload the page (no inline handlers: the Content-Security-Policy refuses them).
$('controls').addEventListener('submit', (e) => e.preventDefault());
start();
