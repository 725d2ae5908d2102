// The request form's DOM: built from a FormModel and read back into one. Every input carries the JSON
// pointer of its request field (data-pointer), which is how validation issues find their field.
import { PHASES, SOLUTES } from '../../request/defaults.js';
import type { CompositionUnit } from '../../request/validate.js';
import { phaseLabel } from '../../output/style.js';
import { h, idOf } from '../dom.js';
import { ADVANCED_FIELDS, STRENGTH_MODEL_POINTER, type FormModel } from './model.js';
import type { ProfileRow } from './schedule.js';
import { UNIT_LABELS } from './units.js';

const TIMES = '/temperature_profile/time_points_hours';
const TEMPS = '/temperature_profile/temperatures_celsius';

/** A labelled text input for the field at `pointer`, with its (empty) error message element. */
function field(doc: Document, pointer: string, label: string, value: string, extra = {}): HTMLElement {
  const id = idOf(pointer);
  return h(doc, 'div', { class: 'field' }, [
    h(doc, 'label', { for: id }, [label]),
    h(doc, 'input', {
      id,
      type: 'text',
      inputmode: 'decimal',
      autocomplete: 'off',
      spellcheck: 'false',
      'data-pointer': pointer,
      value,
      ...extra,
    }),
    errorSlot(doc, pointer),
  ]);
}

/** Where the messages about `pointer` (and about fields under it without a slot of their own) go. */
function errorSlot(doc: Document, pointer: string): HTMLElement {
  return h(doc, 'span', { class: 'field-error', id: `${idOf(pointer)}-error`, 'data-error-for': pointer });
}

function compositionSection(doc: Document, model: FormModel): HTMLElement {
  const options = (Object.keys(UNIT_LABELS) as CompositionUnit[]).map((unit) =>
    h(doc, 'option', { value: unit, selected: unit === model.unit }, [UNIT_LABELS[unit]]),
  );
  return h(doc, 'fieldset', { class: 'group' }, [
    h(doc, 'legend', {}, ['Composition (balance Al)']),
    h(doc, 'div', { class: 'field' }, [
      h(doc, 'label', { for: 'composition-unit' }, ['Unit']),
      h(doc, 'select', { id: 'composition-unit', 'data-pointer': '/composition_unit' }, options),
      errorSlot(doc, '/composition_unit'),
    ]),
    ...SOLUTES.map((s) =>
      field(doc, `/composition/${s}`, s[0] + s.slice(1).toLowerCase(), model.composition[s]),
    ),
    errorSlot(doc, '/composition'),
  ]);
}

/** The rows of the profile table: an hours and a °C input and a remove button per point. */
export function profileRows(doc: Document, rows: readonly ProfileRow[]): HTMLTableRowElement[] {
  return rows.map((row, i) => {
    const cell = (pointer: string, value: string, label: string, col: string) =>
      h(doc, 'td', {}, [
        h(doc, 'input', {
          id: idOf(pointer),
          type: 'text',
          inputmode: 'decimal',
          autocomplete: 'off',
          'aria-label': label,
          'data-pointer': pointer,
          'data-row': i,
          'data-col': col,
          value,
        }),
        errorSlot(doc, pointer),
      ]);
    return h(doc, 'tr', {}, [
      cell(`${TIMES}/${i}`, row.hours, `Time of point ${i + 1} (h)`, 'hours'),
      cell(`${TEMPS}/${i}`, row.celsius, `Temperature of point ${i + 1} (°C)`, 'celsius'),
      h(doc, 'td', {}, [
        h(
          doc,
          'button',
          {
            type: 'button',
            class: 'icon',
            'data-action': 'remove-row',
            'data-row': i,
            'aria-label': `Remove point ${i + 1}`,
            disabled: rows.length <= 1,
          },
          ['✕'],
        ),
      ]),
    ]);
  });
}

function profileSection(doc: Document, model: FormModel): HTMLElement {
  const head = h(doc, 'thead', {}, [
    h(doc, 'tr', {}, [
      h(doc, 'th', { scope: 'col' }, ['Time (h)']),
      h(doc, 'th', { scope: 'col' }, ['Temperature (°C)']),
      h(doc, 'th', { scope: 'col' }, [h(doc, 'span', { class: 'sr-only' }, ['Remove'])]),
    ]),
  ]);
  const body = h(doc, 'tbody', { id: 'profile-rows' }, profileRows(doc, model.rows));
  return h(doc, 'fieldset', { class: 'group' }, [
    h(doc, 'legend', {}, ['Temperature profile']),
    h(doc, 'p', { class: 'hint', id: 'profile-hint' }, [
      'Linear between points, held after the last. Arrow keys step a temperature by 1 °C (Shift: 10 °C).',
    ]),
    h(doc, 'table', { class: 'profile', 'aria-describedby': 'profile-hint' }, [head, body]),
    h(doc, 'button', { type: 'button', 'data-action': 'add-row' }, ['Add point']),
    errorSlot(doc, TIMES),
    errorSlot(doc, TEMPS),
    errorSlot(doc, '/temperature_profile'),
    h(doc, 'p', { class: 'field-warning', id: 'profile-warning', 'data-testid': 'profile-warning' }),
    h(doc, 'div', {
      id: 'profile-chart',
      class: 'profile-chart',
      role: 'img',
      'aria-label': 'Temperature against time',
    }),
    field(doc, '/simulation_time_hours', 'Ageing time simulated (h)', model.simulationHours),
  ]);
}

function phasesSection(doc: Document, model: FormModel): HTMLElement {
  const boxes = PHASES.map((p) =>
    h(doc, 'div', { class: 'check' }, [
      h(doc, 'input', {
        type: 'checkbox',
        id: `phase-${p}`,
        name: 'phase',
        value: p,
        checked: model.phases.includes(p),
      }),
      h(doc, 'label', { for: `phase-${p}` }, [phaseLabel(p)]),
    ]),
  );
  return h(doc, 'fieldset', { class: 'group', 'data-pointer': '/phases' }, [
    h(doc, 'legend', {}, ['Phases']),
    ...boxes,
    errorSlot(doc, '/phases'),
  ]);
}

const STRENGTH_MODEL_LABELS: Record<FormModel['strengthModel'], string> = {
  seed_orowan: 'Orowan bypass of the mean radius (seed)',
  kawin: 'kawin: shearing, bypass, solid solution',
};

function strengthSection(doc: Document, model: FormModel): HTMLElement {
  const options = (Object.keys(STRENGTH_MODEL_LABELS) as FormModel['strengthModel'][]).map((name) =>
    h(doc, 'option', { value: name, selected: name === model.strengthModel }, [STRENGTH_MODEL_LABELS[name]]),
  );
  return h(doc, 'fieldset', { class: 'group' }, [
    h(doc, 'legend', {}, ['Strength model']),
    h(doc, 'div', { class: 'field' }, [
      h(doc, 'label', { for: 'strength-model' }, ['Model']),
      h(doc, 'select', { id: 'strength-model', 'data-pointer': STRENGTH_MODEL_POINTER }, options),
      errorSlot(doc, STRENGTH_MODEL_POINTER),
    ]),
    errorSlot(doc, '/config/strength'),
  ]);
}

function advancedSection(doc: Document, model: FormModel): HTMLElement {
  const groups = [...new Set(ADVANCED_FIELDS.map((f) => f.group))];
  return h(doc, 'details', { class: 'advanced', id: 'advanced' }, [
    h(doc, 'summary', {}, ['Advanced']),
    ...groups.map((group) =>
      h(doc, 'fieldset', { class: 'group' }, [
        h(doc, 'legend', {}, [group]),
        ...ADVANCED_FIELDS.filter((f) => f.group === group).map((f) =>
          field(doc, f.pointer, f.label, model.advanced[f.pointer] ?? ''),
        ),
      ]),
    ),
    errorSlot(doc, '/config'),
  ]);
}

/** Replaces the contents of `root` with the form for `model`. */
export function renderForm(root: HTMLElement, model: FormModel): void {
  const doc = root.ownerDocument;
  if (model.carriedConfig) root.dataset.carriedConfig = JSON.stringify(model.carriedConfig);
  else delete root.dataset.carriedConfig;
  root.replaceChildren(
    compositionSection(doc, model),
    profileSection(doc, model),
    phasesSection(doc, model),
    strengthSection(doc, model),
    advancedSection(doc, model),
    errorSlot(doc, '/'),
  );
}

/** Re-renders only the profile rows (after a point was added or removed). */
export function renderProfileRows(root: HTMLElement, rows: readonly ProfileRow[]): void {
  const body = root.querySelector('#profile-rows');
  body?.replaceChildren(...profileRows(root.ownerDocument, rows));
}

const inputValue = (root: HTMLElement, pointer: string) =>
  root.querySelector<HTMLInputElement>(`[data-pointer="${pointer}"]`)?.value ?? '';

/** The model of what the form holds now. */
export function readForm(root: HTMLElement): FormModel {
  const rows: ProfileRow[] = [];
  root.querySelectorAll<HTMLInputElement>('input[data-row]').forEach((input) => {
    const i = Number(input.dataset.row);
    rows[i] ??= { hours: '', celsius: '' };
    rows[i][input.dataset.col as keyof ProfileRow] = input.value;
  });
  const checked = [...root.querySelectorAll<HTMLInputElement>('input[name="phase"]')].filter(
    (b) => b.checked,
  );
  return {
    composition: Object.fromEntries(
      SOLUTES.map((s) => [s, inputValue(root, `/composition/${s}`)]),
    ) as FormModel['composition'],
    unit: inputValue(root, '/composition_unit') as CompositionUnit,
    rows,
    simulationHours: inputValue(root, '/simulation_time_hours'),
    phases: PHASES.filter((p) => checked.some((b) => b.value === p)),
    advanced: Object.fromEntries(ADVANCED_FIELDS.map((f) => [f.pointer, inputValue(root, f.pointer)])),
    strengthModel: (inputValue(root, STRENGTH_MODEL_POINTER) || 'seed_orowan') as FormModel['strengthModel'],
    ...(root.dataset.carriedConfig && {
      carriedConfig: JSON.parse(root.dataset.carriedConfig) as Record<string, unknown>,
    }),
  };
}

/** Writes composition texts into the form (after a unit switch). */
export function writeComposition(root: HTMLElement, texts: FormModel['composition']): void {
  for (const s of SOLUTES) {
    const input = root.querySelector<HTMLInputElement>(`[data-pointer="/composition/${s}"]`);
    if (input) input.value = texts[s];
  }
}
