import { decide, isSuspended, type Operation } from '../../shared/policy';
import type { BillStatus } from '../../shared/phases';
import { accountActors } from '../authorize';
import type { UserRow } from '../sql/users';
import { html, type SafeHtml } from '../html';
import { currentLang, formatDateTime, t, th, tn } from '../i18n';
import { alternateLinks, languageSwitch } from '../i18n/switch';
import type { SealedFormState } from './flash';

/** Whether the viewer's account may do `op` in `phase` (the policy table), to offer its form or not. */
export const may = (c: Pick<PageContext, 'user'>, op: Operation, phase: BillStatus | null): boolean => decide(op, accountActors(c.user), phase).ok;

export interface PageContext {
  user: UserRow | null;
  /** Unread notifications of the signed-in person (shown in the header). */
  unread?: number;
  /** Sign-in with an identity provider, when configured (server/pages/identity-pages.ts). */
  oidc?: OidcPageContext | undefined;
  /**
   * A refused form of the page, sent back by a 303 (post → redirect → get) with the name of the form
   * that failed: that form shows the message and what was typed (server/pages/form-state.ts).
   */
  form?: SealedFormState;
}

export interface OidcPageContext {
  providerName: string;
  issuer: string;
  /** On « Mon compte »: the identities linked to the signed-in account. */
  linked?: { issuer: string; linkedAt: Date }[];
}

/** The badge next to the names of accounts whose identity a provider verified (OpenID Connect). */
export function verifiedBadge(): SafeHtml {
  return html`<span class="badge badge-verified" title="${t('Identité vérifiée par un fournisseur d’identité')}">${t('identité vérifiée')}</span>`;
}

/**
 * Organisations are labelled as such wherever their name appears, and accounts whose identity a
 * provider verified carry « identité vérifiée ».
 */
export function displayName(u: Pick<UserRow, 'display_name' | 'kind'> & { assurance?: UserRow['assurance'] | undefined }): SafeHtml {
  const verified = u.assurance === 'verified' ? html` ${verifiedBadge()}` : html``;
  return u.kind === 'organisation'
    ? html`${u.display_name} <span class="badge">${t('organisation')}</span>${verified}`
    : html`${u.display_name}${verified}`;
}

function notificationsLink(unread: number): SafeHtml {
  return unread > 0
    ? html`<a href="/notifications" class="notifications-link">${t('Notifications')} <span class="count">${unread}</span><span class="visually-hidden"> ${tn('non lue', 'non lues', unread)}</span></a>`
    : html`<a href="/notifications" class="notifications-link">${t('Notifications')}</a>`;
}

/** A suspended account is told on every page what it may still do (docs/moderation.md). */
function suspensionBanner(user: UserRow | null): SafeHtml {
  if (!user || !isSuspended({ suspendedAt: user.suspended_at, suspendedUntil: user.suspended_until }, new Date())) return html``;
  const state = user.suspended_until
    ? t('Votre compte est suspendu jusqu’au {{date}} : vous pouvez lire et faire appel, mais plus rien écrire.', { date: formatDateTime(user.suspended_until) })
    : t('Votre compte est suspendu définitivement : vous pouvez lire et faire appel, mais plus rien écrire.');
  return html`<p class="notice notice-warn suspension-banner" role="status">${state} ${th('La raison est dans le {{lien}}, d’où vous pouvez faire appel.', { lien: html`<a href="/moderation">${t('journal de la modération')}</a>` })}</p>`;
}

/**
 * The page shell: in the visitor's language (with the switch), landmarks, a skip link, one h1 supplied by the page.
 * `refresh`: the page reloads itself (client/src/auto-refresh.ts), for pages that follow a computation; the page
 * offers a link that stops it (WCAG 2.2.1, so no meta refresh) and one to reload by hand, for readers without
 * JavaScript. The address is given without a fragment, else a page reached at `…#section` would only scroll to it.
 */
export function layout(ctx: PageContext, page: { title: string; main: SafeHtml; breadcrumb?: SafeHtml; refresh?: { seconds: number; url: string } | undefined }): string {
  const account = ctx.user
    ? html`${may(ctx, 'admin.console', null) ? html`<a href="/admin">${t('Administration')}</a> ` : ''}${may(ctx, 'moderation.read', null) ? html`<a href="/moderation/signalements">${t('Signalements')}</a> ` : ''}${notificationsLink(ctx.unread ?? 0)} <a href="/compte" class="account-link">${t('Mon compte')}</a> <span class="who">${displayName(ctx.user)}</span>
        <form method="post" action="/deconnexion" class="inline" novalidate><button type="submit" class="link">${t('Se déconnecter')}</button></form>`
    : html`<a href="/connexion">${t('Se connecter')}</a> <a href="/inscription">${t('Créer un compte')}</a>`;
  return html`<!doctype html>
<html lang="${currentLang()}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${ctx.form?.error && !page.title.startsWith(t('Erreur')) ? `${t('Erreur')} – ` : ''}${page.title} · Palimpseste</title>
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/static/styles.css">
<script type="module" src="/static/app.js"></script>
${alternateLinks()}
</head>
<body${page.refresh ? html` data-auto-refresh="${String(page.refresh.seconds)}" data-refresh-url="${page.refresh.url}"` : ''}>
<a class="skip-link" href="#contenu">${t('Aller au contenu')}</a>
<header class="site-header">
  <a class="brand" href="/">Palimpseste</a>
  <a href="/recherche" class="search-link">${t('Rechercher')}</a>
  <nav aria-label="${t('Compte')}">${account}</nav>
  ${languageSwitch()}
</header>
${page.breadcrumb ? html`<nav aria-label="${t('Fil d’Ariane')}" class="breadcrumb">${page.breadcrumb}</nav>` : ''}
<main id="contenu" tabindex="-1">
${suspensionBanner(ctx.user)}${page.main}
</main>
<footer class="site-footer">
  <p>${t('Palimpseste — la loi s’écrit en public.')}</p>
  <ul class="footer-links">
    <li><a href="/moderation">${t('Journal de la modération')}</a></li>
    <li><a href="/classements">${t('Classements')}</a></li>
    <li><a href="/glossaire">${t('Glossaire')}</a></li>
    <li><a href="/api/openapi.json">${t('API ouverte')}</a></li>
    <li><a href="/plan-du-site">${t('Plan du site')}</a></li>
    <li><a href="/accessibilite">${t('Accessibilité : partiellement conforme')}</a></li>
  </ul>
</footer>
</body>
</html>`.value;
}
