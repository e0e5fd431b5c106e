/** A message carried from one template page to the next (after an import, a duplicate or a delete). */
let pending: string | undefined;

export function setTemplateNotice(text: string): void {
  pending = text;
}

export function takeTemplateNotice(): string | undefined {
  const text = pending;
  pending = undefined;
  return text;
}
