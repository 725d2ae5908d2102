// The Calibrate view's inputs: alloy, quantity, measurements (pasted or uploaded), parameters with their
// bounds, and the method's sizes; and reading them back.
import { OBSERVABLES, type Observable } from '../../request/calibration-schema.js';
import { h } from '../dom.js';
import { PARAMETER_CHOICES, type ParameterChoice } from './choices.js';
import type { MethodSettings } from './document.js';

/** The page's default method: the CLI example's (examples/calibration/aa6063-175C-kawin.json). */
export const DEFAULT_METHOD: MethodSettings = {
  seed: 1,
  maxEvaluations: 1500,
  walkers: 12,
  steps: 30,
  burnIn: 20,
};
const METHOD_LABELS: Record<keyof MethodSettings, string> = {
  maxEvaluations: 'optimiser runs',
  walkers: 'walkers',
  steps: 'sampler steps',
  burnIn: 'burn-in steps',
  seed: 'seed',
};

export function createControls(doc: Document) {
  const alloy = h(doc, 'select', { id: 'calibrate-alloy' }, [
    h(doc, 'option', { value: 'form' }, ['The form’s alloy and schedule']),
    h(doc, 'option', { value: 'example' }, ['Example: AA6063 at 175 °C (Sekhar et al. 2019)']),
  ]);
  const quantity = h(
    doc,
    'select',
    { id: 'calibrate-quantity' },
    OBSERVABLES.map((q) => h(doc, 'option', { value: q }, [q])),
  );
  const csv = h(doc, 'textarea', {
    id: 'calibrate-csv',
    rows: 8,
    spellcheck: 'false',
    placeholder: 'time_h, value, sd\n1, 120, 5\n8, 250, 6',
  });
  const file = h(doc, 'input', { id: 'calibrate-file', type: 'file', accept: '.csv,.txt,text/csv' });
  const bound = (p: ParameterChoice, end: 'min' | 'max') =>
    h(doc, 'input', {
      id: `calibrate-${end}-${p.name}`,
      type: 'number',
      step: 'any',
      value: p[end],
      'aria-label': `${p.label}: ${end}`,
    });
  const rows = PARAMETER_CHOICES.map((p) => ({
    choice: p,
    box: h(doc, 'input', {
      id: `calibrate-param-${p.name}`,
      type: 'checkbox',
      checked: p.chosen || undefined,
    }),
    min: bound(p, 'min'),
    max: bound(p, 'max'),
  }));
  const method = Object.fromEntries(
    (Object.keys(DEFAULT_METHOD) as (keyof MethodSettings)[]).map((k) => [
      k,
      h(doc, 'input', { id: `calibrate-${k}`, type: 'number', step: '1', min: 0, value: DEFAULT_METHOD[k] }),
    ]),
  ) as Record<keyof MethodSettings, HTMLInputElement>;
  const element = h(doc, 'div', { class: 'calibrate-controls' }, [
    h(doc, 'label', {}, ['Alloy and schedule ', alloy]),
    h(doc, 'label', {}, ['Quantity ', quantity]),
    h(doc, 'label', { class: 'calibrate-csv' }, ['Measurements (CSV: time_h, value, sd) ', csv]),
    h(doc, 'label', {}, ['or upload ', file]),
    h(doc, 'fieldset', {}, [
      h(doc, 'legend', {}, ['Parameters (bounds)']),
      ...rows.map((r) =>
        h(doc, 'div', {}, [h(doc, 'label', {}, [r.box, ' ', r.choice.label]), ' ', r.min, ' – ', r.max]),
      ),
    ]),
    h(doc, 'fieldset', { class: 'calibrate-method' }, [
      h(doc, 'legend', {}, ['Method']),
      ...Object.entries(method).map(([k, input]) =>
        h(doc, 'label', {}, [METHOD_LABELS[k as keyof MethodSettings], ' ', input]),
      ),
    ]),
  ]);
  file.addEventListener('change', () => {
    void file.files?.[0]?.text().then((text) => (csv.value = text));
  });
  return {
    element,
    alloy,
    quantity,
    csv,
    read() {
      return {
        alloy: alloy.value as 'form' | 'example',
        quantity: quantity.value as Observable,
        parameters: rows
          .filter((r) => r.box.checked)
          .map((r) => ({ ...r.choice, min: Number(r.min.value), max: Number(r.max.value) })),
        method: Object.fromEntries(
          Object.entries(method).map(([k, input]) => [k, Math.round(Number(input.value))]),
        ) as unknown as MethodSettings,
      };
    },
  };
}
