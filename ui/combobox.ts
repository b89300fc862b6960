import { h } from './dom';

export interface ComboOption {
  id: string;
  label: string;
  secondary?: string;
}

export interface ComboboxOptions {
  id: string;
  label: string;
  placeholder?: string;
  required?: boolean;
  hint?: string;
  /** Shown when the search finds nothing. */
  noResults: string;
  loadingText: string;
  /** Looks up options for the typed text; aborted when the user types on. */
  search: (text: string, signal: AbortSignal) => Promise<ComboOption[]>;
  onSelect: (option: ComboOption | undefined) => void;
  onError?: (error: unknown) => void;
  initial?: ComboOption;
  debounceMs?: number;
}

export interface Combobox {
  element: HTMLElement;
  input: HTMLInputElement;
  selected(): ComboOption | undefined;
  setSelected(option: ComboOption | undefined): void;
  setError(message: string | undefined): void;
}

let counter = 0;

/**
 * A type-to-search combobox (ARIA 1.2 pattern): arrow keys move through the results, Enter picks, Escape closes.
 * Typing clears the selection until an option is picked again, so a half-typed name is never taken as a choice.
 */
export function createCombobox(options: ComboboxOptions): Combobox {
  const listId = `${options.id}-list-${++counter}`;
  const errorId = `${options.id}-error`;
  const hintId = `${options.id}-hint`;
  let selected = options.initial;
  let results: ComboOption[] = [];
  let active = -1;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let controller: AbortController | undefined;

  const input = h('input', {
    id: options.id,
    class: 'fx-input',
    type: 'text',
    role: 'combobox',
    autocomplete: 'off',
    spellcheck: 'false',
    'aria-autocomplete': 'list',
    'aria-expanded': 'false',
    'aria-controls': listId,
    'aria-required': options.required ? 'true' : undefined,
    'aria-describedby': options.hint ? hintId : undefined,
    placeholder: options.placeholder,
  });
  input.value = selected?.label ?? '';
  const list = h('ul', { id: listId, class: 'fx-listbox', role: 'listbox', 'aria-label': options.label, hidden: true });
  const error = h('div', { id: errorId, class: 'fx-field__error', hidden: true });
  const element = h(
    'div',
    { class: 'fx-field' },
    h(
      'label',
      { class: 'fx-label', for: options.id },
      options.label,
      options.required ? h('span', { class: 'fx-label__required', 'aria-hidden': 'true' }, '*') : null,
    ),
    h('div', { class: 'fx-combobox' }, input, list),
    options.hint ? h('div', { id: hintId, class: 'fx-hint' }, options.hint) : null,
    error,
  );

  const close = () => {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  };

  const highlight = (index: number) => {
    active = index;
    Array.from(list.children).forEach((child, i) => child.setAttribute('aria-selected', String(i === index)));
    const option = list.children[index] as HTMLElement | undefined;
    if (option?.id) {
      input.setAttribute('aria-activedescendant', option.id);
      option.scrollIntoView?.({ block: 'nearest' });
    } else input.removeAttribute('aria-activedescendant');
  };

  const choose = (option: ComboOption) => {
    selected = option;
    input.value = option.label;
    setError(undefined);
    close();
    options.onSelect(option);
  };

  const showMessage = (text: string) => {
    list.replaceChildren(
      h('li', { class: 'fx-option fx-option--empty', role: 'option', 'aria-disabled': 'true' }, text),
    );
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
  };

  const render = () => {
    if (results.length === 0) return showMessage(options.noResults);
    list.replaceChildren(
      ...results.map((option, index) =>
        h(
          'li',
          {
            id: `${listId}-${index}`,
            class: 'fx-option',
            role: 'option',
            'aria-selected': 'false',
            'data-id': option.id,
            // mousedown, not click: fires before the input's blur closes the list.
            onmousedown: (event: Event) => {
              event.preventDefault();
              choose(option);
            },
          },
          h('span', {}, option.label),
          option.secondary ? h('span', { class: 'fx-option__secondary' }, option.secondary) : null,
        ),
      ),
    );
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    highlight(0);
  };

  const runSearch = (text: string) => {
    controller?.abort();
    const current = new AbortController();
    controller = current;
    showMessage(options.loadingText);
    options.search(text, current.signal).then(
      (found) => {
        if (current.signal.aborted) return;
        results = found;
        render();
      },
      (err: unknown) => {
        if (current.signal.aborted || (err as Error)?.name === 'AbortError') return;
        close();
        options.onError?.(err);
      },
    );
  };

  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(() => runSearch(input.value.trim()), options.debounceMs ?? 200);
  };

  input.addEventListener('input', () => {
    if (selected) {
      selected = undefined;
      options.onSelect(undefined);
    }
    schedule();
  });
  input.addEventListener('focus', () => {
    if (!selected) schedule();
  });
  input.addEventListener('blur', () => {
    clearTimeout(timer);
    controller?.abort();
    close();
  });
  input.addEventListener('keydown', (event) => {
    const open = !list.hidden && results.length > 0;
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      if (!open) return runSearch(input.value.trim());
      highlight(Math.min(active + 1, results.length - 1));
    } else if (event.key === 'ArrowUp' && open) {
      event.preventDefault();
      highlight(Math.max(active - 1, 0));
    } else if (event.key === 'Enter' && open && active >= 0) {
      event.preventDefault();
      choose(results[active]!);
    } else if (event.key === 'Escape' && !list.hidden) {
      event.preventDefault();
      close();
    }
  });

  function setError(message: string | undefined) {
    error.textContent = message ?? '';
    error.hidden = !message;
    if (message) {
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-errormessage', errorId);
    } else {
      input.removeAttribute('aria-invalid');
      input.removeAttribute('aria-errormessage');
    }
  }

  return {
    element,
    input,
    selected: () => selected,
    setSelected(option) {
      selected = option;
      input.value = option?.label ?? '';
    },
    setError,
  };
}
