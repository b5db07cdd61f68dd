// A test call of one method: JSON arguments in, the result, status and latency out. The console calls
// through discovery and the consumer-side rules as application weft-console, with the user in metadata
// (weft-console-user); every call is audited.
import { api, enc } from './api.js';
import { h } from './dom.js';

export function methodsTable(service, methods) {
  const rows = methods.map((m) => h('tr', { class: 'method', dataset: { method: m } }, h('td', {}, m),
    h('td', {}, h('a', { class: 'try-method needs-editor', href: '#/service/' + enc(service) + '/call/' + enc(m) }, 'Try it'))));
  return h('table', { id: 'methods' }, h('thead', {}, h('tr', {}, h('th', {}, 'Method'), h('th', {}, ''))),
    h('tbody', {}, rows.length ? rows
      : h('tr', {}, h('td', { class: 'empty', colspan: 2 }, 'No provider lists its methods.'))));
}

export function callPage(service, method) {
  const args = h('textarea', { id: 'call-arguments', class: 'short', spellcheck: 'false' }, '[]');
  const timeout = h('input', { id: 'call-timeout', type: 'text', value: '5000', size: 6 });
  const status = h('span', { id: 'call-status' });
  const latency = h('span', { id: 'call-latency', class: 'muted' });
  const result = h('pre', { id: 'call-result', class: 'result' });
  const button = h('button', { id: 'call-button', class: 'primary', type: 'button', onclick: () => call() }, 'Call');

  async function call() {
    button.disabled = true;
    status.replaceChildren();
    latency.textContent = '';
    result.textContent = 'calling…';
    try {
      const { data } = await api('POST', '/api/services/' + enc(service) + '/methods/' + enc(method) + '/call?timeoutMs='
        + enc(timeout.value.trim()), args.value);
      status.replaceChildren(h('span', { class: 'badge ' + (data.status === 'OK' ? 'ok' : 'degraded'),
        title: 'status ' + data.code }, data.status));
      latency.textContent = data.latencyMs + ' ms';
      result.textContent = data.status === 'OK' ? JSON.stringify(data.result, null, 2) : data.message;
    } catch (e) {
      status.replaceChildren(h('span', { class: 'badge degraded' }, 'not called'));
      result.textContent = e.message;
    } finally {
      button.disabled = false;
    }
  }

  return h('section', {}, h('h1', {}, 'Call ', h('a', { href: '#/service/' + enc(service) }, service), '.' + method),
    h('p', { class: 'muted' }, 'Arguments as one JSON array. The console calls through discovery and the consumer-side '
      + 'rules as application weft-console, with your user name in the metadata key weft-console-user; the call is audited.'),
    h('label', {}, 'Arguments (JSON array)', args), h('label', {}, 'Timeout (ms)', timeout),
    h('div', { class: 'actions' }, button, status, latency), h('h2', {}, 'Result'), result);
}
