// Shows a rule change as the server computed it (RuleDiff, shared with `weft rules history --diff`): lines
// starting "+ " (added), "- " (removed) or "  " (kept), of both rules pretty-printed alike.
import { h } from './dom.js';

export function diff(lines) {
  return h('pre', { class: 'diff' }, (lines || []).map((line) => h('span',
    { class: line.startsWith('+ ') ? 'add' : line.startsWith('- ') ? 'del' : null }, line + '\n')));
}
