const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for an element's content or a quoted attribute: every value passes through here. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** Line breaks the writer put in a value, kept when shown. */
export function escapeLines(text: string): string {
  return text.split(/\r\n|\r|\n/).map(escapeHtml).join('<br>');
}
