import { decide, type Operation } from '../../shared/policy';
import type { BillStatus } from '../../shared/phases';
import { accountActors } from '../authorize';
import type { UserRow } from '../sql/users';
import { html, type SafeHtml } from '../html';

/** Whether the viewer's account may do `op` in `phase` (the policy table), to offer its form or not. */
export const may = (c: Pick<PageContext, 'user'>, op: Operation, phase: BillStatus | null): boolean => decide(op, accountActors(c.user), phase).ok;

export interface PageContext {
  user: UserRow | null;
  /** Unread notifications of the signed-in person (shown in the header). */
  unread?: number;
  /** Sign-in with an identity provider, when configured (server/pages/identity-pages.ts). */
  oidc?: OidcPageContext | undefined;
}

export interface OidcPageContext {
  providerName: string;
  issuer: string;
  /** On « Mon compte »: the identities linked to the signed-in account. */
  linked?: { issuer: string; linkedAt: Date }[];
}

/** The badge next to the names of accounts whose identity a provider verified (OpenID Connect). */
export function verifiedBadge(): SafeHtml {
  return html`<span class="badge badge-verified" title="Identité vérifiée par un fournisseur d’identité">identité vérifiée</span>`;
}

/**
 * Organisations are labelled as such wherever their name appears, and accounts whose identity a
 * provider verified carry « identité vérifiée ».
 */
export function displayName(u: Pick<UserRow, 'display_name' | 'kind'> & { assurance?: UserRow['assurance'] | undefined }): SafeHtml {
  const verified = u.assurance === 'verified' ? html` ${verifiedBadge()}` : html``;
  return u.kind === 'organisation'
    ? html`${u.display_name} <span class="badge">organisation</span>${verified}`
    : html`${u.display_name}${verified}`;
}

function notificationsLink(unread: number): SafeHtml {
  return unread > 0
    ? html`<a href="/notifications" class="notifications-link">Notifications <span class="count">${unread}</span><span class="visually-hidden"> non lue${unread > 1 ? 's' : ''}</span></a>`
    : html`<a href="/notifications" class="notifications-link">Notifications</a>`;
}

/** The page shell: French, landmarks, a skip link, one h1 supplied by the page. */
/**
 * `refresh`: the page reloads itself (a meta refresh, no script), for pages that follow a computation; the address is
 * given without a fragment, else a page reached at `…#section` would only scroll to it.
 */
export function layout(ctx: PageContext, page: { title: string; main: SafeHtml; breadcrumb?: SafeHtml; refresh?: { seconds: number; url: string } | undefined }): string {
  const account = ctx.user
    ? html`${may(ctx, 'admin.console', null) ? html`<a href="/admin">Administration</a> ` : ''}${may(ctx, 'moderation.read', null) ? html`<a href="/moderation/signalements">Signalements</a> ` : ''}${notificationsLink(ctx.unread ?? 0)} <a href="/compte" class="account-link">Mon compte</a> <span class="who">${displayName(ctx.user)}</span>
        <form method="post" action="/deconnexion" class="inline"><button type="submit" class="link">Se déconnecter</button></form>`
    : html`<a href="/connexion">Se connecter</a> <a href="/inscription">Créer un compte</a>`;
  return html`<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${page.refresh ? html`<meta http-equiv="refresh" content="${String(page.refresh.seconds)}; url=${page.refresh.url}">` : ''}
<title>${page.title} · Palimpseste</title>
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/static/styles.css">
<script type="module" src="/static/app.js"></script>
</head>
<body>
<a class="skip-link" href="#contenu">Aller au contenu</a>
<header class="site-header">
  <a class="brand" href="/">Palimpseste</a>
  <a href="/recherche" class="search-link">Rechercher</a>
  <nav aria-label="Compte">${account}</nav>
</header>
${page.breadcrumb ? html`<nav aria-label="Fil d’Ariane" class="breadcrumb">${page.breadcrumb}</nav>` : ''}
<main id="contenu" tabindex="-1">
${page.main}
</main>
<footer class="site-footer">
  <p>Palimpseste — la loi s’écrit en public. <a href="/moderation">Journal de la modération</a> · <a href="/classements">Classements</a> · <a href="/glossaire">Glossaire</a> · <a href="/api/openapi.json">API ouverte</a></p>
</footer>
</body>
</html>`.value;
}
