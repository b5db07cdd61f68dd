// The topology page: consumer applications → services → providers, as an SVG graph built from the registry's
// consumer and provider nodes (GET /api/topology), each edge labelled with its calls/s.
import { api, enc } from './api.js';
import { h } from './dom.js';

const NS = 'http://www.w3.org/2000/svg';
const ROW = 54;
const BOX_H = 34;
const COLUMNS = ['application', 'service', 'provider'];
const TITLES = { application: 'Applications (callers)', service: 'Services', provider: 'Providers' };

// An SVG element; text goes in as text nodes only, never as markup.
function s(tag, attrs, ...children) {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v !== null && v !== undefined) el.setAttribute(k, String(v));
  }
  for (const c of children.flat()) {
    if (c !== null && c !== undefined) el.append(c instanceof Node ? c : String(c));
  }
  return el;
}

function short(text, max) {
  return text.length > max ? '…' + text.slice(text.length - max + 1) : text;
}

function rate(edge) {
  return edge.callsPerSecond.toFixed(1) + '/s' + (edge.shared ? ' (all callers)' : '');
}

// Applications ordered by the mean row of the services they call (the barycenter heuristic), so edges
// cross less and their labels do not sit on one another.
function byCallees(data) {
  const serviceRow = new Map(data.nodes.filter((n) => n.kind === 'service').map((n, i) => [n.id, i]));
  const mean = new Map();
  for (const n of data.nodes.filter((x) => x.kind === 'application')) {
    const rows = data.edges.filter((e) => e.from === n.id).map((e) => serviceRow.get(e.to));
    mean.set(n.id, rows.reduce((a, b) => a + b, 0) / Math.max(1, rows.length));
  }
  const apps = data.nodes.filter((n) => n.kind === 'application').sort((a, b) => mean.get(a.id) - mean.get(b.id));
  return [...apps, ...data.nodes.filter((n) => n.kind !== 'application')];
}

export async function topologyPage() {
  const { data } = await api('GET', '/api/topology');
  const width = Math.max(900, (document.getElementById('main').clientWidth || 1100) - 20);
  const boxW = Math.floor(width / 4);
  const colX = [10, Math.floor(width / 2 - boxW / 2), width - boxW - 10];
  const place = new Map();
  const rows = [0, 0, 0];
  for (const node of byCallees(data)) {
    const c = COLUMNS.indexOf(node.kind);
    place.set(node.id, { x: colX[c], y: 40 + rows[c] * ROW, node });
    rows[c]++;
  }
  const height = 50 + Math.max(1, ...rows) * ROW;
  const svg = s('svg', { id: 'topology-graph', width, height, viewBox: `0 0 ${width} ${height}`, role: 'img',
    'aria-label': 'applications, services and providers' });
  COLUMNS.forEach((kind, c) => svg.append(s('text', { x: colX[c], y: 18, class: 'column-title' }, TITLES[kind])));
  for (const edge of data.edges) {
    const a = place.get(edge.from);
    const b = place.get(edge.to);
    if (!a || !b) continue;
    const x1 = a.x + boxW;
    const y1 = a.y + BOX_H / 2;
    const x2 = b.x;
    const y2 = b.y + BOX_H / 2;
    const mx = (x1 + x2) / 2;
    svg.append(s('g', { class: 'edge' + (edge.callsPerSecond > 0 ? ' busy' : ''), 'data-from': edge.from, 'data-to': edge.to },
      s('path', { d: `M${x1},${y1} C${mx},${y1} ${mx},${y2} ${x2},${y2}` }),
      s('text', { class: 'edge-label', x: mx, y: (y1 + y2) / 2 - 4, 'text-anchor': 'middle' }, rate(edge))));
  }
  for (const { x, y, node } of place.values()) {
    const label = node.kind === 'provider' ? node.label + (node.application ? ' · ' + node.application : '') : node.label;
    const box = s('g', { class: 'node ' + node.kind + (node.degraded ? ' degraded' : ''), 'data-id': node.id },
      s('title', {}, node.kind + ' ' + node.label + (node.health === null || node.health === undefined ? ''
        : ', health ' + node.health.toFixed(2))),
      s('rect', { x, y, width: boxW, height: BOX_H, rx: 5 }),
      s('text', { x: x + 8, y: y + BOX_H / 2 + 4 }, short(label, Math.floor(boxW / 7.2))));
    if (node.kind === 'service') {
      svg.append(s('a', { href: '#/service/' + enc(node.service) }, box));
    } else if (node.kind === 'provider') {
      svg.append(s('a', { href: '#/service/' + enc(node.service) + '/instance/' + enc(node.label) }, box));
    } else {
      svg.append(box);
    }
  }
  return h('section', {}, h('h1', {}, 'Topology'),
    h('p', { class: 'muted' }, 'Who calls what, from the consumer and provider nodes in the registry. Edges carry the '
      + 'calls/s the providers report; callers carry no status, so an application\'s edge shows its service\'s total.'),
    data.nodes.length ? svg : h('p', { class: 'empty' }, 'Nothing registered.'));
}
