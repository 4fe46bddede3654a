import express, { type Request, type Router } from 'express';
import { displayNumber, STATUS_LABELS_FR } from '../../shared/amendment';
import { compute } from '../compute';
import type { Db } from '../db/db';
import { AppError, notFound } from '../http/errors';
import { presentEvent } from '../present/history';
import { loadVisibleAmendment } from '../commands/amendment-access';
import { listRevisions } from '../sql/amendment-revisions';
import { listBillAmendments } from '../sql/amendments';
import { findArticle, findArticleVersion, listArticleVersions, listBillArticles } from '../sql/articles';
import { findBill } from '../sql/bills';
import { findDecision } from '../sql/decisions';
import { listHistory } from '../sql/events';
import { amendmentTitle, dateTimeFr, kindBadge, statusBadge } from './amendment-parts';
import { commissionTallyTable } from './commission-page';
import { compareForm, diffBlock, eventList, timelinePage, TYPE_FILTERS } from './history-pages';
import { html } from '../html';
import { layout } from './layout';
import { ctx, page, pageInt } from './page-kit';
import { t, th } from '../i18n';
import { msg } from '../../shared/i18n';

const PAGE_SIZE = 50;
const param = (req: Request, name: string) => String(req.params[name]);
const str = (v: unknown) => (typeof v === 'string' ? v : '');
const day = (v: string) => (/^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v)) ? v : '');
const int = pageInt;
const REVISION_LABELS = { draft: msg('brouillon'), submission: msg('dépôt des citoyens'), formalisation: msg('mise en forme du greffe'), rectification: msg('version rectifiée'), sub_amendment: msg('réécrit par un sous-amendement adopté') } as const;

/** The history views: a bill's timeline, an article's versions and amendments, an amendment's revisions. */
export function historyPages(db: Db): Router {
  const r = express.Router();

  r.get('/textes/:billId/historique', page(async (req, res) => {
    const bill = await findBill(db, param(req, 'billId'));
    if (!bill) throw notFound(msg('Ce projet de loi n’existe pas.'));
    const articles = await listBillArticles(db, bill.id);
    const filters = { famille: str(req.query.famille) in TYPE_FILTERS ? str(req.query.famille) : '', article: articles.some((a) => a.id === req.query.article) ? str(req.query.article) : '', du: day(str(req.query.du)), au: day(str(req.query.au)) };
    const before = str(req.query.avant);
    const rows = await listHistory(db, {
      billId: bill.id, order: 'desc', limit: PAGE_SIZE + 1, types: filters.famille ? TYPE_FILTERS[filters.famille]!.types : undefined,
      articleId: filters.article || undefined, from: filters.du ? new Date(filters.du) : undefined,
      // « au » is inclusive: up to the end of that day
      to: filters.au ? new Date(Date.parse(filters.au) + 86_400_000) : undefined, after: /^\d{1,18}$/.test(before) ? Number(before) : undefined,
    });
    const query = new URLSearchParams(Object.entries(filters).filter(([, v]) => v !== ''));
    res.type('html').send(timelinePage(ctx(req), {
      bill, articles: articles.map((a) => ({ id: a.id, number: a.number })), events: rows.slice(0, PAGE_SIZE).map(presentEvent),
      next: rows.length > PAGE_SIZE ? String(rows[PAGE_SIZE - 1]!.id) : null, filters, query,
    }));
  }));

  r.get('/articles/:articleId/historique', page(async (req, res) => {
    const article = await findArticle(db, param(req, 'articleId'));
    const bill = article ? await findBill(db, article.bill_id) : undefined;
    if (!article || !bill) throw notFound(msg('Cet article n’existe pas.'));
    const versions = await listArticleVersions(db, article.id);
    const from = int(req.query.de, Math.max(1, article.version - 1));
    const to = int(req.query.a, article.version);
    const [a, b] = await Promise.all([findArticleVersion(db, article.id, from), findArticleVersion(db, article.id, to)]);
    if (!a || !b) throw new AppError('not_found', `L’article ${article.number} n’a pas de version ${!a ? from : to}.`);
    const amendments = (await listBillAmendments(db, bill.id)).filter((x) => x.article_id === article.id);
    const events = (await listHistory(db, { billId: bill.id, articleId: article.id, order: 'desc', limit: 100 })).map(presentEvent);
    const choices = versions.map((v) => ({ value: v.version, label: t('Version {{n}} — {{raison}}, {{date}}', { n: v.version, raison: v.reason, date: dateTimeFr.format(v.created_at) }) }));
    const diff = await compute().run('diffTexts', { before: a.alineas, after: b.alineas });
    res.type('html').send(layout(ctx(req), {
      title: t('Historique de l’article {{numero}} – {{titre}}', { numero: article.number, titre: bill.title }),
      breadcrumb: html`<a href="/">${t('Projets de loi')}</a> › <a href="/textes/${bill.id}" lang="fr">${bill.title}</a> › <a href="/articles/${article.id}">${th('Article {{numero}}', { numero: html`<span lang="fr">${article.number}</span>` })}</a>`,
      main: html`<h1>${th('Historique de l’article {{numero}}', { numero: html`<span lang="fr">${article.number}</span>` })}</h1>
        <section aria-labelledby="versions"><h2 id="versions">${t('Versions')}</h2>
          <ol class="revisions">${versions.map((v) => html`<li><a href="/articles/${article.id}/versions/${v.version}">${t('Version {{n}}', { n: v.version })}</a> — <span lang="fr">${v.reason}</span>, ${t('le {{date}}', { date: dateTimeFr.format(v.created_at) })}</li>`)}</ol>
          ${versions.length > 1 ? html`${compareForm(`/articles/${article.id}/historique`, 'Version', choices, from, to)}
            ${diffBlock(diff, t('De la version {{de}} à la version {{a}}, alinéa par alinéa', { de: from, a: to }), [t('Version {{n}}', { n: from }), t('Version {{n}}', { n: to })])}`
          : html`<p class="muted">${t('Une seule version : le texte tel que publié.')}</p>`}
        </section>
        <section aria-labelledby="amendements"><h2 id="amendements">${t('Ses amendements')}</h2>
          ${amendments.length ? html`<ul class="history-amendments" role="list">${amendments.map((x) => html`<li class="origin-${x.origin} outcome-${x.status}">
            <a href="/amendements/${x.id}">${amendmentTitle(displayNumber(x.origin, x.number))}</a> ${kindBadge(x.kind)} ${statusBadge(x.status)}
            <span class="muted">${x.origin === 'commission' ? t('amendement de la commission') : t('amendement citoyen')}</span></li>`)}</ul>`
          : html`<p class="empty">${t('Aucun amendement déposé sur cet article.')}</p>`}
        </section>
        <section aria-labelledby="evenements"><h2 id="evenements">${t('Événements')}</h2>${eventList(events, bill.id)}
          <p><a href="/api/articles/${article.id}/feed.atom">${t('Flux Atom de l’article')}</a></p></section>`,
    }));
  }));

  // A stable permalink of one version of an article, as published then.
  r.get('/articles/:articleId/versions/:version', page(async (req, res) => {
    const article = await findArticle(db, param(req, 'articleId'));
    const bill = article ? await findBill(db, article.bill_id) : undefined;
    const v = article ? await findArticleVersion(db, article.id, int(req.params.version, 0)) : undefined;
    if (!article || !bill || !v) throw notFound(msg('Cette version d’article n’existe pas.'));
    res.type('html').send(layout(ctx(req), {
      title: t('Article {{numero}}, version {{n}} – {{titre}}', { numero: article.number, n: v.version, titre: bill.title }),
      breadcrumb: html`<a href="/">${t('Projets de loi')}</a> › <a href="/textes/${bill.id}" lang="fr">${bill.title}</a> › <a href="/articles/${article.id}">${th('Article {{numero}}', { numero: html`<span lang="fr">${article.number}</span>` })}</a>`,
      main: html`<h1>${th('Article {{numero}} — version {{n}}', { numero: html`<span lang="fr">${article.number}</span>`, n: v.version })}</h1>
        <p class="meta"><span lang="fr">${v.reason}</span>, ${t('le {{date}}', { date: dateTimeFr.format(v.created_at) })}${v.version === article.version ? ` · ${t('version en vigueur dans le texte')}` : html` · <a href="/articles/${article.id}">${t('version actuelle : {{n}}', { n: article.version })}</a>`}</p>
        ${v.alineas.length ? html`<ol class="alineas bill-text" lang="fr">${v.alineas.map((al) => html`<li>${al}</li>`)}</ol>` : html`<p class="empty">${t('Article supprimé.')}</p>`}
        <p><a href="/articles/${article.id}/historique">${t('Comparer les versions de l’article')}</a> · <a href="/api/articles/${article.id}/versions/${v.version}">JSON</a></p>`,
    }));
  }));

  r.get('/amendements/:id/historique', page(async (req, res) => {
    const { amendment: a } = await loadVisibleAmendment(db, param(req, 'id'), req.user ?? null);
    const bill = await findBill(db, a.bill_id);
    if (!bill) throw notFound(msg('Ce projet de loi n’existe pas.'));
    // the public history: submissions and formalisations (drafts are the authors' working copies)
    // a text hidden by the moderation is not shown, not even as a diff (moderators still see it)
    const masked = a.hidden_reason !== null && !req.user?.roles.some((r) => r === 'moderator' || r === 'admin');
    const revisions = masked ? [] : (await listRevisions(db, a.id)).filter((v) => v.kind !== 'draft');
    const last = revisions.at(-1)?.revision ?? 1;
    const firstPublic = revisions[0]?.revision ?? 1;
    const from = int(req.query.de, revisions.length > 1 ? revisions.at(-2)!.revision : firstPublic);
    const to = int(req.query.a, last);
    const [x, y] = [revisions.find((v) => v.revision === from), revisions.find((v) => v.revision === to)];
    if (revisions.length && (!x || !y)) throw new AppError('not_found', msg('Cette révision n’existe pas (ou n’est pas publique).'));
    const [decision, events] = await Promise.all([findDecision(db, a.id), listHistory(db, { billId: bill.id, amendmentId: a.id, order: 'asc', limit: 200 })]);
    const title = amendmentTitle(displayNumber(a.origin, a.number));
    const diff = x && y ? await compute().run('diffTexts', { before: x.alineas, after: y.alineas }) : null;
    const choices = revisions.map((v) => ({ value: v.revision, label: t('Révision {{n}} — {{quoi}}, {{date}}', { n: v.revision, quoi: t(REVISION_LABELS[v.kind]), date: dateTimeFr.format(v.created_at) }) }));
    res.type('html').send(layout(ctx(req), {
      title: t('Historique – {{amendement}} – {{titre}}', { amendement: title, titre: bill.title }),
      breadcrumb: html`<a href="/">${t('Projets de loi')}</a> › <a href="/textes/${bill.id}" lang="fr">${bill.title}</a> › <a href="/amendements/${a.id}">${title}</a>`,
      main: html`<h1>${t('Historique de l’{{amendement}}', { amendement: title.replace(/^A/, 'a') })}</h1>
        <p class="meta">${kindBadge(a.kind)} ${statusBadge(a.status)} · ${th('article {{numero}}', { numero: html`<span lang="fr">${a.article_number}</span>` })}</p>
        <section aria-labelledby="revisions"><h2 id="revisions">${t('Révisions publiques')}</h2>
          ${masked ? html`<p class="moderated">${t('masqué par la modération :')} <span lang="fr">${a.hidden_reason ?? ''}</span></p>` : ''}
          ${revisions.length ? html`<ol class="revisions">${revisions.map((v) => html`<li>${t('Révision {{n}} — {{quoi}}, le {{date}}', { n: v.revision, quoi: t(REVISION_LABELS[v.kind]), date: dateTimeFr.format(v.created_at) })}</li>`)}</ol>` : html`<p class="empty">${t('Pas encore de révision publique.')}</p>`}
          ${x && y && diff && revisions.length > 1 ? html`${compareForm(`/amendements/${a.id}/historique`, 'Révision', choices, from, to)}
            ${diffBlock(diff, t('De la révision {{de}} ({{quoi_de}}) à la révision {{a}} ({{quoi_a}})', { de: from, quoi_de: t(REVISION_LABELS[x.kind]), a: to, quoi_a: t(REVISION_LABELS[y.kind]) }), [t('Révision {{n}} — {{quoi}}', { n: from, quoi: t(REVISION_LABELS[x.kind]) }), t('Révision {{n}} — {{quoi}}', { n: to, quoi: t(REVISION_LABELS[y.kind]) })])}` : ''}
        </section>
        <section aria-labelledby="decision"><h2 id="decision">${t('Décision')}</h2>
          ${decision ? html`<p class="decision decision-${decision.outcome}"><strong>${t(STATUS_LABELS_FR[decision.outcome])}</strong>, ${t('le {{date}}', { date: dateTimeFr.format(decision.decided_at) })}${decision.reason ? html` : <span lang="fr">${decision.reason}</span>` : ''}</p>
            ${commissionTallyTable(decision.tallies, t('Vote de la commission sur lequel la décision a été prise'))}` : html`<p class="muted">${t('Pas encore de décision de la commission.')}</p>`}
        </section>
        <section aria-labelledby="evenements"><h2 id="evenements">${t('Événements')}</h2>${eventList(events.map(presentEvent), bill.id)}</section>`,
    }));
  }));
  return r;
}
