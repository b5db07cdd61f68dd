// The console's pages: login, services, one service (with its charts), one instance's charts, rule editor,
// topology, audit log, people (admins only). Pages refresh themselves on server-sent "changed" events (and
// every 5 s, for health that goes stale without an event).
import { api, enc, setCsrfToken, setUnauthorizedHandler } from './api.js';
import { h, replace, badge, formatHealth } from './dom.js';
import { ruleEditor } from './editor.js';
import { diff } from './diff.js';
import { serviceHistory, instancePage } from './charts.js';
import { topologyPage } from './topology.js';
import { methodsTable, callPage } from './calls.js';
import { peoplePage, peopleAuditRow } from './people.js';

const main = document.getElementById('main');
const KINDS = ['routing', 'throttling', 'faults', 'security'];
let page = null; // { service, refresh() }
let events = null;

setUnauthorizedHandler(() => showLogin());

function showLogin(message) {
  if (events) { events.close(); events = null; }
  document.getElementById('nav').hidden = true;
  document.getElementById('logout').hidden = true;
  document.getElementById('whoami').textContent = '';
  delete document.body.dataset.role;
  page = null;
  const username = h('input', { id: 'username', type: 'text', autocomplete: 'username', value: 'admin' });
  const password = h('input', { id: 'password', type: 'password', autocomplete: 'current-password', autofocus: true });
  const error = h('p', { id: 'login-error', class: 'message bad' }, message || '');
  const form = h('form', { class: 'login', onsubmit: async (event) => {
    event.preventDefault();
    try {
      const { data } = await api('POST', '/api/login', { username: username.value, password: password.value });
      setCsrfToken(data.csrfToken);
      started(data);
    } catch (e) {
      error.textContent = e.status === 401 ? 'Wrong user name or password.' : e.message;
      password.value = '';
    }
  } }, h('h1', {}, 'Log in'), h('label', { for: 'username' }, 'User'), username,
  h('label', { for: 'password' }, 'Password'), password,
  h('button', { id: 'login-button', class: 'primary', type: 'submit' }, 'Log in'), error);
  replace(main, form);
  password.focus();
}

// The role decides what the UI offers (the API checks it too): viewers get no write controls (style.css).
function started(session) {
  document.body.dataset.role = session.role;
  document.getElementById('whoami').textContent = session.user + ' (' + session.role + ')';
  document.getElementById('nav').hidden = false;
  document.getElementById('nav-people').hidden = session.role !== 'admin';
  document.getElementById('logout').hidden = false;
  connectEvents();
  route();
}

function connectEvents() {
  if (events) return;
  const live = document.getElementById('live');
  events = new EventSource('/api/events');
  events.onopen = () => { live.textContent = 'live'; live.classList.add('on'); };
  events.onerror = () => { live.textContent = 'reconnecting'; live.classList.remove('on'); };
  let pending = null;
  events.addEventListener('changed', (event) => {
    if (!page || (page.service && event.data !== page.service && event.data !== '*')) return;
    clearTimeout(pending);
    pending = setTimeout(() => page && page.refresh(), 100);
  });
}

function route() {
  const parts = location.hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  if (parts[0] === 'service' && parts[1] && parts[2] === 'rules' && KINDS.includes(parts[3])) {
    const editor = ruleEditor(parts[1], parts[3], () => { location.hash = '#/service/' + enc(parts[1]); });
    replace(main, editor.root);
    page = { service: parts[1], refresh: editor.changed, periodic: false };
  } else if (parts[0] === 'service' && parts[1] && parts[2] === 'call' && parts[3]) {
    replace(main, callPage(parts[1], parts[3]));
    page = { service: parts[1], refresh: () => {}, periodic: false };
  } else if (parts[0] === 'service' && parts[1] && parts[2] === 'instance' && parts[3]) {
    show(parts[1], () => instancePage(parts[1], parts[3]));
  } else if (parts[0] === 'service' && parts[1]) {
    show(parts[1], () => servicePage(parts[1]));
  } else if (parts[0] === 'topology') {
    show(null, topologyPage);
  } else if (parts[0] === 'people') {
    replace(main, peoplePage().root); // no re-render by itself: a secret shown once stays
    page = { service: null, refresh: () => {}, periodic: false };
  } else if (parts[0] === 'audit') {
    show(null, auditPage);
  } else {
    show(null, servicesPage);
  }
}

function show(service, render) {
  // A render still in flight when the user moves on must not paint over the next page.
  const current = { service, periodic: true };
  current.refresh = () => render()
    .then((node) => { if (page === current) replace(main, node); })
    .catch((e) => { if (page === current) failed(e); });
  page = current;
  page.refresh();
}

function failed(e) {
  if (e.status !== 401) replace(main, h('p', { class: 'message bad' }, 'Cannot load: ' + e.message));
}

function table(id, headers, rows, emptyText) {
  return h('table', { id }, h('thead', {}, h('tr', {}, headers.map((x) => h('th', {}, x)))),
    h('tbody', {}, rows.length ? rows : h('tr', {}, h('td', { class: 'empty', colspan: headers.length }, emptyText))));
}

async function servicesPage() {
  const { data } = await api('GET', '/api/services');
  const rows = data.services.map((s) => s.invalid
    ? h('tr', { class: 'service invalid', dataset: { service: s.name }, title: s.invalid },
      h('td', {}, s.name), h('td', { class: 'num providers' }, '—'), h('td', { class: 'num consumers' }, '—'),
      h('td', { class: 'num health' }, '—'), h('td', {}, badge('invalid'), ' ', h('span', { class: 'reason' }, s.invalid)))
    : h('tr', { class: 'service', dataset: { service: s.name } },
      h('td', {}, h('a', { href: '#/service/' + enc(s.name) }, s.name)),
      h('td', { class: 'num providers' }, s.providers), h('td', { class: 'num consumers' }, s.consumers),
      h('td', { class: 'num health' }, formatHealth(s.health)),
      h('td', {}, badge(s.health === null ? 'no providers' : s.degraded ? 'degraded' : 'ok'))));
  return h('section', {}, h('h1', {}, 'Services'),
    h('p', { class: 'muted' }, 'Health h̄ is the average of the providers\' reported health (a stale status counts as 0); a service is degraded below ' + data.degradedBelow + '.'),
    table('services', ['Service', 'Providers', 'Consumers', 'Health h̄', 'State'], rows, 'No services registered.'));
}

function tags(map) {
  return Object.entries(map || {}).map(([k, v]) => h('span', { class: 'tag' }, k + '=' + v));
}

function syncCells(instance) {
  return KINDS.map((kind) => {
    const s = instance.rules[kind];
    return h('td', { class: 'sync', dataset: { kind }, title: s.error || '' },
      badge(s.state), s.applied ? h('span', { class: 'muted' }, ' r' + s.applied) : null);
  });
}

function instanceRows(list, withServerColumns, service) {
  return list.map((i) => h('tr', { class: i.invalid ? 'instance invalid' : 'instance', dataset: { instance: i.instanceId },
    title: i.invalid || null },
    h('td', {}, service ? h('a', { href: '#/service/' + enc(service) + '/instance/' + enc(i.instanceId) }, i.instanceId)
      : i.instanceId, i.sidecar ? [' ', badge('sidecar')] : null,
      i.invalid ? [' ', badge('invalid'), ' ', h('span', { class: 'reason' }, i.invalid)] : null),
    h('td', {}, i.application), h('td', {}, tags(i.tags)),
    withServerColumns ? h('td', { class: 'num' }, i.weight) : null,
    h('td', { class: 'num' }, i.stale ? badge('stale') : formatHealth(i.health)),
    h('td', { class: 'num' }, i.qps.toFixed(1)), h('td', { class: 'num' }, (i.errorRate * 100).toFixed(1) + ' %'),
    syncCells(i)));
}

async function servicePage(service) {
  const [{ data }, history] = await Promise.all([api('GET', '/api/services/' + enc(service)), serviceHistory(service)]);
  const kindHeaders = KINDS.map((k) => k);
  const ruleCards = KINDS.map((kind) => {
    const rule = data.rules[kind];
    return h('div', { class: 'rule-card', dataset: { kind } }, h('h2', {}, kind),
      rule.revision ? h('p', { class: 'muted' }, 'revision ' + rule.revision) : h('p', { class: 'muted' }, 'no rule'),
      rule.json ? h('pre', {}, rule.json) : null,
      rule.warnings && rule.warnings.length
        ? h('ul', { class: 'warnings' }, rule.warnings.map((w) => h('li', {}, 'Warning: ' + w))) : null,
      h('a', { href: '#/service/' + enc(service) + '/rules/' + kind, class: 'edit-rule' }, rule.revision ? 'Edit' : 'Create'));
  });
  return h('section', {}, h('h1', { id: 'service-name' }, data.name),
    h('p', {}, 'Health h̄ ', h('strong', { id: 'service-health' }, formatHealth(data.health)), ' ',
      badge(data.health === null ? 'no providers' : data.degraded ? 'degraded' : 'ok')),
    history.banner, history.section,
    h('h2', {}, 'Providers'),
    table('providers', ['Instance', 'Application', 'Tags', 'Weight', 'Health', 'QPS', 'Errors', ...kindHeaders],
      instanceRows(data.providers, true, service), 'No providers.'),
    h('h2', {}, 'Consumers'),
    table('consumers', ['Instance', 'Application', 'Tags', 'Health', 'QPS', 'Errors', ...kindHeaders],
      instanceRows(data.consumers, false), 'No consumers.'),
    h('h2', {}, 'Rules'), h('div', { class: 'rules' }, ruleCards),
    h('h2', {}, 'Methods'), methodsTable(service, data.methods || []));
}

async function auditPage() {
  const { data } = await api('GET', '/api/audit?limit=100');
  const rows = data.entries.map((e) => e.target !== undefined ? peopleAuditRow(e)
    : e.action === 'call' ? h('tr', { class: 'audit-entry call' },
    h('td', {}, new Date(e.at).toLocaleString()), h('td', {}, e.user + ' (' + e.remote + ')'),
    h('td', {}, h('a', { href: '#/service/' + enc(e.service) }, e.service)), h('td', {}, '—'),
    h('td', {}, 'test call'), h('td', {}, '—'), h('td', {}, e.method + ' → ' + e.status + ' in ' + e.latencyMs + ' ms'))
    : h('tr', { class: 'audit-entry' },
    h('td', {}, new Date(e.at).toLocaleString()), h('td', {}, e.user + ' (' + e.remote + ')'),
    h('td', {}, h('a', { href: '#/service/' + enc(e.service) }, e.service)), h('td', {}, e.kind),
    h('td', {}, e.action), h('td', {}, (e.beforeRevision ?? '—') + ' → ' + (e.afterRevision ?? '—')),
    h('td', {}, diff(e.diff))));
  return h('section', {}, h('h1', {}, 'Audit log'),
    table('audit', ['When', 'Who', 'Service', 'Kind', 'Action', 'Revision', 'Change'], rows, 'No changes yet.'));
}

document.getElementById('logout').addEventListener('click', async () => {
  try { await api('POST', '/api/logout'); } finally { showLogin('Logged out.'); }
});
window.addEventListener('hashchange', () => { if (page !== null) route(); });
setInterval(() => { if (page && page.periodic && !document.hidden) page.refresh(); }, 5000);

api('GET', '/api/session').then(({ data }) => {
  if (data.authenticated) { setCsrfToken(data.csrfToken); started(data); } else showLogin();
}).catch((e) => showLogin(e.message));
