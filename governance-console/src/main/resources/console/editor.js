// The rule editor: a form for the common fields and the raw JSON, validated live by the server (the same
// validator the instances use); errors show at their field. Saving is a compare-and-set on the revision read.
import { api, ApiError, enc } from './api.js';
import { FORMS, getPath, setPath, toInput, fromInput } from './forms.js';
import { h, replace } from './dom.js';
import { ruleHistory } from './history.js';
import { rulePreview } from './preview.js';

export function ruleEditor(service, kind, onDone) {
  const spec = FORMS[kind];
  let state = spec.initial();
  let revision = null; // null: no rule yet
  let timer = null;
  const form = h('div', { id: 'rule-form' });
  const json = h('textarea', { id: 'rule-json', spellcheck: 'false', oninput: () => jsonChanged() });
  const errors = h('ul', { id: 'rule-errors', class: 'errors' });
  const warnings = h('ul', { id: 'rule-warnings', class: 'warnings' }); // valid, but likely not what was meant
  const message = h('span', { id: 'rule-message', class: 'message' });
  const revisionText = h('span', { id: 'rule-revision', class: 'muted' });
  const save = h('button', { id: 'save-rule', class: 'primary', type: 'button', onclick: () => saveRule() }, 'Save');
  const remove = h('button', { id: 'delete-rule', class: 'danger', type: 'button', onclick: () => deleteRule() }, 'Delete rule');
  const preview = rulePreview(service, kind);
  const previewButton = kind === 'routing' || kind === 'throttling'
    ? h('button', { id: 'preview-rule', type: 'button', onclick: () => previewRule() }, 'Preview') : null;
  const root = h('section', {},
    h('h1', {}, kind + ' rule of ', h('a', { href: '#/service/' + enc(service) }, service)),
    h('p', {}, revisionText),
    h('div', { class: 'editor' },
      h('div', {}, h('h2', {}, 'Form'), form),
      h('div', {}, h('h2', {}, 'JSON'), json, errors, warnings)),
    h('div', { class: 'actions' }, save, previewButton, remove, message), preview.root);
  const history = ruleHistory(service, kind, () => revision, () => load(), setMessage);
  root.append(history.root);

  function showState() {
    json.value = JSON.stringify(state, null, 2);
    renderForm();
  }

  function renderForm() {
    if (state === null || typeof state !== 'object' || Array.isArray(state)) {
      replace(form, h('p', { class: 'muted' }, 'The JSON is not an object; fix it there to use the form.'));
      return;
    }
    replace(form, fields(spec.fields || [], ''), spec.rows ? rows(spec.rows, '') : null);
  }

  function fields(list, base) {
    return list.map((field) => {
      const path = base + field.path;
      const value = toInput(field, getPath(state, path));
      const input = field.type === 'sel'
        ? h('select', { dataset: { path } }, field.options.map((o) => h('option', { value: o }, o || '(none)')))
        : h('input', { type: 'text', dataset: { path }, value });
      if (field.type === 'sel') input.value = value;
      input.addEventListener('input', () => {
        setPath(state, path, fromInput(field, input.value));
        json.value = JSON.stringify(state, null, 2);
        scheduleValidation();
      });
      return h('label', {}, field.label, input, h('span', { class: 'field-error' }));
    });
  }

  function rows(rowSpec, base) {
    const arrayPath = base + rowSpec.key;
    const items = getPath(state, arrayPath);
    const array = Array.isArray(items) ? items : [];
    const add = h('button', { type: 'button', class: 'add-' + rowSpec.label, onclick: () => {
      setPath(state, arrayPath, [...array, rowSpec.template()]);
      showState();
      scheduleValidation();
    } }, 'Add ' + rowSpec.label);
    return h('div', { dataset: { path: arrayPath } },
      array.map((item, i) => {
        const itemPath = arrayPath + '[' + i + ']';
        const drop = h('button', { type: 'button', onclick: () => {
          array.splice(i, 1);
          showState();
          scheduleValidation();
        } }, 'Remove');
        return h('fieldset', { dataset: { path: itemPath } }, h('legend', {}, rowSpec.label + ' ' + (i + 1)),
          fields(rowSpec.fields, itemPath + '.'), rowSpec.rows ? rows(rowSpec.rows, itemPath + '.') : null, drop);
      }),
      h('span', { class: 'field-error' }), add);
  }

  function jsonChanged() {
    try {
      state = JSON.parse(json.value);
      renderForm();
    } catch (e) {
      replace(form, h('p', { class: 'muted' }, 'The JSON does not parse; fix it to use the form.'));
    }
    scheduleValidation();
  }

  function scheduleValidation() {
    preview.outdated();
    clearTimeout(timer);
    timer = setTimeout(validate, 200);
  }

  async function validate() {
    try {
      const { data } = await api('POST', '/api/validate/' + enc(kind), json.value);
      showErrors(data.errors);
      replace(warnings, (data.warnings || []).map((w) => h('li', {}, 'Warning: ' + w)));
    } catch (e) {
      setMessage(e.message, 'bad');
    }
  }

  function showErrors(list) {
    for (const el of form.querySelectorAll('.invalid')) el.classList.remove('invalid');
    for (const el of form.querySelectorAll('.field-error')) el.textContent = '';
    replace(errors, list.map((e) => h('li', {}, (e.path ? e.path + ': ' : '') + e.message)));
    for (const error of list) {
      const target = fieldFor(error.path);
      if (!target) continue;
      target.classList.add('invalid');
      const slot = target.tagName === 'DIV' ? target.querySelector(':scope > .field-error') : target.nextElementSibling;
      if (slot) slot.textContent = error.message;
    }
  }

  function fieldFor(path) {
    let best = null;
    for (const el of form.querySelectorAll('[data-path]')) {
      const p = el.dataset.path;
      if ((path === p || path.startsWith(p + '.') || path.startsWith(p + '['))
          && (!best || p.length > best.dataset.path.length)) best = el;
    }
    return best && best.tagName === 'FIELDSET' ? null : best;
  }

  function setMessage(text, kindOfMessage) {
    message.textContent = text;
    message.className = 'message ' + (kindOfMessage || '');
  }

  async function load() {
    try {
      const { data } = await api('GET', '/api/services/' + enc(service) + '/rules/' + enc(kind));
      revision = data.revision;
      json.value = data.json;
      jsonChanged();
    } catch (e) {
      if (!(e instanceof ApiError && e.status === 404)) throw e;
      revision = null;
      state = spec.initial();
      showState();
      scheduleValidation();
    }
    revisionText.textContent = revision === null ? 'No rule yet: saving creates it.' : 'Editing revision ' + revision + '.';
    remove.disabled = revision === null;
  }

  async function saveRule() {
    const headers = revision === null ? {} : { 'If-Match': '"' + revision + '"' };
    try {
      const { data } = await api('PUT', '/api/services/' + enc(service) + '/rules/' + enc(kind), json.value, headers);
      await load();
      setMessage('Saved: revision ' + data.revision + '.', 'good');
      history.refresh().catch(() => {});
    } catch (e) {
      if (e.status === 400) showErrors(e.body.errors || []);
      setMessage('Not saved: ' + e.message, 'bad');
    }
  }

  // Shows what the edited JSON would do now; writes nothing (the server only reads the registry).
  async function previewRule() {
    try {
      await preview.run(json.value);
      setMessage('Preview of the edited rule below: nothing was saved.', '');
    } catch (e) {
      preview.hide();
      if (e.status === 400) showErrors(e.body.errors || []);
      setMessage('No preview: ' + e.message, 'bad');
    }
  }

  async function deleteRule() {
    if (revision === null || !confirm('Delete the ' + kind + ' rule of ' + service + '?')) return;
    try {
      await api('DELETE', '/api/services/' + enc(service) + '/rules/' + enc(kind), undefined, { 'If-Match': '"' + revision + '"' });
      onDone();
    } catch (e) {
      setMessage('Not deleted: ' + e.message, 'bad');
    }
  }

  // Called on live events: tell the user when someone else changed the rule, but keep the edits.
  async function changed() {
    history.refresh().catch(() => {});
    try {
      const { data } = await api('GET', '/api/services/' + enc(service) + '/rules/' + enc(kind));
      if (data.revision !== revision) setMessage('The rule changed in the registry (now revision ' + data.revision + '); saving will be refused until you reload.', 'bad');
    } catch (e) {
      if (e.status === 404 && revision !== null) setMessage('The rule was deleted in the registry meanwhile.', 'bad');
    }
  }

  load().then(() => history.refresh()).catch((e) => setMessage(e.message, 'bad'));
  return { root, changed };
}
