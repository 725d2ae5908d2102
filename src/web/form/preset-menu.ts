// The preset menu above the form: choosing one fills the form with its request and puts its name in the
// address (so that a reload, or a shared link, opens it; the preview worker starts it at load). Any edit
// of the form turns the menu to "Custom".
import { h } from '../dom.js';
import { modelFromBody, type FormModel } from './model.js';
import { PRESETS, presetFromSearch } from './presets.js';

const CUSTOM = 'custom';

export interface PresetMenu {
  /** The form was edited by hand. */
  edited(): void;
}

export function createPresetMenu(
  select: HTMLSelectElement,
  location: Location,
  history: History,
  chosen: (model: FormModel) => void,
): PresetMenu {
  const doc = select.ownerDocument;
  select.replaceChildren(
    ...PRESETS.map((p) => h(doc, 'option', { value: p.name }, [p.label])),
    h(doc, 'option', { value: CUSTOM, disabled: true }, ['Custom (edited)']),
  );
  select.value = presetFromSearch(location.search).name;
  select.addEventListener('change', () => {
    const preset = PRESETS.find((p) => p.name === select.value);
    if (!preset) return;
    const params = new URLSearchParams(location.search);
    params.set('example', preset.name);
    history.replaceState(null, '', `?${params.toString()}`);
    chosen(modelFromBody(preset.body));
  });
  return { edited: () => (select.value = CUSTOM) };
}
