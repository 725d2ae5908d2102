// Validation issues shown next to their fields. An issue names a JSON pointer; its message goes to the
// error slot of that pointer or, when there is none (e.g. "/composition" for the sum of the contents),
// of the nearest pointer above it. The field itself is marked aria-invalid and described by the message.
import type { ValidationIssue } from '../../request/validate.js';

/** The error slot for `pointer`: its own, or its nearest ancestor's, or the form's ("/"). */
export function slotFor(root: HTMLElement, pointer: string): HTMLElement | null {
  let current = pointer;
  while (true) {
    const slot = root.querySelector<HTMLElement>(`[data-error-for="${cssString(current)}"]`);
    if (slot) return slot;
    if (current === '/' || current === '') return null;
    const cut = current.lastIndexOf('/');
    current = cut <= 0 ? '/' : current.slice(0, cut);
  }
}

function cssString(text: string): string {
  return text.replace(/["\\]/g, '\\$&');
}

export function clearIssues(root: HTMLElement): void {
  root.querySelectorAll<HTMLElement>('[data-error-for]').forEach((slot) => {
    slot.textContent = '';
    slot.hidden = true;
  });
  root.querySelectorAll<HTMLElement>('[aria-invalid="true"]').forEach((el) => {
    el.removeAttribute('aria-invalid');
    el.removeAttribute('aria-describedby');
  });
}

/** The control of a pointer, if the form has one (checkbox groups are marked on their fieldset). */
function controlOf(root: HTMLElement, pointer: string): HTMLElement | null {
  return root.querySelector<HTMLElement>(`[data-pointer="${cssString(pointer)}"]`);
}

/**
 * Shows each issue next to its field (messages for one slot are joined) and returns the first control
 * with a problem, to move the focus to.
 */
export function showIssues(root: HTMLElement, issues: readonly ValidationIssue[]): HTMLElement | null {
  clearIssues(root);
  let first: HTMLElement | null = null;
  for (const issue of issues) {
    const slot = slotFor(root, issue.path);
    if (slot) {
      // The message is relative to its field when the slot is the field's; else it names the path.
      const text = slot.dataset.errorFor === issue.path ? issue.message : `${issue.path} ${issue.message}`;
      slot.textContent = slot.textContent ? `${slot.textContent}; ${text}` : text;
      slot.hidden = false;
      slot.closest('details')?.setAttribute('open', '');
    }
    const control = controlOf(root, issue.path);
    if (control) {
      control.setAttribute('aria-invalid', 'true');
      if (slot) control.setAttribute('aria-describedby', slot.id);
    }
    const group = slot?.closest('fieldset');
    first ??= control ?? group?.querySelector<HTMLElement>('input') ?? group?.querySelector('select') ?? null;
  }
  return first;
}

/** Issues from the API's problem+json `errors` (in, pointer, detail) in the form's terms. */
export function issuesFromProblem(problem: unknown): ValidationIssue[] {
  const errors = (problem as { errors?: { in?: string; pointer?: string; detail?: string }[] })?.errors;
  if (!Array.isArray(errors)) return [];
  return errors
    .filter((e) => e.in === 'body' && typeof e.pointer === 'string')
    .map((e) => ({ path: e.pointer as string, message: e.detail ?? 'is invalid' }));
}
