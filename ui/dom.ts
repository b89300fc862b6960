type Child = Node | string | number | false | null | undefined;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- listeners receive the specific event type
type Listener = (event: any) => void;
type Attributes = Record<string, string | number | boolean | Listener | undefined | null>;

/**
 * Creates an element. Text children become text nodes (never parsed as HTML), `on…` attributes with a function
 * become listeners, `false`/`null`/`undefined` attributes are left out.
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: Child[] | Child[][]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (typeof value === 'function') element.addEventListener(name.slice(2).toLowerCase(), value);
    else if (value === true) element.setAttribute(name, '');
    else element.setAttribute(name, String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

/** Replaces the content of `container` with `children`. */
export function mount(container: Element, ...children: Child[]): void {
  container.replaceChildren(
    ...children
      .filter((child): child is Node | string | number => !!child || child === 0)
      .map((c) => (c instanceof Node ? c : String(c))),
  );
}
