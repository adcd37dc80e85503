// The pipeline's stages as configured (lead_stages), shown by their names in the reader's language, never by key.
import { get } from './api.js';
import { lang } from './i18n.js';

let cached = null;

/** [{key, name:{es,en}, outcome}] in pipeline order; asked once per page load. */
export function loadStages() {
  if (!cached) cached = get('/api/v1/lead-stages').then((r) => r.items).catch(() => { cached = null; return []; });
  return cached;
}

export function stageName(stages, key) {
  const s = stages.find((x) => x.key === key);
  return s ? (s.name?.[lang()] || s.name?.es || key) : key;
}
