// Marketing: the campaign list with status and funnel; the editor (segment builder with a live audience count,
// template and parameter mapping with preview, schedule); launch, pause, resume, cancel.
import { get, post } from './api.js';
import { h, clear } from './dom.js';
import { t, lang } from './i18n.js';
import { field, values, showError, toast, dialog } from './forms.js';
import { loadStages, stageName } from './stages.js';
import { languageFor } from './wa-templates.js'; // issue 25

const FIELDS = ['contact.name', 'contact.city', 'contact.email', 'contact.phone', 'account.name', 'lead.interestArea', 'lead.stage'];
const FUNNEL = ['total', 'sent', 'delivered', 'read', 'replied', 'failed'];
let poll = null;

export function stopCampaigns() { clearInterval(poll); poll = null; }

export async function renderCampaigns(main, ctx) {
  stopCampaigns();
  const page = await get('/api/v1/campaigns?limit=50');
  if (!main.isConnected) return;
  clear(main).append(h('div', { className: 'page-head' }, h('h1', {}, t('campaigns')),
    h('button', { className: 'primary', id: 'new-campaign', onclick: () => renderEditor(main, ctx) }, '+ ', t('newCampaign'))));
  if (!page.items.length) { main.append(h('p', { className: 'empty' }, t('noCampaigns'))); return; }
  const tbody = h('tbody', {}, ...page.items.map((c) => row(c, main, ctx)));
  main.append(h('table', { className: 'grid campaigns', id: 'campaign-list' },
    h('thead', {}, h('tr', {}, h('th', {}, t('name')), h('th', {}, t('status')), h('th', {}, t('template')), h('th', {}, t('funnel')), h('th', {}, ''))), tbody));
  sizeBars(main);
  // The fake and real providers report delivery over seconds: keep the funnel fresh while the list is shown.
  poll = setInterval(async () => {
    if (!main.isConnected) { stopCampaigns(); return; }
    const fresh = await get('/api/v1/campaigns?limit=50').catch(() => null);
    if (!fresh || !main.isConnected) return;
    clear(tbody).append(...fresh.items.map((c) => row(c, main, ctx)));
    sizeBars(main);
  }, 2000);
}

function sizeBars(root) {
  root.querySelectorAll('.funnel .fill').forEach((el) => { el.style.width = `${el.dataset.pct}%`; });
}

function funnel(f) {
  const total = f?.total || 0;
  return h('div', { className: 'funnel' }, ...FUNNEL.map((k) => h('div', { className: `step step-${k}`, 'data-step': k, 'data-count': f?.[k] ?? 0 },
    h('span', { className: 'step-label' }, t(`funnel_${k}`)),
    h('span', { className: 'bar' }, h('span', { className: 'fill', 'data-pct': total ? Math.round(((f?.[k] || 0) / total) * 100) : 0 })),
    h('span', { className: 'step-count' }, String(f?.[k] ?? 0)))));
}

function row(c, main, ctx) {
  const act = (what) => async () => {
    if (what === 'cancel' && !confirm(t('confirmCancel'))) return;
    try { await post(`/api/v1/campaigns/${c.id}/${what}`); renderCampaigns(main, ctx); } catch (e) { toast(e.message); }
  };
  const buttons = [];
  if (c.status === 'draft') buttons.push(h('button', { className: 'small primary', 'data-action': 'launch', onclick: act('launch') }, t('launch')));
  if (['running', 'scheduled'].includes(c.status)) buttons.push(h('button', { className: 'small', 'data-action': 'pause', onclick: act('pause') }, t('pause')));
  if (c.status === 'paused') buttons.push(h('button', { className: 'small', 'data-action': 'resume', onclick: act('resume') }, t('resume')));
  if (['draft', 'scheduled', 'running', 'paused'].includes(c.status)) buttons.push(h('button', { className: 'small', 'data-action': 'cancel', onclick: act('cancel') }, t('cancelCampaign')));
  return h('tr', { 'data-campaign': c.id, 'data-status': c.status },
    h('td', {}, h('strong', {}, c.name), c.scheduledAt ? h('div', { className: 'muted' }, `⏰ ${new Date(c.scheduledAt).toLocaleString(lang())}`) : null),
    h('td', {}, h('span', { className: `chip status-${c.status}` }, t(`cstatus_${c.status}`))),
    h('td', {}, c.template?.name || ''), h('td', {}, funnel(c.funnel)), h('td', { className: 'actions' }, ...buttons));
}

/** "1 contacto", "4 contactos": the word after an audience count. */
const contactsWord = (n) => (n === 1 ? t('contactWord') : t('contactsWord'));

async function renderEditor(main, ctx) {
  stopCampaigns();
  const [inboxes, stages] = await Promise.all([get('/api/v1/sending-inboxes').then((r) => r.items), loadStages()]);
  const templates = ctx.templates;
  const count = h('strong', { id: 'audience-count' }, '…');
  const excluded = h('span', { className: 'muted', id: 'audience-excluded' });
  const countWord = h('span', {}, t('contactsWord'));
  const preview = h('div', { className: 'bubble', id: 'campaign-preview' });
  const sample = h('div', { className: 'muted', id: 'campaign-sample' });
  const mapping = h('div', { id: 'param-mapping' });
  const form = h('form', { className: 'editor', id: 'campaign-form', novalidate: true },
    h('section', { className: 'card' }, h('h2', {}, '1 · ', t('basics')),
      field({ form: 'c', name: 'name', label: t('name'), required: true }),
      field({ form: 'c', name: 'inboxId', label: t('inbox'), options: inboxes.map((i) => [i.id, `${i.name}${i.displayPhoneNumber ? ` (${i.displayPhoneNumber})` : ''}`]) })),
    h('section', { className: 'card' }, h('h2', {}, '2 · ', t('segment')),
      h('div', { className: 'cols' },
        field({ form: 'c', name: 'segment.city', label: t('city') }),
        field({ form: 'c', name: 'segment.labels', label: t('labelsComma') }),
        field({ form: 'c', name: 'segment.leadStage', label: t('stage'), options: [['', t('any')], ...stages.map((x) => [x.key, stageName(stages, x.key)])] }),
        field({ form: 'c', name: 'segment.leadSource', label: t('source') }),
        field({ form: 'c', name: 'segment.interestArea', label: t('interest') }),
        field({ form: 'c', name: 'segment.accountKind', label: t('accountKind'), options: [['', t('any')], ['residential', t('residential')], ['business', t('business')]] }),
        field({ form: 'c', name: 'segment.lastContactedAfter', label: t('contactedAfter'), type: 'date' }),
        field({ form: 'c', name: 'segment.lastContactedBefore', label: t('contactedBefore'), type: 'date' })),
      h('p', { className: 'audience' }, t('audience'), ': ', count, ' ', countWord, ' ', excluded)),
    h('section', { className: 'card' }, h('h2', {}, '3 · ', t('template')),
      field({ form: 'c', name: 'template', label: t('template'), options: templates.filter((x) => languageFor(x, lang())).map((x) => [x.name, `${x.name} · ${x.category}`]) }),
      field({ form: 'c', name: 'language', label: t('languageField'), value: lang(), options: [['es', 'Español'], ['en', 'English']] }),
      mapping, h('h3', {}, t('preview')), preview, sample),
    h('section', { className: 'card' }, h('h2', {}, '4 · ', t('schedule')),
      field({ form: 'c', name: 'scheduledAt', label: t('sendAt'), type: 'datetime-local' }),
      field({ form: 'c', name: 'timeZone', label: t('timeZone'), value: 'America/Santiago' }),
      h('p', { className: 'muted' }, t('scheduleHelp'))),
    h('div', { className: 'form-error', role: 'alert' }),
    h('div', { className: 'row end' }, h('button', { type: 'button', onclick: () => renderCampaigns(main, ctx) }, t('cancel')),
      h('button', { type: 'submit', className: 'primary', id: 'save-campaign' }, t('saveDraft'))));
  clear(main).append(h('div', { className: 'page-head' }, h('h1', {}, t('newCampaign'))), form);

  const tplSelect = form.querySelector('[name=template]');
  const langSelect = form.querySelector('[name=language]');
  const current = () => templates.find((x) => x.name === tplSelect.value);
  const drawMapping = () => {
    clear(mapping);
    const syncs = [];
    (current()?.params || []).forEach((p, i) => {
      const source = h('select', { name: `param.${i}.source`, 'data-param': i, 'aria-label': `${t('param')} {{${i + 1}}}` },
        ...FIELDS.map((f) => h('option', { value: f, selected: f === p }, t(`field_${f}`))),
        h('option', { value: 'text', selected: !FIELDS.includes(p) }, t('fixedText')));
      const text = h('input', { name: `param.${i}.text`, 'data-param-text': i, placeholder: p, 'aria-label': `${p}` });
      const fallback = h('input', { name: `param.${i}.fallback`, placeholder: t('fallback'), value: t('fallbackDefault'), 'aria-label': t('fallback') });
      const sync = () => { text.hidden = source.value !== 'text'; fallback.hidden = source.value === 'text'; drawPreview(); };
      source.addEventListener('change', sync); text.addEventListener('input', drawPreview); fallback.addEventListener('input', drawPreview);
      mapping.append(h('div', { className: 'row param' }, h('code', {}, `{{${i + 1}}}`), h('span', { className: 'muted' }, p), source, text, fallback));
      syncs.push(sync);
    });
    syncs.forEach((f) => f());
    drawPreview();
  };
  const params = () => (current()?.params || []).map((_, i) => {
    const src = form.querySelector(`[name="param.${i}.source"]`)?.value || 'text';
    if (src === 'text') return { text: form.querySelector(`[name="param.${i}.text"]`)?.value.trim() || '' };
    const fb = form.querySelector(`[name="param.${i}.fallback"]`)?.value.trim();
    return fb ? { field: src, fallback: fb } : src;
  });
  function drawPreview() {
    const tpl = current();
    const l = tpl?.languages?.[languageFor(tpl, langSelect.value)] || tpl?.languages?.es;
    const ps = params();
    preview.textContent = (l?.body || '').replace(/\{\{(\d+)}}/g, (_, n) => {
      const p = ps[Number(n) - 1];
      if (!p) return `{{${n}}}`;
      if (p.text !== undefined) return p.text || `{{${n}}}`;
      return `[${t(`field_${p.field || p}`)}]`;
    });
    if (l?.footer) preview.append(h('div', { className: 'muted' }, l.footer));
  }
  const segment = () => {
    const v = values(form);
    const s = {};
    for (const [k, val] of Object.entries(v)) {
      if (!k.startsWith('segment.') || val === null) continue;
      const key = k.slice(8);
      if (key === 'labels') s.labels = val.split(',').map((x) => x.trim()).filter(Boolean);
      else if (key.startsWith('lastContacted')) s[key] = new Date(`${val}T00:00:00`).toISOString();
      else s[key] = val;
    }
    return s;
  };
  let countTimer = null; let asked = 0;
  const recount = () => {
    clearTimeout(countTimer);
    countTimer = setTimeout(async () => {
      const mine = ++asked;
      count.textContent = '…';
      try {
        const res = await post('/api/v1/campaigns/audience', { inboxId: Number(form.querySelector('[name=inboxId]').value), segment: segment() });
        if (mine === asked) {
          count.textContent = String(res.count); count.dataset.count = String(res.count); countWord.textContent = contactsWord(res.count);
          // Say why people the segment matches are left out, so a missing customer is never a mystery.
          const why = [[res.excluded?.optedOut, t('excludedOptedOut')], [res.excluded?.noAddress, t('excludedNoAddress')]]
            .filter(([n]) => n > 0).map(([n, label]) => `${n} ${label}`);
          excluded.textContent = why.length ? `(${t('excludedWord')}: ${why.join(', ')})` : '';
        }
      } catch (e) { if (mine === asked) { count.textContent = '—'; showError(form, e); } }
    }, 250);
  };
  form.addEventListener('input', (e) => { if (e.target.name?.startsWith('segment.') || e.target.name === 'inboxId') recount(); });
  form.addEventListener('change', (e) => { if (e.target.name?.startsWith('segment.') || e.target.name === 'inboxId') recount(); });
  tplSelect.addEventListener('change', drawMapping);
  // Only templates approved in the chosen language are offered (issue 25).
  langSelect.addEventListener('change', () => {
    const keep = tplSelect.value;
    clear(tplSelect).append(...templates.filter((x) => languageFor(x, langSelect.value))
      .map((x) => h('option', { value: x.name, selected: x.name === keep }, `${x.name} · ${x.category}`)));
    drawMapping();
  });
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const v = values(form);
    try {
      const c = await post('/api/v1/campaigns', { name: v.name, inboxId: Number(v.inboxId), template: { name: v.template, language: languageFor(current(), v.language) || v.language },
        params: params(), segment: segment(), scheduledAt: v.scheduledAt ? new Date(v.scheduledAt).toISOString() : undefined,
        timeZone: v.timeZone || undefined });
      renderReview(main, ctx, c);
    } catch (err) { showError(form, err); }
  });
  drawMapping();
  recount();
  form.querySelector('[name=name]').focus();
}

/** After saving: the preview as a real contact of the audience gets it, then launch. */
async function renderReview(main, ctx, c) {
  const p = await post(`/api/v1/campaigns/${c.id}/preview`);
  const tpl = ctx.templates.find((x) => x.name === c.template.name);
  const l = tpl?.languages?.[c.template.language] || tpl?.languages?.es;
  const text = (l?.body || '').replace(/\{\{(\d+)}}/g, (_, n) => p.sample?.params?.[Number(n) - 1] ?? `{{${n}}}`);
  clear(main).append(h('div', { className: 'page-head' }, h('h1', {}, c.name)),
    h('section', { className: 'card review', 'data-campaign': c.id },
      h('p', {}, t('audience'), ': ', h('strong', { id: 'review-audience' }, String(p.audience)), ' ', contactsWord(p.audience)),
      p.sample ? h('p', { className: 'muted' }, t('sampleFor'), ' ', p.sample.name || `#${p.sample.contactId}`) : h('p', { className: 'muted' }, t('noSample')),
      h('div', { className: 'bubble', id: 'review-preview' }, text),
      c.scheduledAt ? h('p', {}, '⏰ ', new Date(c.scheduledAt).toLocaleString(lang())) : null,
      h('div', { className: 'row end' },
        h('button', { onclick: () => renderCampaigns(main, ctx) }, t('later')),
        h('button', { className: 'primary', id: 'launch-campaign', onclick: () => confirmLaunch(main, ctx, c, p) },
          c.scheduledAt ? t('schedule') : t('launchNow')))));
}

/** Nothing goes out before whoever launches has seen how many will get it and a few of their names. */
function confirmLaunch(main, ctx, c, p) {
  dialog({ id: 'launch-dialog', title: t('confirmLaunchTitle'), submitLabel: c.scheduledAt ? t('schedule') : t('launchNow'),
    fields: [h('p', { id: 'launch-summary' }, p.audience === 1 ? t('confirmLaunchCountOne') : t('confirmLaunchCount').replace('{n}', String(p.audience))),
      h('ul', { className: 'plain', id: 'launch-sample' }, ...(p.recipients || []).map((name) => h('li', {}, name))),
      p.audience > (p.recipients || []).length ? h('p', { className: 'muted' }, t('andMore')) : null].filter(Boolean),
    onSubmit: async () => {
      await post(`/api/v1/campaigns/${c.id}/launch`);
      toast(t('launched'));
      renderCampaigns(main, ctx);
    } });
}
