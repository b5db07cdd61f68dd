// Calls the console's REST API. Writes carry the session's CSRF token; a 401 sends the user to the login form.
let csrfToken = null;
let onUnauthorized = () => {};

export function setUnauthorizedHandler(handler) { onUnauthorized = handler; }
export function setCsrfToken(token) { csrfToken = token; }

export class ApiError extends Error {
  constructor(status, body) {
    super((body && body.error) || 'HTTP ' + status);
    this.status = status;
    this.body = body || {};
  }
}

export async function api(method, path, body, headers = {}) {
  const init = { method, headers: { ...headers }, credentials: 'same-origin' };
  if (method !== 'GET') init.headers['X-CSRF-Token'] = csrfToken || '';
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
  }
  const response = await fetch(path, init);
  const text = await response.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch (e) { data = { error: text }; }
  if (response.status === 401 && path !== '/api/login') onUnauthorized();
  if (!response.ok) throw new ApiError(response.status, data);
  return { status: response.status, etag: response.headers.get('ETag'), data };
}

export const enc = encodeURIComponent;
