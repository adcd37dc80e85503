// Cards dragged onto columns or cells (the stage boards, the visit board): the card's id travels as plain text.

/** Lets a card be dragged; answers the card. */
export function draggableCard(li, id) {
  li.addEventListener('dragstart', (e) => { e.dataTransfer.setData('text/plain', String(id)); e.dataTransfer.effectAllowed = 'move'; });
  return li;
}

/** Marks `el` while a card is over it and hands the dropped card's id to `onDrop`; answers `el`. */
export function acceptDroppedCards(el, onDrop) {
  el.addEventListener('dragover', (e) => { e.preventDefault(); el.classList.add('drop-target'); });
  el.addEventListener('dragleave', () => el.classList.remove('drop-target'));
  el.addEventListener('drop', (e) => {
    e.preventDefault();
    el.classList.remove('drop-target');
    onDrop(Number(e.dataTransfer.getData('text/plain')));
  });
  return el;
}
