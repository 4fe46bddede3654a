import type { Request } from 'express';
import { z } from 'zod';
import type { Db } from '../db/db';
import { notFound } from '../http/errors';
import { route, type Api } from '../http/route';
import { idParam } from '../http/schemas';
import { atomFeed } from '../opendata/atom';
import { DATASET_FILE_WORDS, DATASETS, datasetRows, toCsv, toJson, type DatasetName } from '../opendata/datasets';
import { loadBillView } from '../present/bill';
import { presentEvent } from '../present/history';
import { downloadName } from '../present/downloads';
import { loadReconciled } from '../queries/reconciled';
import { findArticle } from '../sql/articles';
import { findBill } from '../sql/bills';
import { listHistory } from '../sql/events';

const FEED_SIZE = 50;
/** Exports are read by scripts and mirrored: a minute of freshness is plenty. */
const EXPORT_CACHE = 'public, max-age=60';
const origin = (req: Request) => `${req.protocol}://${req.get('host') ?? 'localhost'}`;

const README = `Palimpseste — données ouvertes d’un projet de loi

bill.json                 le projet de loi, ses articles (version courante) et ses phases
amendments.csv / .json    les amendements déposés : article, nature, statut, origine, auteurs (noms affichés et
                          nature du compte), décomptes des avis (d’accord / mitigé / pas d’accord), texte, exposé,
                          représentant d’intérêts qui l’a inspiré (selon ses auteurs, et selon le greffe)
arguments.csv / .json     les arguments pour et contre, avec leurs décomptes
decisions.csv / .json     les décisions de la commission, avec les décomptes par collège sur lesquels elles ont été prises
article-versions.csv / .json  chaque version de chaque article
hearings.csv / .json      les auditions de la commission : date, qui a été entendu (et son identifiant HATVP), objet, empreinte du compte rendu
history.json              tous les événements publics, dans l’ordre
reconciled.json           le texte réconcilié (ou adopté), avec la provenance de chaque mot

Jamais qui a voté quoi : seulement des décomptes. Les contributions masquées par la modération gardent leur ligne, sans leur texte.
Les CSV sont en UTF-8, séparés par des virgules, avec une ligne d’en-tête (RFC 4180).
`;

/** API.md › History and open data: CSV and JSON datasets, a whole-bill ZIP, Atom feeds. */
export function openDataRoutes(api: Api, db: Db): void {
  const bill = async (id: string) => {
    const b = await findBill(db, id);
    if (!b) throw notFound('Projet de loi introuvable.');
    return b;
  };

  route(api, {
    method: 'get', path: '/api/bills/:billId/opendata/:file', tag: 'Données ouvertes', access: 'public',
    params: z.object({ billId: idParam, file: z.string().regex(new RegExp(`^(${DATASETS.join('|')})\\.(csv|json)$`), `attendu : ${DATASETS.join(', ')} en .csv ou .json`) }),
    summary: `Un jeu de données ouvertes du texte (${DATASETS.join(', ')}), en CSV ou en JSON : jamais qui a voté quoi, seulement des décomptes`,
    responses: { 200: 'CSV (text/csv) ou JSON {dataset, billId, generatedAt, rows}' },
  }, async ({ params, res }) => {
    const b = await bill(params.billId);
    const [name, ext] = params.file.split('.') as [DatasetName, 'csv' | 'json'];
    const rows = await datasetRows(db, name, b.id);
    res.set('Cache-Control', EXPORT_CACHE);
    res.attachment(downloadName(b, DATASET_FILE_WORDS[name], ext));
    if (ext === 'json') return { json: toJson(name, b.id, rows) };
    res.type('text/csv; charset=utf-8').send(toCsv(rows, name));
    return undefined;
  });

  route(api, {
    method: 'get', path: '/api/bills/:billId/opendata.zip', tag: 'Données ouvertes', access: 'public', params: z.object({ billId: idParam }),
    summary: 'Tout le texte en une archive ZIP : le projet, les jeux de données en CSV et JSON, l’historique, le texte réconcilié',
    responses: { 200: 'application/zip' },
  }, async ({ params, res }) => {
    const b = await bill(params.billId);
    // loaded on the first archive: a fresh process does not hold it
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const JSZip = require('jszip') as typeof import('jszip');
    const zip = new JSZip();
    zip.file('LISEZMOI.txt', README);
    zip.file('bill.json', JSON.stringify(await loadBillView(db, b.id), null, 2));
    for (const name of DATASETS) {
      const rows = await datasetRows(db, name, b.id);
      zip.file(`${name}.csv`, toCsv(rows, name));
      zip.file(`${name}.json`, JSON.stringify(toJson(name, b.id, rows), null, 2));
    }
    const events = [];
    for (let after: number | undefined; ;) {
      const page = await listHistory(db, { billId: b.id, order: 'asc', limit: 5000, after });
      events.push(...page.map(presentEvent));
      if (page.length < 5000) break;
      after = Number(page.at(-1)!.id);
    }
    zip.file('history.json', JSON.stringify(events, null, 2));
    zip.file('reconciled.json', JSON.stringify((await loadReconciled(db, b.id)).result, null, 2));
    res.set('Cache-Control', EXPORT_CACHE);
    res.type('application/zip').attachment(downloadName(b, 'donnees-ouvertes', 'zip')).send(await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
    return undefined;
  });

  route(api, {
    method: 'get', path: '/api/bills/:billId/feed.atom', tag: 'Données ouvertes', access: 'public', params: z.object({ billId: idParam }),
    summary: 'Flux Atom des événements du texte (les 50 plus récents)', responses: { 200: 'application/atom+xml' },
  }, async ({ params, req, res }) => {
    const b = await bill(params.billId);
    const events = (await listHistory(db, { billId: b.id, order: 'desc', limit: FEED_SIZE })).map(presentEvent);
    res.type('application/atom+xml; charset=utf-8').send(atomFeed({
      id: `tag:palimpseste,2026:bill:${b.id}`, title: `${b.title} — historique`, selfUrl: `${origin(req)}/api/bills/${b.id}/feed.atom`,
      siteUrl: `${origin(req)}/textes/${b.id}`, origin: origin(req), billId: b.id, events,
    }));
    return undefined;
  });

  route(api, {
    method: 'get', path: '/api/articles/:articleId/feed.atom', tag: 'Données ouvertes', access: 'public', params: z.object({ articleId: idParam }),
    summary: 'Flux Atom des événements d’un article et de ses amendements (les 50 plus récents)', responses: { 200: 'application/atom+xml' },
  }, async ({ params, req, res }) => {
    const a = await findArticle(db, params.articleId);
    if (!a) throw notFound('Article introuvable.');
    const b = await bill(a.bill_id);
    const events = (await listHistory(db, { billId: b.id, articleId: a.id, order: 'desc', limit: FEED_SIZE })).map(presentEvent);
    res.type('application/atom+xml; charset=utf-8').send(atomFeed({
      id: `tag:palimpseste,2026:article:${a.id}`, title: `${b.title} — article ${a.number}`, selfUrl: `${origin(req)}/api/articles/${a.id}/feed.atom`,
      siteUrl: `${origin(req)}/articles/${a.id}`, origin: origin(req), billId: b.id, events,
    }));
    return undefined;
  });
}
