// The phone layout's tabs (Inputs, Preview, Server run): below 1000 px the page shows one section at a
// time, chosen here, so that the preview is one tap away instead of under the whole form. From 1000 px
// the tabs are hidden and every section shows (styles.css); choosing a tab then changes nothing visible.
import { byId } from './dom.js';

/** A tab's name: the data-tab of its button and the data-panel of its section ('request', 'preview', ...). */
export type TabName = string;

export interface Tabs {
  select(name: TabName): void;
  /** The short note on the Preview tab (the preview's peak strength). */
  notePreview(text: string): void;
}

export function createTabs(doc: Document): Tabs {
  const layout = byId(doc, 'main');
  const buttons = [...doc.querySelectorAll<HTMLButtonElement>('.tabs [role="tab"]')];
  const select = (name: TabName) => {
    layout.dataset.tab = name;
    // Below 1000 px only the chosen panel shows (.tab-off, layout-phone.css); any [data-panel] takes part.
    for (const panel of layout.querySelectorAll<HTMLElement>('[data-panel]'))
      panel.classList.toggle('tab-off', panel.dataset.panel !== name);
    for (const button of buttons) button.setAttribute('aria-selected', String(button.dataset.tab === name));
  };
  for (const button of buttons) {
    button.addEventListener('click', () => select(button.dataset.tab as TabName));
  }
  // Left and right arrows move between tabs, as in any tab list.
  byId(doc, 'main')
    .querySelector('.tabs')
    ?.addEventListener('keydown', (event) => {
      const key = (event as KeyboardEvent).key;
      const step = key === 'ArrowRight' ? 1 : key === 'ArrowLeft' ? -1 : 0;
      const current = buttons.findIndex((b) => b === doc.activeElement);
      if (step === 0 || current < 0) return;
      const next = buttons[(current + step + buttons.length) % buttons.length];
      next.focus();
      select(next.dataset.tab as TabName);
    });
  select(layout.dataset.tab ?? 'request');
  const note = byId(doc, 'tab-preview-peak');
  return { select, notePreview: (text) => (note.textContent = text) };
}
