import express, { type Router } from 'express';
import { displayNumber } from '../../shared/amendment';
import { OPINION_PARAMS } from '../../shared/opinion-groups';
import type { Db } from '../db/db';
import { AppError } from '../errors';
import { escapeHtml, html, raw, type SafeHtml } from '../html';
import { myOpinionGroup, presentOpinionGroups, type MyGroupReason } from '../present/opinion-groups';
import { findBill, type BillRow } from '../sql/bills';
import { isId } from '../sql/ids';
import { opinionItemLabels, type ItemLabelRow } from '../sql/opinions';
import { layout, type PageContext } from './layout';
import { percent } from './opinion-parts';
import { ctx, page } from './page-kit';
import { currentLang, PARIS_TIME, t, th, tn } from '../i18n';
import { msg } from '../../shared/i18n';

type Map_ = Awaited<ReturnType<typeof presentOpinionGroups>>;
type Group = Map_['groups'][number];
type Item = Map_['items'][number];

/** Okabe–Ito colours: told apart with the common colour blindnesses; each group also has its letter. */
const COLOURS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00'];

interface Label {
  text: SafeHtml;
  href: string;
}

function labelOf(r: ItemLabelRow): Label {
  const [type, id] = r.key.split(':') as [string, string];
  if (type === 'amendment') {
    return { text: html`${t('Amendement n° {{numero}}', { numero: displayNumber(r.origin ?? 'citizen', r.number) ?? '?' })} (${t('article {{numero}}', { numero: r.article ?? '?' })})`, href: `/amendements/${id}` };
  }
  const words = (r.body ?? '').replace(/\s+/g, ' ').trim();
  const [targetType, targetId] = (r.target ?? ':').split(':') as [string, string];
  const href = `${targetType === 'article' ? `/articles/${targetId}` : `/amendements/${targetId}`}#argument-${id}`;
  // what the person wrote stays French on an English page
  const quote = html`<span lang="fr">« ${words.length > 80 ? `${words.slice(0, 80)}…` : words} »</span>`;
  return { text: r.side === 'for' ? th('Argument pour : {{texte}}', { texte: quote }) : th('Argument contre : {{texte}}', { texte: quote }), href };
}

/**
 * The map: each group a disc at its centroid on the first two components, its area proportional
 * to its size. Groups only, never a voter. Read as a picture with a text alternative; the same
 * figures are in the table below it.
 */
export function opinionMapSvg(groups: readonly Group[]): string {
  const W = 640, H = 380, PAD = 24;
  const maxSize = Math.max(1, ...groups.map((g) => g.size));
  const radius = (g: Group) => 18 + 52 * Math.sqrt(g.size / maxSize);
  const xs = groups.map((g) => g.x), ys = groups.map((g) => g.y);
  const span = (v: number[]) => Math.max(1e-9, Math.max(...v) - Math.min(...v));
  const maxR = Math.max(...groups.map(radius));
  // one scale for both axes: distances on the map are distances between the groups
  const scale = Math.min((W - 2 * (PAD + maxR)) / span(xs), (H - 2 * (PAD + maxR)) / span(ys));
  const cx = (Math.max(...xs) + Math.min(...xs)) / 2, cy = (Math.max(...ys) + Math.min(...ys)) / 2;
  const px = (x: number) => (groups.length > 1 ? W / 2 + (x - cx) * scale : W / 2);
  const py = (y: number) => (groups.length > 1 ? H / 2 - (y - cy) * scale : H / 2);
  // its text in the page's language: the image's accessible name and description
  const e = escapeHtml;
  const groupList = groups.map((g) => tn('groupe {{groupe}}, {{count}} votant', 'groupe {{groupe}}, {{count}} votants', g.size, { groupe: g.id })).join(currentLang() === 'fr' ? ' ; ' : '; ');
  const desc = t('{{groupes}}. Plus deux groupes sont proches, plus leurs votes se ressemblent ; l’aire de chaque disque est proportionnelle au nombre de votants du groupe.', { groupes: groupList });
  const discs = groups.map((g, i) => {
    const colour = COLOURS[i % COLOURS.length]!;
    const x = px(g.x).toFixed(1), y = py(g.y).toFixed(1), r = radius(g);
    return `<g><circle cx="${x}" cy="${y}" r="${r.toFixed(1)}" fill="${colour}" fill-opacity="0.25" stroke="${colour}" stroke-width="3"/>` +
      `<text x="${x}" y="${(py(g.y) - 4).toFixed(1)}" text-anchor="middle" font-size="22" font-weight="bold" fill="#1b1b1b">${g.id}</text>` +
      `<text x="${x}" y="${(py(g.y) + 16).toFixed(1)}" text-anchor="middle" font-size="13" fill="#1b1b1b">${e(tn('{{count}} votant', '{{count}} votants', g.size))}</text></g>`;
  }).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-labelledby="carte-titre carte-desc" class="opinion-map">` +
    `<title id="carte-titre">${e(t('Carte des groupes d’opinion'))}</title><desc id="carte-desc">${e(desc)}</desc>` +
    `<rect x="0" y="0" width="${W}" height="${H}" fill="#fafafa" stroke="#ccc"/>${discs}</svg>`;
}

const REASONS: Record<MyGroupReason, string> = {
  not_computed: msg('Les groupes ne sont pas encore calculés.'),
  too_few_votes: msg('Vous n’êtes dans aucun groupe : il faut au moins {{votes}} votes sur les amendements ou arguments de ce texte.'),
  small_group: msg('Vos votes vous placent dans un groupe de moins de {{taille}} votants, qui n’est pas montré.'),
};

function supportCells(it: Item | undefined, groups: readonly Group[]): SafeHtml[] {
  return groups.map((g) => html`<td>${percent(it?.support[g.id])}</td>`);
}

function itemList(refs: readonly { type: string; id: string }[], labels: Map<string, Label>): SafeHtml {
  const known = refs.flatMap((r) => {
    const l = labels.get(`${r.type}:${r.id}`);
    return l ? [l] : [];
  });
  return known.length ? html`<ul>${known.map((l) => html`<li><a href="${l.href}">${l.text}</a></li>`)}</ul>` : html`<p class="muted">${t('Rien de marquant.')}</p>`;
}

export function opinionMapPage(c: PageContext, bill: BillRow, map: Map_, labels: Map<string, Label>, mine: { group: string | null; reason?: MyGroupReason } | null): string {
  const groups = map.groups;
  const byKey = new Map(map.items.map((it) => [`${it.type}:${it.id}`, it]));
  const ranked = [...map.items].filter((it) => it.bridging !== null).sort((a, b) => b.bridging! - a.bridging! || (a.id < b.id ? -1 : 1));
  const consensus = ranked.filter((it) => groups.every((g) => (it.support[g.id] ?? 0) >= 0.5)).slice(0, 10);
  const youAre = mine === null
    ? html`<p><a href="/connexion?suite=/textes/${bill.id}/opinions">${t('Connectez-vous')}</a> ${t('pour savoir dans quel groupe vos votes vous placent (vous seul le voyez).')}</p>`
    : mine.group
      ? html`<p class="callout">${t('Vos votes vous placent dans le')} <strong>${t('groupe {{n}}', { n: mine.group })}</strong>${t('. Vous seul le voyez : ni les autres participants, ni la commission, ni les données ouvertes ne disent qui est dans quel groupe.')}</p>`
      : html`<p class="callout">${t(REASONS[mine.reason ?? 'not_computed'], { votes: OPINION_PARAMS.minVotes, taille: OPINION_PARAMS.minGroupSize })}</p>`;
  const body = groups.length === 0
    ? html`<p class="empty">${t('Pas encore de groupes : il faut au moins {{votants}} votants ayant voté sur {{votes}} amendements ou arguments, et des groupes d’au moins {{taille}} personnes.', { votants: 2 * OPINION_PARAMS.minGroupSize, votes: OPINION_PARAMS.minVotes, taille: OPINION_PARAMS.minGroupSize })}</p>`
    : html`<figure class="chart"><div class="opinion-map-frame">${raw(opinionMapSvg(groups))}</div>
        <figcaption>${t('Chaque disque est un groupe de votants qui votent de façon semblable ; plus deux disques sont proches, plus leurs votes se ressemblent. Aucun votant n’est représenté individuellement.')}</figcaption></figure>
      <h2>${t('Ce que chaque groupe soutient et rejette')}</h2>
      <div class="opinion-groups">${groups.map((g) => html`<section class="opinion-group" aria-labelledby="groupe-${g.id}">
        <h3 id="groupe-${g.id}">${t('Groupe {{id}}', { id: g.id })} <span class="muted">— ${tn('{{count}} votant', '{{count}} votants', g.size)}</span></h3>
        <p class="label">${t('Soutient plus que les autres :')}</p>${itemList(g.supports, labels)}
        <p class="label">${t('Rejette plus que les autres :')}</p>${itemList(g.rejects, labels)}
      </section>`)}</div>
      <h2>${t('Ce qui rassemble')}</h2>
      <p>${t('Les propositions que chaque groupe soutient majoritairement, les plus rassembleuses d’abord (')}<a href="/classements#classement-bridging">${t('comment le score est calculé')}</a>).</p>
      ${consensus.length
        ? html`<ol>${consensus.map((it) => {
          const l = labels.get(`${it.type}:${it.id}`);
          return l ? html`<li><a href="${l.href}">${l.text}</a> <span class="muted">— ${groups.map((g, i) => html`${i ? ', ' : ''}${t('groupe {{id}}', { id: g.id })} ${percent(it.support[g.id])}`)}</span></li>` : html``;
        })}</ol>`
        : html`<p class="muted">${t('Aucune proposition n’est encore soutenue par une majorité de chaque groupe.')}</p>`}
      <h2 id="donnees">${t('Les données de la carte')}</h2>
      <table class="data opinion-table"><caption>${t('Soutien dans chaque groupe (part des votes d’accord, un vote mitigé comptant pour moitié) et score rassembleur, par proposition')}</caption>
        <thead><tr><th scope="col">${t('Proposition')}</th>${groups.map((g) => html`<th scope="col">${t('Groupe {{id}}', { id: g.id })} (${g.size})</th>`)}<th scope="col">${t('Score rassembleur')}</th></tr></thead>
        <tbody>${ranked.map((it) => {
          const l = labels.get(`${it.type}:${it.id}`);
          return l ? html`<tr><th scope="row"><a href="${l.href}">${l.text}</a></th>${supportCells(byKey.get(`${it.type}:${it.id}`), groups)}<td>${percent(it.bridging)}</td></tr>` : html``;
        })}</tbody>
      </table>`;
  return layout(c, {
    title: t('Cartographie des opinions – {{titre}}', { titre: bill.title }),
    breadcrumb: html`<a href="/">${t('Projets de loi')}</a> › <a href="/textes/${bill.id}" lang="fr">${bill.title}</a> › ${t('Cartographie des opinions')}`,
    main: html`<h1>${t('Cartographie des opinions')}</h1>
      <p class="lead">${th('{{titre}} : les votants regroupés selon leurs votes sur les amendements et les arguments, pour voir ce qui rassemble au-delà des désaccords. Un groupe de moins de {{taille}} votants n’est jamais montré ; les amendements parlementaires, sur lesquels on ne vote pas, n’y figurent pas.', { titre: html`<span lang="fr">${bill.title}</span>`, taille: OPINION_PARAMS.minGroupSize })}</p>
      ${map.computedAt ? html`<p class="meta">${t('Calculé le')} <time datetime="${map.computedAt}">${PARIS_TIME.format(new Date(map.computedAt))}</time>${t(', quelques secondes après les derniers votes.')}</p>` : ''}
      ${youAre}
      ${body}
      <p class="chart-links"><a href="/api/bills/${bill.id}/opinion-groups">${t('Données (JSON)')}</a> · <a href="/classements#classement-bridging">${t('Le classement « rassembleurs »')}</a></p>`,
  });
}

/** `/textes/:billId/opinions`: « Cartographie des opinions ». */
export function opinionPages(db: Db): Router {
  const r = express.Router();
  r.get('/textes/:billId/opinions', page(async (req, res) => {
    const id = String(req.params.billId);
    const bill = isId(id) ? await findBill(db, id) : undefined;
    if (!bill) throw new AppError('not_found', 'Ce projet de loi n’existe pas.');
    const [map, labelRows, mine] = await Promise.all([
      presentOpinionGroups(db, bill.id),
      opinionItemLabels(db, bill.id),
      req.user ? myOpinionGroup(db, bill.id, req.user.id) : Promise.resolve(null),
    ]);
    const labels = new Map(labelRows.map((l) => [l.key, labelOf(l)]));
    res.type('html').send(opinionMapPage(ctx(req), bill, map, labels, mine));
  }));
  return r;
}
