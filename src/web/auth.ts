// Asking for the API key when the service answers 401. The key lives in sessionStorage only (see api.ts);
// "Forget key" removes it at once.
import type { KeyStore } from './api.js';
import { byId } from './dom.js';

export interface KeyPrompt {
  /** Shows the key form with the service's reason and moves the focus to it. */
  ask(reason: string): void;
}

export function createKeyPrompt(doc: Document, keys: KeyStore, onKey: () => void): KeyPrompt {
  const panel = byId(doc, 'key-panel');
  const input = byId<HTMLInputElement>(doc, 'api-key');
  const message = byId(doc, 'key-message');
  const forget = byId<HTMLButtonElement>(doc, 'forget-key');
  const sync = () => (forget.hidden = keys.get() === null);

  byId<HTMLFormElement>(doc, 'key-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const key = input.value.trim();
    if (key === '') {
      message.textContent = 'Enter the API key you were given.';
      input.focus();
      return;
    }
    keys.set(key);
    input.value = '';
    panel.hidden = true;
    sync();
    onKey();
  });
  forget.addEventListener('click', () => {
    keys.clear();
    sync();
    panel.hidden = false;
    message.textContent = 'The key is forgotten. Enter one to use the service.';
    input.focus();
  });
  sync();
  return {
    ask(reason) {
      // A stored key the service refused is useless: drop it so that the next request does not send it.
      if (keys.get() !== null) keys.clear();
      sync();
      panel.hidden = false;
      message.textContent = `The service needs an API key: ${reason}`;
      input.focus();
    },
  };
}
