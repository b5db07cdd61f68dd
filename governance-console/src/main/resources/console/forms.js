// The rule forms: the common fields of each kind, bound by path into the rule object. Fields the form
// does not know are kept as they are; the raw JSON beside the form shows and edits everything.
const text = (path, label) => ({ type: 'text', path, label });
const num = (path, label) => ({ type: 'num', path, label });
const list = (path, label) => ({ type: 'list', path, label });
const map = (path, label) => ({ type: 'map', path, label });
const sel = (path, label, options) => ({ type: 'sel', path, label, options });
const SIDES = ['provider', 'consumer'];
const STATUSES = ['UNAVAILABLE', 'INTERNAL', 'UNKNOWN', 'DEADLINE_EXCEEDED', 'RESOURCE_EXHAUSTED',
  'PERMISSION_DENIED', 'UNAUTHENTICATED', 'INVALID_ARGUMENT', 'NOT_FOUND', 'CANCELLED', 'UNIMPLEMENTED'];

export const FORMS = {
  routing: {
    fields: [sel('fallback', 'fallback', ['all', 'fail']),
      sel('loadBalancer', 'load balancer', ['', 'random', 'round_robin', 'least_active', 'consistent_hash', 'p2c'])],
    rows: {
      key: 'routes', label: 'route', template: () => ({ destinations: [{ weight: 100 }] }),
      fields: [text('name', 'name'), list('match.methods', 'methods (comma-separated)')],
      rows: {
        key: 'destinations', label: 'destination', template: () => ({ weight: 100 }),
        fields: [map('subset', 'subset (tag=value, …)'), num('weight', 'weight (0–100)')],
      },
    },
    initial: () => ({ routes: [{ name: 'default', destinations: [{ weight: 100 }] }], fallback: 'all' }),
  },
  throttling: {
    rows: {
      key: 'limits', label: 'limit', template: () => ({ side: 'provider', qps: 100 }),
      fields: [text('name', 'name'), sel('side', 'side', SIDES), list('match.methods', 'methods'),
        num('qps', 'qps limit'), num('burst', 'burst'), num('maxConcurrent', 'max concurrent'),
        sel('scope', 'scope', ['', 'instance', 'cluster'])],
    },
    initial: () => ({ limits: [{ name: 'qps', side: 'provider', qps: 100 }] }),
  },
  faults: {
    rows: {
      key: 'faults', label: 'fault', template: () => ({ side: 'consumer', abort: { status: 'UNAVAILABLE', percent: 10 } }),
      fields: [text('name', 'name'), sel('side', 'side', SIDES), list('match.methods', 'methods'),
        num('abort.percent', 'abort %'), sel('abort.status', 'abort status', ['', ...STATUSES]),
        num('delay.percent', 'delay %'), num('delay.ms', 'delay ms')],
    },
    initial: () => ({ faults: [{ name: 'abort', side: 'consumer', abort: { status: 'UNAVAILABLE', percent: 10 } }] }),
  },
  security: {
    fields: [sel('defaultAction', 'default action', ['allow', 'deny'])],
    rows: {
      key: 'rules', label: 'rule', template: () => ({ action: 'deny', match: { consumerApps: ['app'] } }),
      fields: [sel('action', 'action', ['allow', 'deny']), list('match.consumerApps', 'consumer apps'),
        list('match.methods', 'methods')],
    },
    initial: () => ({ defaultAction: 'allow', rules: [{ action: 'deny', match: { consumerApps: ['untrusted'] } }] }),
  },
};

export function tokens(path) {
  return path.split('.').flatMap((part) => {
    const out = [];
    const m = part.match(/^([^[]*)((?:\[\d+\])*)$/);
    if (m[1]) out.push(m[1]);
    for (const idx of m[2].matchAll(/\[(\d+)\]/g)) out.push(Number(idx[1]));
    return out;
  });
}

export function getPath(obj, path) {
  return tokens(path).reduce((o, t) => (o === null || o === undefined ? undefined : o[t]), obj);
}

export function setPath(obj, path, value) {
  const ts = tokens(path);
  const chain = [obj];
  let o = obj;
  for (const t of ts.slice(0, -1)) {
    if (o[t] === null || typeof o[t] !== 'object') o[t] = {};
    o = o[t];
    chain.push(o);
  }
  const last = ts[ts.length - 1];
  if (value === undefined) delete o[last]; else o[last] = value;
  for (let i = chain.length - 1; i > 0; i--) { // drop objects the change left empty
    const c = chain[i];
    if (!Array.isArray(c) && Object.keys(c).length === 0) delete chain[i - 1][ts[i - 1]]; else break;
  }
}

export function toInput(field, value) {
  if (value === undefined || value === null) return '';
  if (field.type === 'list' && Array.isArray(value)) return value.join(', ');
  if (field.type === 'map' && typeof value === 'object') return Object.entries(value).map(([k, v]) => k + '=' + v).join(', ');
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

export function fromInput(field, raw) {
  const s = raw.trim();
  if (s === '') return undefined;
  switch (field.type) {
    case 'num': return /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : s;
    case 'list': return s.split(',').map((x) => x.trim()).filter((x) => x);
    case 'map': return Object.fromEntries(s.split(',').map((x) => x.trim()).filter((x) => x).map((x) => {
      const eq = x.indexOf('=');
      return eq < 0 ? [x, ''] : [x.slice(0, eq).trim(), x.slice(eq + 1).trim()];
    }));
    default: return s;
  }
}
