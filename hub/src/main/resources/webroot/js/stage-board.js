// The stage board both boards are drawn with (the leads' "Embudo" and the opportunities): a column per stage with its
// count and amount, cards dragged from column to column or moved with their "Mover a…" list, filter lists, a lost
// stage that asks why before the move.
import { h, clear } from './dom.js';
import { dialog, toast } from './forms.js';
import { acceptDroppedCards } from './drag-cards.js';

/** A labelled filter list; `options` are [value, label] pairs. */
export function filterSelect(id, label, value, options, onchange) {
  return h('label', { className: 'pipeline-filter', for: id }, h('span', {}, label),
    h('select', { id, onchange: (e) => onchange(e.target.value) },
      ...options.map(([v, l]) => h('option', { value: v, selected: String(value) === String(v) }, l))));
}

/**
 * Draws the columns into `el`. `view` says how: stageName(stage), countTitle, amount(column), empty, more(n) (the
 * cards the answer left out), card(card, stages) and move(card, stage) for a card dropped on another column.
 */
export function drawColumns(el, columns, view) {
  el.setAttribute('aria-busy', 'false');
  el.dataset.drawnAt = String(performance.now()); // the benchmark reads when the board was drawn
  const stages = columns.map((c) => c.stage);
  clear(el).append(...columns.map((col) => {
    const column = h('section', { className: `pipeline-column outcome-${col.stage.outcome}`, 'data-stage': col.stage.key,
      'aria-label': view.stageName(col.stage) },
    h('header', {},
      h('h2', {}, view.stageName(col.stage)),
      h('span', { className: 'pipeline-count', title: view.countTitle }, String(col.count)),
      h('span', { className: 'pipeline-amount' }, view.amount(col))),
    col.cards.length ? h('ul', { className: 'pipeline-cards' }, ...col.cards.map((card) => view.card(card, stages)))
      : h('p', { className: 'muted pipeline-empty' }, view.empty),
    col.count > col.cards.length ? h('p', { className: 'muted pipeline-more' }, view.more(col.count - col.cards.length)) : null);
    return acceptDroppedCards(column, (id) => {
      const card = columns.flatMap((c) => c.cards).find((c) => c.id === id);
      if (card && card.stage !== col.stage.key) view.move(card, col.stage);
    });
  }));
}

/** A card's "Mover a…" list: every stage but its own. */
export function moveToSelect(card, stages, label, stageName, move) {
  return h('select', { 'aria-label': label, 'data-action': 'move', onchange: (e) => {
    const target = stages.find((s) => s.key === e.target.value);
    e.target.value = '';
    if (target) move(card, target);
  } }, h('option', { value: '' }, label),
  ...stages.filter((s) => s.key !== card.stage).map((s) => h('option', { value: s.key }, stageName(s))));
}

/**
 * Moves a card with `send(lostReason)`; a lost stage first asks for the reason, which the API requires (`lost` names
 * the dialog's id and words: id, title, submitLabel, label). A refused move is shown as a toast.
 */
export async function moveAskingWhyIfLost(stage, lost, send) {
  if (stage.outcome === 'lost') {
    dialog({ id: lost.id, title: lost.title, submitLabel: lost.submitLabel,
      fields: [{ name: 'lostReason', label: lost.label, type: 'textarea', required: true }],
      onSubmit: (v) => send(v.lostReason) });
    return;
  }
  try {
    await send(null);
  } catch (err) {
    toast(err.message);
  }
}
