import express, { type Request, type Router } from 'express';
import type { z } from 'zod';
import type { LiveDocs } from '../collab/registry';
import type { Db } from '../db/db';
import { html, type SafeHtml } from '../html';
import { notFound } from '../http/errors';
import type { MailService } from '../mail/service';
import type { Operation } from '../operations/operation';
import { sortitionOps } from '../operations/sortition';
import { loadSortition, type SortitionView } from '../queries/sortition-file';
import { problemOf } from '../sortition/model';
import { findBill, type BillRow } from '../sql/bills';
import { formOperation } from './form-operation';
import { fieldAria, fieldError, formAlert, stateFor, typed } from './form-state';
import { computationStalled, progressBlock, REFRESH_SECONDS } from './sortition-progress';
import { layout, may, type PageContext } from './layout';
import { ctx, formBody, page } from './page-kit';
import { formatNumberWith, PARIS_TIME, t, th, tn } from '../i18n';
import { tMessage } from '../i18n/message';
import { msg } from '../../shared/i18n';

/**
 * « Tirage au sort » (docs/sortition.md): one public page per bill that shows the call, the
 * commitment, the lottery with each volunteer's probability, the draw and everything needed to
 * redo it; volunteers opt in there, those drawn answer there, and the admin runs each step from
 * there. Every form works without JavaScript; committing, drawing and declining ask first.
 */
const STATUS_LABELS: Record<string, string> = {
  open: msg('Appel à volontaires ouvert'), computing: msg('Appel clos — calcul de la loterie en cours'), ready: msg('Loterie publiée — tirage à venir'),
  failed: msg('Calcul impossible'), drawn: msg('Tirage effectué'),
};
const pct = (p: number) => `${formatNumberWith(p * 100, { maximumFractionDigits: 2 })} %`;
/** « N personnes ont rejoint le collège citoyen de la commission. » */
const joined = (n: number, commission: SafeHtml): SafeHtml =>
  n === 0 ? th('Aucune personne tirée n’a encore rejoint le collège citoyen de la {{commission}}.', { commission })
    : n > 1 ? th('{{n}} personnes ont rejoint le collège citoyen de la {{commission}}.', { n, commission })
      : th('{{n}} personne a rejoint le collège citoyen de la {{commission}}.', { n, commission });
const param = (req: Request, name: string) => String(req.params[name]);

/** « Critère | Catégorie | part en % | source » per line, as the operation's strata. */
export function parseStrataLines(text: string): unknown {
  const strata: { name: string; source?: string; categories: { value: string; share: number }[] }[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (!line.trim()) continue;
    const [name = '', value = '', share = '', source] = line.split('|').map((x) => x.trim());
    let s = strata.find((x) => x.name === name);
    if (!s) strata.push((s = { name, categories: [], ...(source ? { source } : {}) }));
    s.categories.push({ value, share: Number(share.replace(',', '.').replace('%', '')) / 100 });
  }
  return strata;
}

function strataTable(v: SortitionView): SafeHtml {
  const { file } = v;
  const filled = file.panel ? fillOf(v, file.panel) : null;
  return html`<table class="data sortition-strata"><caption>${t('Critères, parts cibles et quotas ({{n}} sièges)', { n: file.seats })}</caption>
    <thead><tr><th scope="col">${t('Critère')}</th><th scope="col">${t('Catégorie')}</th><th scope="col">${t('Part de la population')}</th><th scope="col">${t('Quota (sièges)')}</th><th scope="col">${t('Volontaires')}</th>${filled ? html`<th scope="col">${t('Tirés')}</th>` : ''}</tr></thead>
    <tbody>${file.strata.flatMap((s) => s.categories.map((c, j) => {
      const q = file.quotas.find((x) => x.stratum === s.name && x.value === c.value)!;
      const n = file.volunteers.filter((p) => p.answers[s.name] === c.value).length;
      return html`<tr>${j === 0 ? html`<th scope="rowgroup" rowspan="${s.categories.length}"><span lang="fr">${s.name}</span><br><span class="muted">${t('source :')} <span lang="fr">${s.source || t('non indiquée')}</span></span></th>` : ''}
        <td lang="fr">${c.value}</td><td>${pct(c.share)}</td><td>${q.min === q.max ? String(q.min) : t('{{min}} à {{max}}', { min: q.min, max: q.max })}</td><td>${String(n)}</td>${filled ? html`<td>${String(filled.get(`${s.name}\0${c.value}`) ?? 0)}</td>` : ''}</tr>`;
    }))}</tbody></table>`;
}

function fillOf(v: SortitionView, members: readonly string[]): Map<string, number> {
  const out = new Map<string, number>();
  const byP = new Map(v.file.volunteers.map((x) => [x.pseudonym, x]));
  for (const m of members) for (const [k, val] of Object.entries(byP.get(m)?.answers ?? {})) out.set(`${k}\0${val}`, (out.get(`${k}\0${val}`) ?? 0) + 1);
  return out;
}

/**
 * The page's forms by block: a refused form (post → redirect → get) is said at the top of its block,
 * beside the form, even when the refusal means the form is no longer offered (the call closed…).
 */
const BLOCKS = { admin: ['appel', 'engagement', 'calcul', 'tirer'], volunteer: ['volontaire', 'retrait'], response: ['reponse'] } as const;
const blockState = (c: PageContext, block: keyof typeof BLOCKS) => BLOCKS[block].map((name) => stateFor(c, name)).find(Boolean);

function volunteerBlock(c: PageContext, bill: BillRow, v: SortitionView): SafeHtml {
  return html`${formAlert(blockState(c, 'volunteer'))}${volunteerForm(c, bill, v)}`;
}

function volunteerForm(c: PageContext, bill: BillRow, v: SortitionView): SafeHtml {
  const me = c.user ? v.volunteers.find((x) => x.user_id === c.user!.id) : undefined;
  const back = stateFor(c, 'volontaire');
  if (v.row.status !== 'open') return me ? html`<p>${t('Vous êtes volontaire sous le pseudonyme')} <strong>${me.pseudonym}</strong>.</p>` : html``;
  if (!c.user) return html`<p><a href="/connexion?suite=/textes/${bill.id}/tirage">${t('Connectez-vous')}</a> ${t('pour vous porter volontaire.')}</p>`;
  if (!may(c, 'sortition.volunteer', bill.status)) return html`<p class="muted">${t('Le dépôt des candidatures s’ouvre avec la consultation.')}</p>`;
  return html`<form method="post" action="/textes/${bill.id}/tirage/volontaire" class="form stack" id="volontaire" novalidate>
    <h3>${me ? th('Vous êtes volontaire (pseudonyme {{pseudonyme}}) : modifier vos réponses', { pseudonyme: html`<strong>${me.pseudonym}</strong>` }) : t('Me porter volontaire')}</h3>
    <p class="muted">${t('Vos réponses sont publiées sous un pseudonyme, jamais avec votre nom : elles servent à tenir les quotas et à refaire le tirage.')}</p>
    ${v.file.strata.map((s, i) => html`<div class="field"><label for="critere-${String(i)}">${s.name}</label>
      <select id="critere-${String(i)}" name="critere-${String(i)}" required>
        <option value="">${t('— choisir —')}</option>
        ${s.categories.map((cat) => html`<option value="${cat.value}"${typed(back, `critere-${String(i)}`, me?.answers[s.name] ?? '') === cat.value ? html` selected` : ''}>${cat.value}</option>`)}
      </select></div>`)}
    <div class="actions"><button type="submit">${me ? t('Enregistrer mes réponses') : t('Me porter volontaire')}</button></div>
  </form>
  ${me ? html`<form method="post" action="/textes/${bill.id}/tirage/retrait" class="inline" novalidate><button type="submit" class="link">${t('Retirer ma candidature')}</button></form>` : ''}`;
}

function responseBlock(c: PageContext, bill: BillRow, v: SortitionView): SafeHtml {
  return html`${formAlert(blockState(c, 'response'))}${responseForm(c, bill, v)}`;
}

function responseForm(c: PageContext, bill: BillRow, v: SortitionView): SafeHtml {
  const me = c.user ? v.volunteers.find((x) => x.user_id === c.user!.id) : undefined;
  if (!me?.seated_at) return html``;
  if (me.response) return html`<p class="notice" id="reponse">${me.response === 'accepted' ? t('Vous avez accepté de siéger : vous êtes membre du collège citoyen de la commission.') : t('Vous avez décliné.')}</p>`;
  return html`<section class="notice" id="reponse" aria-labelledby="reponse-titre"><h2 id="reponse-titre">${t('Vous avez été tiré au sort')}</h2>
    <p>${t('Acceptez-vous de siéger au collège citoyen de la commission ? Si vous déclinez, la règle publiée désigne quelqu’un d’autre à votre place.')}</p>
    <form method="post" action="/textes/${bill.id}/tirage/reponse" class="actions" novalidate>
      <button type="submit" name="reponse" value="accepted">${t('J’accepte de siéger')}</button>
      <button type="submit" name="reponse" value="declined" class="secondary">${t('Je décline')}</button>
    </form></section>`;
}

function adminBlock(c: PageContext, bill: BillRow, v: SortitionView | undefined): SafeHtml {
  if (!may(c, 'sortition.open', bill.status)) return html``;
  const s = v?.row;
  const lines = s ? s.strata.flatMap((st) => st.categories.map((cat) => `${st.name} | ${cat.value} | ${String(Math.round(cat.share * 10000) / 100)}${st.source ? ` | ${st.source}` : ''}`)).join('\n') : '';
  const [call, commit, draw] = [stateFor(c, 'appel'), stateFor(c, 'engagement'), stateFor(c, 'tirer')];
  return html`<section class="admin-box" aria-labelledby="admin-tirage"><h2 id="admin-tirage">${t('Administration du tirage')}</h2>
    ${formAlert(blockState(c, 'admin'))}
    ${!s || s.status === 'open' ? html`<form method="post" action="/textes/${bill.id}/tirage/appel" class="form stack" novalidate>
      <h3>${s ? t('Modifier l’appel') : t('Ouvrir l’appel à volontaires')}</h3>
      <div class="field"><label for="sieges">${t('Sièges du collège citoyen')}</label>${fieldError(call, 'sieges', 'sieges')}
        <input type="number" id="sieges" name="sieges" min="1" max="500" required value="${typed(call, 'sieges', String(s?.seats ?? ''))}"${fieldAria(call, 'sieges', 'sieges')}></div>
      <div class="field"><label for="criteres">${t('Critères : une catégorie par ligne, « critère | catégorie | part en % | source »')}</label>${fieldError(call, 'criteres', 'criteres')}
        <textarea id="criteres" name="criteres" rows="10" required placeholder="Sexe | Femme | 52 | INSEE 2024&#10;Sexe | Homme | 48 | INSEE 2024" lang="fr"${fieldAria(call, 'criteres', 'criteres')}>${typed(call, 'criteres', lines)}</textarea></div>
      <div class="actions"><button type="submit">${s ? t('Enregistrer') : t('Ouvrir l’appel')}</button></div></form>` : ''}
    ${s?.status === 'open' ? html`<form method="post" action="/textes/${bill.id}/tirage/engagement" class="form stack" novalidate>
      <h3>${t('Clore l’appel et publier l’engagement')}</h3>
      <div class="field"><label for="empreinte">${t('Empreinte SHA-256 de votre graine (facultatif : sinon le serveur tire une graine secrète)')}</label>${fieldError(commit, 'empreinte', 'empreinte')}
        <input id="empreinte" name="empreinte" pattern="[0-9a-fA-F]{64}" size="66" value="${typed(commit, 'empreinte')}"${fieldAria(commit, 'empreinte', 'empreinte')}></div>
      <div class="actions"><button type="submit">${t('Clore l’appel et s’engager')}</button></div></form>` : ''}
    ${s?.status === 'failed' || (s && computationStalled(s)) ? html`<form method="post" action="/textes/${bill.id}/tirage/calcul" class="inline" novalidate><button type="submit" class="secondary">${t('Relancer le calcul')}</button></form>` : ''}
    ${s?.status === 'ready' ? html`<form method="post" action="/textes/${bill.id}/tirage/tirer" class="form stack" novalidate>
      <h3>${t('Tirer au sort')}</h3>
      <div class="field"><label for="graine">${t('Graine (son empreinte doit être {{empreinte}})', { empreinte: s.seed_hash ?? '' })}</label>${fieldError(draw, 'graine', 'graine')}
        <input id="graine" name="graine" required value="${s.seed_secret ?? ''}"${fieldAria(draw, 'graine', 'graine')}></div>
      <div class="field"><label for="valeur">${t('Valeur publique tirée après l’engagement (facultatif, par exemple un résultat de loterie)')}</label>${fieldError(draw, 'valeur', 'valeur')}
        <input id="valeur" name="valeur" value="${typed(draw, 'valeur')}"${fieldAria(draw, 'valeur', 'valeur')}></div>
      <div class="actions"><button type="submit">${t('Tirer au sort')}</button></div></form>` : ''}
  </section>`;
}

/** A refused form whose block is not on the page (no call yet): said at the top. */
function stray(c: PageContext, bill: BillRow, hasFile: boolean) {
  const shown = (name: string) => ((BLOCKS.admin as readonly string[]).includes(name) ? may(c, 'sortition.open', bill.status) : hasFile);
  return c.form?.form !== undefined && !shown(c.form.form) ? c.form : undefined;
}

export function sortitionPage(c: PageContext, bill: BillRow, v: SortitionView | undefined, opts: { autoRefresh?: boolean } = {}): string {
  const autoRefresh = opts.autoRefresh !== false;
  const f = v?.file;
  const problem = f ? problemOf(f.seats, f.strata, f.volunteers) : undefined;
  const accepted = new Map((v?.volunteers ?? []).filter((x) => x.response === 'accepted').map((x) => [x.pseudonym, x.display_name]));
  const status = (p: string) => {
    const r = v!.volunteers.find((x) => x.pseudonym === p);
    return r?.response === 'accepted' ? t('a accepté ({{nom}})', { nom: r.display_name }) : r?.response === 'declined' ? t('a décliné') : t('réponse attendue');
  };
  const main = html`<h1>${t('Tirage au sort du collège citoyen')}</h1>
    <p class="lead">${t('Texte :')} <a href="/textes/${bill.id}" lang="fr">${bill.title}</a></p>
    ${formAlert(stray(c, bill, f !== undefined))}
    ${!f ? html`<p>${t('Aucun appel à volontaires n’est ouvert pour ce texte.')}</p>${adminBlock(c, bill, v)}` : html`
    <p data-sortition-status="${v!.row.status}"><strong>${STATUS_LABELS[v!.row.status] ? t(STATUS_LABELS[v!.row.status]!) : v!.row.status}</strong> · ${tn('{{count}} volontaire', '{{count}} volontaires', f.volunteers.length)} · ${t('{{n}} sièges', { n: f.seats })}</p>
    ${responseBlock(c, bill, v!)}
    ${strataTable(v!)}
    ${volunteerBlock(c, bill, v!)}
    ${f.seedHash ? html`<section aria-labelledby="engagement"><h2 id="engagement">${t('Engagement')}</h2>
      <dl class="facts"><dt>${t('Empreinte SHA-256 de la graine')}</dt><dd><code data-seed-hash>${f.seedHash}</code></dd>
      <dt>${t('Empreinte du vivier (sièges, critères, volontaires)')}</dt><dd><code>${f.poolHash ?? ''}</code></dd>
      <dt>${t('Publiée le')}</dt><dd>${f.committedAt ? PARIS_TIME.format(new Date(f.committedAt)) : ''}</dd></dl></section>` : ''}
    ${v!.row.status === 'computing' ? progressBlock(bill.id, v!.row, { autoRefresh }) : ''}
    ${f.failure ? html`<p class="error" data-failure>${tMessage(f.failure)}</p>` : ''}
    ${f.lottery && problem ? html`<section aria-labelledby="loterie"><h2 id="loterie">${t('Loterie (LEXIMIN)')}</h2>
      <p>${t('Parmi toutes les loteries sur les panels qui respectent tous les quotas, celle qui rend la plus petite probabilité d’être tiré la plus grande possible, puis la suivante, etc. (Flanigan et al.,')} <cite>${t('Nature')}</cite> 596, 2021).
        <strong data-min-probability>${t('Probabilité minimale : {{p}}', { p: pct(f.minimumProbability ?? 0) })}</strong> ${t('(un tirage uniforme donnerait {{p}} à chacun sans garantir les quotas) ; {{n}} panels de poids non nul.', { p: pct(f.seats / Math.max(1, f.volunteers.length)), n: f.lottery.panels.length })}</p>
      <details><summary>${t('Probabilité de chaque volontaire ({{n}})', { n: f.volunteers.length })}</summary>
      <table class="data"><thead><tr><th scope="col">${t('Pseudonyme')}</th>${f.strata.map((s) => html`<th scope="col">${s.name}</th>`)}<th scope="col">${t('Probabilité')}</th></tr></thead>
      <tbody>${f.volunteers.map((p) => html`<tr><td><code>${p.pseudonym}</code></td>${f.strata.map((s) => html`<td>${p.answers[s.name] ?? ''}</td>`)}<td>${pct(f.probabilities?.[p.pseudonym] ?? 0)}</td></tr>`)}</tbody></table></details>
    </section>` : ''}
    ${f.seed !== null ? html`<section aria-labelledby="tirage"><h2 id="tirage">${t('Tirage')}</h2>
      <dl class="facts"><dt>${t('Graine révélée')}</dt><dd><code data-seed>${f.seed}</code></dd><dt>${t('Valeur publique')}</dt><dd>${f.publicValue ?? t('(aucune)')}</dd>
      <dt>${t('Tiré le')}</dt><dd>${f.drawnAt ? PARIS_TIME.format(new Date(f.drawnAt)) : ''}</dd></dl>
      <table class="data" data-panel><caption>${t('Panel ({{n}} sièges)', { n: f.panel?.length ?? 0 })}</caption><thead><tr><th scope="col">${t('Pseudonyme')}</th><th scope="col">${t('Réponse')}</th></tr></thead>
        <tbody>${(f.panel ?? []).map((p) => html`<tr><td><code>${p}</code></td><td>${status(p)}</td></tr>`)}</tbody></table>
      ${f.replacements.length ? html`<h3>${t('Refus et remplacements')}</h3><ol>${f.replacements.map((r) => html`<li><code>${r.declined}</code> ${t('a décliné')} → ${r.replacement ? html`<code>${r.replacement}</code>` : t('aucun remplaçant possible sans rompre un quota : siège vacant')}</li>`)}</ol>` : ''}
      <p class="muted">${joined(accepted.size, html`<a href="/textes/${bill.id}/commission">${t('commission')}</a>`)}</p>
    </section>` : ''}
    <section aria-labelledby="verifier"><h2 id="verifier">${t('Vérifier vous-même')}</h2>
      <p>${t('Le fichier')} <a href="/api/bills/${bill.id}/sortition" download="tirage-${bill.id}.json" data-file-link>tirage-${bill.id}.json</a> ${t('contient tout : critères, parts et quotas, volontaires sous pseudonyme, empreintes, loterie, probabilités, graine, valeur publique, panel, refus et remplaçants. Avec le code source de Palimpseste :')} <code>npm run verify-draw -- tirage-${bill.id}.json</code> ${t('recalcule la loterie, refait le tirage et les remplacements, et affiche le même panel.')}</p>
      <p>${t('Le hasard : SHA-256 de « palimpseste-tirage-v1 », de la graine, de la valeur publique et d’un compteur ; un nombre tiré dans le total des poids choisit le panel, puis les sièges de chaque profil vont à ses membres mélangés (Fisher–Yates). Un refus est remplacé par un volontaire jamais tiré du même profil (tous les quotas restent tenus), sinon d’un profil qui les garde, au hasard de « palimpseste-remplacement-v1 » et du rang du refus. Détails : docs/sortition.md.')}</p>
    </section>
    ${adminBlock(c, bill, v)}`}`;
  return layout(c, {
    title: t('Tirage au sort — {{titre}}', { titre: bill.title }), main, refresh: v?.row.status === 'computing' && autoRefresh ? { seconds: REFRESH_SECONDS, url: `/textes/${bill.id}/tirage` } : undefined,
    breadcrumb: html`<a href="/textes/${bill.id}" lang="fr">${bill.title}</a> › ${t('Tirage au sort')}`,
  });
}

export function sortitionPages(db: Db, live: LiveDocs, mail: Pick<MailService, 'baseUrl'>): Router {
  const r = express.Router();
  const deps = { db, live };
  const ops = sortitionOps({ baseUrl: () => mail.baseUrl() });
  const form = formBody('200kb');
  const here = (req: Request) => `/textes/${param(req, 'billId')}/tirage`;
  r.get('/textes/:billId/tirage', page(async (req, res) => {
    const bill = await findBill(db, param(req, 'billId'));
    if (!bill) throw notFound('Projet de loi introuvable.');
    res.type('html').send(sortitionPage(ctx(req), bill, await loadSortition(db, bill), { autoRefresh: req.query.actualisation !== 'non' }));
  }));
  // each form is named by its path: a refusal goes back to the page (post → redirect → get), said in that form's block
  const on = <P extends z.ZodType, B extends z.ZodType, O>(
    path: string, op: Operation<P, B, O>, body?: (f: Record<string, string>, req: Request) => unknown, anchor = '', fields?: Record<string, string>,
  ) => {
    r.post(`/textes/:billId/tirage/${path}`, form, formOperation(deps, op, {
      signIn: here, ...(body ? { body: (f: Record<string, string>, req: Request) => body(f, req) } : {}), ...(fields ? { fields } : {}),
      formPage: here, formName: () => path,
      done: (req, res) => res.redirect(303, `${here(req)}${anchor}`),
    }));
  };
  on('appel', ops.open, (f) => ({ seats: Number(f.sieges), strata: parseStrataLines(f.criteres ?? '') }), '', { seats: 'sieges', strata: 'criteres' });
  on('volontaire', ops.volunteer, async (f, req) => {
    const bill = await findBill(db, param(req, 'billId'));
    const v = bill ? await loadSortition(db, bill) : undefined;
    return { answers: Object.fromEntries((v?.file.strata ?? []).map((s, i) => [s.name, f[`critere-${i}`] ?? ''])) };
  }, '#volontaire');
  on('retrait', ops.withdraw);
  on('engagement', ops.commit, (f) => (f.empreinte ? { seedHash: f.empreinte } : {}), '#engagement', { seedHash: 'empreinte' });
  on('calcul', ops.retry);
  on('tirer', ops.draw, (f) => ({ seed: f.graine ?? '', publicValue: f.valeur ?? '' }), '#tirage', { seed: 'graine', publicValue: 'valeur' });
  on('reponse', ops.respond, (f) => ({ response: f.reponse }), '#reponse');
  return r;
}
