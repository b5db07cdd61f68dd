// People (admins only; the API answers 403 to others): users with their roles, and API tokens. A generated
// password and a new token's secret are shown once, with a copy button; the server keeps only hashes.
// Every change is audited under the acting admin. The page does not re-render by itself, so a shown secret
// stays until the admin moves on.
import { api, enc } from './api.js';
import { h, replace } from './dom.js';

const ROLES = ['viewer', 'editor', 'admin'];
const ROLE_HELP = 'viewer: reads everything · editor: also changes rules, rolls back, makes test calls · '
  + 'admin: also manages people and tokens';

function roleSelect(id, value, onchange) {
  return h('select', { id, onchange }, ROLES.map((r) => h('option', { value: r, selected: r === value }, r)));
}

function when(millis) {
  return millis === null || millis === undefined ? '—' : new Date(millis).toLocaleString();
}

export function peoplePage() {
  const message = h('p', { id: 'people-message', class: 'message' });
  const secret = h('div', { id: 'shown-once' });
  const userRows = h('tbody', {});
  const tokenRows = h('tbody', {});
  let me = null;

  function say(text, kind) {
    message.textContent = text;
    message.className = 'message ' + (kind || '');
  }

  // A secret the server will never show again: in a box with a copy button until the admin moves on.
  function showOnce(title, value, hint) {
    const code = h('code', { id: 'secret-value' }, value);
    const copy = h('button', { id: 'copy-secret', type: 'button', onclick: async () => {
      try {
        await navigator.clipboard.writeText(value);
        copy.textContent = 'Copied';
      } catch (e) { // no clipboard (plain HTTP on another host): select it for Ctrl+C
        const range = document.createRange();
        range.selectNodeContents(code);
        getSelection().removeAllRanges();
        getSelection().addRange(range);
        copy.textContent = 'Selected: press Ctrl+C';
      }
    } }, 'Copy');
    replace(secret, h('div', { class: 'secret' }, h('strong', {}, title), h('div', { class: 'secret-line' }, code, copy),
      h('p', { class: 'muted' }, 'Copy it now: it is shown only this once (the console keeps only a hash). ' + hint),
      h('button', { type: 'button', onclick: () => replace(secret) }, 'Done')));
  }

  async function act(doing, call) {
    try {
      const result = await call();
      await refresh();
      return result;
    } catch (e) {
      say('Not ' + doing + ': ' + e.message, 'bad');
      await refresh().catch(() => {});
      return null;
    }
  }

  function userRow(u) {
    const self = u.name === me;
    return h('tr', { class: 'user', dataset: { user: u.name } }, h('td', {}, u.name, self ? h('span', { class: 'muted' }, ' (you)') : null),
      h('td', {}, self ? h('span', { title: 'another admin can change your role' }, u.role)
        : roleSelect(null, u.role, (event) => changeRole(u, event.target.value))),
      h('td', { class: 'row-actions' },
        h('button', { type: 'button', class: 'reset-password', onclick: () => resetPassword(u) }, 'Reset password'),
        self ? null : h('button', { type: 'button', class: 'delete-user danger', onclick: () => deleteUser(u) }, 'Delete')));
  }

  function tokenRow(t) {
    return h('tr', { class: 'token', dataset: { token: t.id, name: t.name } }, h('td', {}, t.name, h('div', { class: 'muted' }, t.id)),
      h('td', {}, t.role), h('td', {}, when(t.createdAt), h('div', { class: 'muted' }, 'by ' + t.createdBy)),
      h('td', { title: 'as seen by this console since it started' }, when(t.lastUsedAt)),
      h('td', { class: 'row-actions' }, h('button', { type: 'button', class: 'revoke-token danger', onclick: () => revoke(t) }, 'Revoke')));
  }

  async function changeRole(u, role) {
    if (await act('changed', () => api('PUT', '/api/users/' + enc(u.name), { role }))) {
      say(u.name + ' is now ' + role + '.', 'good');
    }
  }

  async function resetPassword(u) {
    const typed = prompt('New password for ' + u.name + ' (at least 8 characters), or leave it empty to generate one:', '');
    if (typed === null) return;
    const body = typed === '' ? { role: u.role, generatePassword: true } : { role: u.role, password: typed };
    const result = await act('reset', () => api('PUT', '/api/users/' + enc(u.name), body));
    if (!result) return;
    say('Password of ' + u.name + ' changed; their other sessions have ended.', 'good');
    if (result.data.password) showOnce('Password of ' + u.name, result.data.password, 'Hand it to them over a private channel.');
  }

  async function deleteUser(u) {
    if (!confirm('Delete user ' + u.name + ' (' + u.role + ')? Their sessions end at once.')) return;
    if (await act('deleted', () => api('DELETE', '/api/users/' + enc(u.name)))) say('Deleted ' + u.name + '.', 'good');
  }

  async function revoke(t) {
    if (!confirm('Revoke API token ' + t.name + ' (' + t.role + ')? Scripts using it get 401 at once.')) return;
    if (await act('revoked', () => api('DELETE', '/api/tokens/' + enc(t.id)))) say('Revoked token ' + t.name + '.', 'good');
  }

  const name = h('input', { id: 'new-user-name', type: 'text', autocomplete: 'off', size: 14 });
  const newRole = roleSelect('new-user-role', 'viewer');
  const password = h('input', { id: 'new-user-password', type: 'password', autocomplete: 'new-password', size: 16 });
  const generate = h('input', { id: 'new-user-generate', type: 'checkbox',
    onchange: () => { password.disabled = generate.checked; } });
  const addUser = h('form', { id: 'add-user', class: 'inline-form', onsubmit: async (event) => {
    event.preventDefault();
    const body = { name: name.value.trim(), role: newRole.value };
    if (generate.checked) body.generatePassword = true; else body.password = password.value;
    const result = await act('added', () => api('POST', '/api/users', body));
    if (!result) return;
    say('Added ' + result.data.name + ' (' + result.data.role + ').', 'good');
    if (result.data.password) showOnce('Password of ' + result.data.name, result.data.password, 'Hand it to them over a private channel.');
    name.value = '';
    password.value = '';
  } }, h('label', {}, 'Name', name), h('label', {}, 'Role', newRole), h('label', {}, 'Initial password', password),
  h('label', { class: 'check' }, h('span', {}, 'Generate'), generate),
  h('button', { id: 'add-user-button', class: 'primary', type: 'submit' }, 'Add user'));

  const tokenName = h('input', { id: 'new-token-name', type: 'text', autocomplete: 'off', size: 18, placeholder: 'e.g. ci-deploy' });
  const tokenRole = roleSelect('new-token-role', 'viewer');
  const addToken = h('form', { id: 'add-token', class: 'inline-form', onsubmit: async (event) => {
    event.preventDefault();
    const result = await act('created', () => api('POST', '/api/tokens', { name: tokenName.value.trim(), role: tokenRole.value }));
    if (!result) return;
    say('Created token ' + result.data.name + ' (' + result.data.role + ').', 'good');
    showOnce('API token ' + result.data.name, result.data.token, 'Send it as the header Authorization: Bearer <token>.');
    tokenName.value = '';
  } }, h('label', {}, 'Name', tokenName), h('label', {}, 'Role', tokenRole),
  h('button', { id: 'create-token', class: 'primary', type: 'submit' }, 'Create token'));

  async function refresh() {
    const [users, tokens, session] = await Promise.all([api('GET', '/api/users'), api('GET', '/api/tokens'),
      api('GET', '/api/session')]);
    me = session.data.user;
    replace(userRows, users.data.users.map(userRow));
    replace(tokenRows, tokens.data.tokens.length ? tokens.data.tokens.map(tokenRow)
      : h('tr', {}, h('td', { class: 'empty', colspan: 5 }, 'No API tokens.')));
  }

  const root = h('section', { id: 'people' }, h('h1', {}, 'People'),
    h('p', { class: 'muted' }, ROLE_HELP + '. Every change here is in the audit log under your name.'),
    message, secret,
    h('h2', {}, 'Users'),
    h('table', { id: 'users' }, h('thead', {}, h('tr', {}, ['User', 'Role', ''].map((x) => h('th', {}, x)))), userRows),
    addUser,
    h('h2', {}, 'API tokens'),
    h('p', { class: 'muted' }, 'For scripts and CI: a token acts with its role, sent as Authorization: Bearer weft_…'),
    h('table', { id: 'tokens' }, h('thead', {}, h('tr', {},
      ['Token', 'Role', 'Created', 'Last used', ''].map((x) => h('th', {}, x)))), tokenRows),
    addToken);
  refresh().catch((e) => say('Cannot load: ' + e.message, 'bad'));
  return { root };
}

// An audit entry of a change to people: who did it, to whom, and what.
export function peopleAuditRow(e) {
  const what = e.action.replace('-', ' ') + ' ' + e.target;
  const detail = [e.role ? 'role ' + e.role : null, e.passwordSet ? 'password set' : null,
    e.tokenId ? 'token ' + e.tokenId : null].filter((x) => x).join(', ');
  return h('tr', { class: 'audit-entry people' }, h('td', {}, new Date(e.at).toLocaleString()),
    h('td', {}, e.user + ' (' + e.remote + ')'), h('td', {}, '—'), h('td', {}, '—'), h('td', {}, what),
    h('td', {}, '—'), h('td', {}, detail));
}
