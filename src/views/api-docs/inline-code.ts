import { escapeHtml, SafeHtml } from '../html.js';

/** Escapes text and renders its `backticked` spans as `<code>`, the only markup descriptions use. */
export function withInlineCode(text: string | undefined): SafeHtml {
  return new SafeHtml(escapeHtml(text ?? '').replace(/`([^`]+)`/g, '<code>$1</code>'));
}
