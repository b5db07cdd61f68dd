// One rule's history under its editor: the audited changes, newest first, each with its diff and a button
// that rolls the rule back to before that change. The rollback is a compare-and-set on the revision the
// editor shows (what the user has seen), so a change made meanwhile by someone else is refused (412).
import { api, enc } from './api.js';
import { h, replace } from './dom.js';
import { diff } from './diff.js';

export function ruleHistory(service, kind, shownRevision, rolledBack, setMessage) {
  const body = h('tbody', {});
  const root = h('section', { class: 'rule-history' }, h('h2', {}, 'History'),
    h('table', { id: 'rule-history' }, h('thead', {}, h('tr', {},
      ['When', 'Who', 'Action', 'Revision', 'Change', ''].map((x) => h('th', {}, x)))), body));
  const base = '/api/services/' + enc(service) + '/rules/' + enc(kind) + '/history';

  async function refresh() {
    const { data } = await api('GET', base);
    replace(body, data.entries.length ? data.entries.map(row)
      : h('tr', {}, h('td', { class: 'empty', colspan: 6 }, 'No audited changes of this rule yet.')));
  }

  function row(e) {
    const when = new Date(e.at);
    const action = e.rollbackOf ? 'rollback of ' + e.rollbackOf : e.action;
    return h('tr', { class: 'history-entry', dataset: { entry: e.id } },
      h('td', { title: when.toISOString() }, when.toLocaleString(), h('div', { class: 'muted' }, e.id)),
      h('td', {}, e.user, h('div', { class: 'muted' }, [e.via, e.remote].filter((x) => x).join(' · '))),
      h('td', {}, action), h('td', {}, (e.beforeRevision ?? '—') + ' → ' + (e.afterRevision ?? '—')),
      h('td', {}, diff(e.diff)),
      h('td', {}, h('button', { type: 'button', class: 'rollback needs-editor', onclick: () => rollback(e, when) },
        'Roll back to before this')));
  }

  async function rollback(e, when) {
    const target = e.before === null ? 'no rule (deletes it)' : 'revision ' + e.beforeRevision + "'s JSON";
    if (!confirm('Roll the ' + kind + ' rule of ' + service + ' back to before the change ' + e.id + ' by '
      + e.user + ' at ' + when.toLocaleString() + ', that is to ' + target + '?')) return;
    const revision = shownRevision();
    try {
      const { data } = await api('POST', base + '/' + enc(e.id) + '/rollback', undefined,
        { 'If-Match': '"' + (revision === null ? 0 : revision) + '"' });
      await rolledBack();
      await refresh();
      setMessage('Rolled back to before ' + e.id + ': ' + (data.revision ? 'revision ' + data.revision : 'no rule') + '.', 'good');
    } catch (err) {
      setMessage('Not rolled back: ' + err.message, 'bad');
    }
  }

  return { root, refresh };
}
