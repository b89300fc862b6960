/** A response body as JSON, or undefined when it is empty or not JSON (the caller asserts on status and text too). */
export function jsonOrUndefined(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}
