// The conversation side panel's "Oportunidades" (issue 22): the opportunities the contact's leads were converted into,
// and any opened for the contact, each with its amount and stage, opening the opportunity's page.
import { get } from './api.js';
import { h, clear } from './dom.js';
import { stageName } from './stages.js';
import { to, money } from './opportunity-i18n.js';
import { openOpportunityDetail } from './opportunity-detail.js';

/** Draws at once and fills when the list arrives, so the rest of the panel does not wait for it. */
export function opportunitiesSection(contactId, stages, ctx, redraw) {
  const body = h('div', { id: 'side-opportunities' }, h('p', { className: 'muted' }, '…'));
  get(`/api/v1/contacts/${contactId}/opportunities`).then((res) => {
    clear(body).append(res.items.length ? h('ul', { className: 'plain' }, ...res.items.map((o) => h('li', { 'data-opportunity': o.id },
      h('button', { type: 'button', className: 'link', 'data-action': 'open-opportunity',
        onclick: () => openOpportunityDetail(o.id, ctx, redraw).catch(() => {}) }, o.name), ' ',
      h('span', { className: 'muted' }, `${money(o.amount, o.currency)} · ${stageName(stages, o.stage)} · ${o.probability} %`))))
      : h('p', { className: 'muted' }, to('none')));
  }).catch(() => clear(body).append(h('p', { className: 'muted' }, to('none'))));
  return h('section', { className: 'side-section' }, h('h3', {}, to('title')), body);
}
