/**
 * The shell of a printable export: a standalone French HTML document that links the print style
 * sheet (the Content-Security-Policy forbids inline styles) and carries no script.
 */
import { html, type SafeHtml } from '../html';
import { frenchDate } from './common';

export const PRINT_CSS = '/static/print.css';

export interface PrintablePage {
  /** The document title (the browser tab, the printed header). */
  title: string;
  /** What kind of document this is, printed above the bill title (« Texte adopté »). */
  kind: string;
  billTitle: string;
  generatedAt: string;
  body: SafeHtml;
  /** Use the page's full width (a two-column table). */
  wide?: boolean;
}

export function printablePage(page: PrintablePage): string {
  return html`<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${page.title}</title>
<link rel="stylesheet" href="${PRINT_CSS}">
</head>
<body class="export${page.wide ? ' export-wide' : ''}">
<header class="export-header">
<p class="export-kind">${page.kind}</p>
<h1>${page.billTitle}</h1>
<p class="export-date">Document généré le <time datetime="${page.generatedAt}">${frenchDate(page.generatedAt)}</time></p>
</header>
<main>
${page.body}
</main>
</body>
</html>
`.value;
}
