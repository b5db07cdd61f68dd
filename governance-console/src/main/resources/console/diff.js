// A line diff (longest common subsequence) of two rule texts, pretty-printed first when they are JSON.
import { h } from './dom.js';

function pretty(text) {
  if (text === null || text === undefined) return [];
  try { return JSON.stringify(JSON.parse(text), null, 2).split('\n'); } catch (e) { return String(text).split('\n'); }
}

export function diff(before, after) {
  const a = pretty(before);
  const b = pretty(after);
  const lcs = Array.from({ length: a.length + 1 }, () => new Array(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  const lines = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) { lines.push(h('span', {}, '  ' + a[i] + '\n')); i++; j++; }
    else if (j < b.length && (i === a.length || lcs[i][j + 1] >= lcs[i + 1][j])) { lines.push(h('span', { class: 'add' }, '+ ' + b[j] + '\n')); j++; }
    else { lines.push(h('span', { class: 'del' }, '- ' + a[i] + '\n')); i++; }
  }
  return h('pre', { class: 'diff' }, lines);
}
