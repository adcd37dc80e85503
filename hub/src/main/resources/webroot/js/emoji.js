// A small built-in emoji picker: a fixed list (nothing downloaded), inserted at the caret.
import { h } from './dom.js';
import { t } from './i18n.js';

const EMOJI = ['😀', '😊', '🙂', '😉', '😍', '🤔', '😅', '😂', '🙏', '👍', '👌', '👏', '🙌', '💪', '🤝', '👋',
  '✅', '❌', '⚠️', '❗', '❓', 'ℹ️', '⭐', '🔥', '🎉', '💡', '📅', '⏰', '📍', '📞', '✉️', '📄',
  '💰', '🧾', '🛠️', '🔧', '❄️', '☀️', '🏠', '🏢', '🚚', '⏳', '❤️', '😢', '😮', '🙁', '😎', '🤗'];

/** A button that opens the grid; picking one inserts it into the textarea. */
export function emojiButton(textarea) {
  const grid = h('div', { className: 'emoji-grid', role: 'listbox', 'aria-label': t('emoji'), hidden: true },
    ...EMOJI.map((e) => h('button', { type: 'button', className: 'emoji', role: 'option', 'aria-label': e, onclick: () => {
      const start = textarea.selectionStart ?? textarea.value.length;
      const end = textarea.selectionEnd ?? start;
      textarea.value = textarea.value.slice(0, start) + e + textarea.value.slice(end);
      textarea.selectionStart = textarea.selectionEnd = start + e.length;
      grid.hidden = true;
      textarea.focus();
    } }, e)));
  grid.addEventListener('keydown', (ev) => { if (ev.key === 'Escape') { grid.hidden = true; textarea.focus(); } });
  const button = h('button', { type: 'button', id: 'emoji-button', title: t('emoji'), 'aria-label': t('emoji'), 'aria-haspopup': 'true',
    onclick: () => { grid.hidden = !grid.hidden; if (!grid.hidden) grid.querySelector('button')?.focus(); } }, '🙂');
  return h('span', { className: 'emoji-wrap' }, button, grid);
}
