// The console over time: charts of calls/s, error rate, p99 and health per service and per instance, from
// the console's in-memory history (GET /api/services/{s}/history and …/instances/{i}/history), drawn with
// uPlot served from the console's own jar. h̄(t) is drawn against the δ line; a banner says since when a
// service is degraded while h̄ < δ.
import uPlot from './webjars/uplot/1.6.30/dist/uPlot.esm.js';
import { api, enc } from './api.js';
import { h } from './dom.js';

const BLUE = '#2456c8';
const RED = '#b91c1c';

export function hhmm(millis) {
  return new Date(millis).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', hour12: false });
}

function latest(values) {
  for (let i = values.length - 1; i >= 0; i--) if (values[i] !== null) return values[i];
  return null;
}

function fmt(value, digits, unit = '') {
  return value === null || value === undefined ? '—' : value.toFixed(digits) + unit;
}

function chartWidth() {
  const main = document.getElementById('main');
  return Math.max(280, Math.floor(((main && main.clientWidth) || 1100) / 2) - 40);
}

// One chart: a box with the title and the latest value, and the uPlot canvas. data-points counts the
// samples drawn, so tests (and curious users) can see that a chart holds real data.
function chart({ id, title, unit, digits, t, values, range, delta, minTop = 1 }) {
  const points = values.filter((v) => v !== null).length;
  const box = h('div', { class: 'chart', id: 'chart-' + id, dataset: { metric: id, points: String(points) } },
    h('div', { class: 'chart-head' }, h('span', { class: 'chart-title' }, title),
      h('span', { class: 'latest' }, fmt(latest(values), digits, unit))));
  if (points === 0) {
    box.append(h('p', { class: 'muted chart-empty' }, 'No samples' + (id === 'p99Ms' ? ' (these instances report no p99)' : '') + '.'));
    return box;
  }
  const series = [{}, { label: title, stroke: BLUE, width: 2, fill: 'rgba(36,86,200,0.08)', points: { show: points < 3 } }];
  const data = [t.map((x) => x / 1000), values];
  if (delta !== undefined) {
    series.push({ label: 'δ', stroke: RED, width: 1, dash: [6, 4], points: { show: false } });
    data.push(t.map(() => delta));
  }
  const axis = { stroke: '#6b7280', grid: { stroke: '#e3e6eb', width: 1 }, ticks: { stroke: '#e3e6eb', width: 1 } };
  const seconds = t.length > 1 && t[t.length - 1] - t[0] < 10 * 60 * 1000;
  const clock = (u, splits) => splits.map((x) => new Date(x * 1000).toLocaleTimeString([],
    { hour: '2-digit', minute: '2-digit', second: seconds ? '2-digit' : undefined, hour12: false }));
  new uPlot({
    width: chartWidth(), height: 150, legend: { show: false }, cursor: { show: true, drag: { x: false, y: false } },
    scales: { x: { time: true }, y: range ? { range } : { range: (u, min, max) => [0, Math.max(max * 1.1, minTop)] } },
    series, axes: [{ ...axis, values: clock }, { ...axis, size: 52 }],
  }, data, box);
  return box;
}

function charts(series, delta) {
  const t = series.t;
  const pct = series.errorRate.map((v) => (v === null ? null : v * 100));
  const list = [
    chart({ id: 'callsPerSecond', title: 'Calls/s', unit: '/s', digits: 1, t, values: series.callsPerSecond }),
    chart({ id: 'errorRate', title: 'Error rate', unit: ' %', digits: 1, t, values: pct }),
    chart({ id: 'p99Ms', title: 'p99 latency', unit: ' ms', digits: 1, t, values: series.p99Ms }),
    chart({ id: 'health', title: 'Health h̄ (δ dashed)', digits: 2, t, values: series.health, range: [0, 1.05], delta }),
  ];
  if (series.inflight.some((v) => v !== null)) {
    list.push(chart({ id: 'inflight', title: 'In flight', digits: 0, t, values: series.inflight }));
  }
  return h('div', { class: 'charts' }, list);
}

function since(t) {
  return t.length ? 'since ' + hhmm(t[0]) + ', one point every ' : 'one point every ';
}

// The service page's "over time" part: the degraded banner (while h̄ < δ) and the charts.
// A history that cannot be loaded leaves the rest of the page standing.
export async function serviceHistory(service) {
  let data;
  try {
    ({ data } = await api('GET', '/api/services/' + enc(service) + '/history'));
  } catch (e) {
    if (e.status === 401) throw e;
    return { banner: null, section: h('p', { class: 'message bad' }, 'Cannot load the history: ' + e.message) };
  }
  const banner = data.degradedSince === null ? null
    : h('div', { id: 'degraded-banner', class: 'banner bad' }, 'Degraded since ' + hhmm(data.degradedSince)
      + ': h̄ is below δ = ' + data.degradedBelow + '.');
  return {
    banner,
    section: h('div', { id: 'service-history' },
      h('h2', {}, 'Over time'),
      h('p', { class: 'muted' }, 'Kept in the console\'s memory: ' + since(data.series.t) + data.stepMs / 1000 + ' s.'),
      data.series.t.length ? charts(data.series, data.degradedBelow)
        : h('p', { class: 'empty' }, 'No samples yet.')),
  };
}

export async function instancePage(service, instanceId) {
  const { data } = await api('GET', '/api/services/' + enc(service) + '/instances/' + enc(instanceId) + '/history');
  return h('section', {},
    h('p', {}, h('a', { href: '#/service/' + enc(service) }, '← ' + service)),
    h('h1', { id: 'instance-name' }, instanceId),
    h('p', { class: 'muted' }, 'One point per status heartbeat ' + since(data.series.t) + data.stepMs / 1000 + ' s.'),
    data.restarts.length
      ? h('p', { id: 'restarts' }, 'Restarted at ' + data.restarts.map(hhmm).join(', ') + '.') : null,
    data.series.t.length ? charts(data.series, data.degradedBelow) : h('p', { class: 'empty' }, 'No samples yet.'));
}
