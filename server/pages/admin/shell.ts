import type { RequestHandler } from 'express';
import { errorPage, notFoundPage } from '../bill-pages';
import { html, type SafeHtml } from '../../html';
import { layout, may, type PageContext } from '../layout';
import { ctx } from '../page-kit';
import { t } from '../../i18n';
import { tMessage } from '../../i18n/message';
import { msg } from '../../../shared/i18n';

/** The console's one guard: visitors get a 404 (nothing to see here), signed-in non-admins a 403. */
export const requireAdminPage: RequestHandler = (req, res, next) => {
  if (may(ctx(req), 'admin.console', null)) return next();
  if (!req.user) return void res.status(404).type('html').send(notFoundPage(ctx(req)));
  res.status(403).type('html').send(errorPage(ctx(req), t('Accès refusé'), msg('La console d’administration est réservée aux administrateurs.')));
};

const SECTIONS = [['/admin', msg('Tableau de bord')], ['/admin/comptes', msg('Comptes')], ['/admin/textes', msg('Textes')], ['/admin/courriels', msg('Courriels')]] as const;

/** A console page: the sections' navigation, the flash message if any, then the content. */
export function adminLayout(c: PageContext, p: { title: string; here: string; main: SafeHtml; notice?: string | undefined; error?: string | undefined; crumbs?: SafeHtml }): string {
  return layout(c, {
    title: `${p.error ? t('Erreur – ') : ''}${t('{{titre}} – Administration', { titre: p.title })}`,
    breadcrumb: html`<a href="/admin">${t('Administration')}</a>${p.crumbs ? html` › ${p.crumbs}` : ''}`,
    main: html`<nav aria-label="${t('Console d’administration')}" class="admin-nav"><ul role="list">${SECTIONS.map(([href, label]) => html`<li><a href="${href}"${href === p.here ? html` aria-current="page"` : ''}>${t(label)}</a></li>`)}</ul></nav>
      ${p.error ? html`<div class="alert" role="alert">${tMessage(p.error)}</div>` : ''}
      ${p.notice ? html`<p class="notice" role="status">${p.notice}</p>` : ''}
      ${p.main}`,
  });
}
