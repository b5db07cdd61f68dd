// The preview under the rule editor: what the edited rule would do now on the current providers, computed by
// the server with the code the instances run (POST …/preview). It never saves; viewers may use it too.
import { api, enc } from './api.js';
import { h, replace, formatHealth } from './dom.js';

const pct = (x) => (x * 100).toFixed(1) + ' %';

export function rulePreview(service, kind) {
  const body = h('div', { id: 'rule-preview-body' });
  const root = h('section', { id: 'rule-preview', class: 'rule-preview', hidden: true },
    h('h2', {}, 'Preview (not saved)'), body);
  const path = '/api/services/' + enc(service) + '/rules/' + enc(kind) + '/preview';

  async function run(jsonText) {
    const { data } = await api('POST', path, jsonText);
    root.hidden = false;
    root.classList.remove('outdated');
    replace(body, h('p', { class: 'muted' }, 'What this ' + kind + ' rule would do now on the '
      + data.instances.length + ' current provider(s), before anything is written.'),
    notes(data.notes), kind === 'routing' ? routing(data) : throttling(data));
  }

  function outdated() {
    if (!root.hidden) root.classList.add('outdated');
  }

  function hide() {
    root.hidden = true;
  }

  return { root, run, outdated, hide };
}

function notes(list) {
  return list && list.length ? h('ul', { class: 'preview-notes' }, list.map((n) => h('li', {}, n))) : null;
}

function routing(data) {
  const routes = data.routes.map((r, i) => route((r.name ? "Route '" + r.name + "'" : 'Route ' + (i + 1)) + ': ' + r.when, r));
  if (data.unmatched) routes.push(route('No route matches: ' + data.unmatched.when, data.unmatched));
  return routes;
}

function route(title, r) {
  const destinations = r.destinations.map((d) => h('li', {},
    (Object.entries(d.subset).map(([k, v]) => k + '=' + v).join(', ') || 'any instance') + ' · weight ' + d.weight
    + ' → ' + pct(d.share) + ' of these calls: ' + (d.instances.join(', ') || 'none') + ' (' + d.outcome + ')'));
  return h('div', { class: 'preview-route' + (r.reached ? '' : ' unreached') },
    h('h3', {}, title), notes(r.notes),
    destinations.length ? h('ul', { class: 'preview-destinations' }, destinations) : null,
    h('table', { class: 'preview-shares' },
      h('thead', {}, h('tr', {}, ['Instance', 'Tags', 'Weight', 'Health', 'State', 'Expected share'].map((x) => h('th', {}, x)))),
      h('tbody', {}, r.shares.map((s) => h('tr', { class: 'preview-share', dataset: { instance: s.instanceId } },
        h('td', {}, s.instanceId),
        h('td', {}, Object.entries(s.tags).map(([k, v]) => h('span', { class: 'tag' }, k + '=' + v))),
        h('td', { class: 'num' }, String(s.weight)), h('td', { class: 'num' }, formatHealth(s.health)),
        h('td', {}, h('span', { class: 'badge ' + (s.state === 'healthy' ? 'ok' : s.state) }, s.state)),
        h('td', { class: 'num share' }, bar(s.share), pct(s.share)))))),
    r.failing > 0 ? h('p', { class: 'message bad' }, pct(r.failing) + ' of these calls would fail UNAVAILABLE.') : null);
}

// A share as a bar; its width set through the CSSOM, which the console's CSP allows (a style attribute it would not).
function bar(share) {
  const el = h('span', { class: 'bar' });
  el.style.width = Math.round(share * 100) + '%';
  return h('span', { class: 'bar-track' }, el);
}

function throttling(data) {
  const rows = data.limits.map((l, i) => h('tr', { class: 'preview-limit' },
    h('td', {}, l.name || 'limit ' + (i + 1)), h('td', {}, l.side), h('td', {}, l.when),
    h('td', {}, [l.qps !== null ? l.qps + ' calls/s' + (l.scope === 'cluster' ? ' (cluster)' : '') : null,
      l.maxConcurrent !== null ? 'max ' + l.maxConcurrent + ' in flight' : null].filter((x) => x).join(', ')),
    h('td', { class: 'num' }, String(l.enforcers)),
    h('td', { class: 'num' }, l.offeredRate.toFixed(1) + ' calls/s'),
    h('td', { class: 'num refused' }, l.refusedShare === null ? '—' : pct(l.refusedShare)),
    h('td', {}, l.verdict, notes(l.notes))));
  return [h('table', { class: 'preview-limits' },
    h('thead', {}, h('tr', {}, ['Limit', 'Side', 'Counts', 'Allows', 'Enforced by', 'Current rate', 'Refused', 'At the current rate']
      .map((x) => h('th', {}, x)))),
    h('tbody', {}, rows.length ? rows : h('tr', {}, h('td', { class: 'empty', colspan: 8 }, 'No limits.')))),
  data.circuitBreaker ? h('p', { class: 'muted' }, 'Circuit breaker: ' + data.circuitBreaker.verdict + '.') : null];
}
