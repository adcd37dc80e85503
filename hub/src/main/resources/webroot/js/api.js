// The hub's JSON API, with the session cookie and the CSRF header; errors come back in the page's language.
import { lang } from './i18n.js';

let csrf = null;

export function setCsrf(token) { csrf = token; }

export async function api(method, path, body) {
  const headers = { 'accept': 'application/json', 'accept-language': lang() };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (csrf && method !== 'GET') headers['X-CSRF-Token'] = csrf;
  const res = await fetch(path, { method, headers, credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  const json = text ? JSON.parse(text) : null;
  if (!res.ok) {
    const err = new Error(json?.error?.message || res.statusText);
    err.status = res.status; err.code = json?.error?.code; err.field = json?.error?.field; err.details = json?.fields;
    err.retryAfter = Number(res.headers.get('Retry-After')) || null;
    throw err;
  }
  return json;
}

export const get = (p) => api('GET', p);
export const post = (p, b) => api('POST', p, b ?? {});
export const patch = (p, b) => api('PATCH', p, b);
export const del = (p) => api('DELETE', p);

/** Sends one file as multipart/form-data (field "file"); answers the API's JSON. */
export async function upload(path, file) {
  const form = new FormData();
  form.append('file', file, file.name);
  const res = await fetch(path, { method: 'POST', credentials: 'same-origin', body: form,
    headers: csrf ? { 'X-CSRF-Token': csrf, accept: 'application/json', 'accept-language': lang() }
      : { accept: 'application/json', 'accept-language': lang() } });
  const text = await res.text();
  const json = text ? JSON.parse(text) : null;
  if (!res.ok) {
    const err = new Error(json?.error?.message || res.statusText);
    err.status = res.status; err.code = json?.error?.code; err.field = json?.error?.field;
    throw err;
  }
  return json;
}
