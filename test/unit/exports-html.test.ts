import { readFileSync } from 'node:fs';
import path from 'node:path';
import { comparatif, renderComparatifHtml } from '../../server/exports/comparatif';
import { renderHtml } from '../../server/exports/html';
import { renderLiasseHtml } from '../../server/exports/liasse-html';
import { HOSTILE, IDS, sampleBill } from './exports-fixture';

const ESCAPED = '&lt;script&gt;alert(&quot;x&quot;) &amp; &#39;y&#39;&lt;/script&gt;';
const hostileBill = () => sampleBill({ title: `Projet ${HOSTILE}` });

/** Every page is a standalone French document that obeys the CSP: linked style sheet, no inline style or script. */
function expectPrintablePage(page: string): void {
  expect(page.startsWith('<!doctype html>\n<html lang="fr">')).toBe(true);
  expect(page).toContain('<link rel="stylesheet" href="/static/print.css">');
  expect(page).not.toMatch(/<style|style=|<script/i);
}

describe('renderHtml (texte adopté)', () => {
  const page = renderHtml(sampleBill());

  it('is a printable page that links the print style sheet, which exists', () => {
    expectPrintablePage(page);
    const css = readFileSync(path.join(__dirname, '../../client/static/print.css'), 'utf8');
    expect(css).toContain('@media print');
    expect(css).toContain('.from-amendment');
  });

  it('wraps each word group from an amendment in a span naming it, with a link to the amendment', () => {
    expect(page).toContain(
      `Les administrations diffusent <span class="from-amendment" data-amendments="${IDS.a12}" title="Amendement n° 12">gratuitement</span>`,
    );
    expect(page).toContain(`<a href="#amdt-${IDS.a12}">12</a>`);
    expect(page).toContain(`<li id="amdt-${IDS.a12}">Amendement n° 12 — <span class="provenance-target">ARTICLE 1er</span> — présenté par Alice Martin</li>`);
  });

  it('lists every amendment of a word group written by several', () => {
    const bill = sampleBill();
    const article = bill.articles[0];
    if (!article) throw new Error('fixture');
    article.provenance[1] = [{ text: 'Les administrations diffusent gratuitement les documents.', amendments: [IDS.a12, IDS.a15] }];
    expect(renderHtml(bill)).toContain(`data-amendments="${IDS.a12} ${IDS.a15}"`);
  });

  it('gives each article and alinéa its eId, marks the new article and keeps the deleted one in place', () => {
    expect(page).toContain('<section class="article article-new" id="art_2bis">');
    expect(page).toContain('<h2>Article 2 bis <span class="article-status">(nouveau)</span></h2>');
    expect(page).toContain('<p class="alinea" id="art_1er__al_2">');
    expect(page.indexOf('id="art_2bis"')).toBeLessThan(page.indexOf('id="art_3"'));
    expect(page).toMatch(/<section class="article article-deleted" id="art_3">\n<h2>Article 3<\/h2>\n<p class="alinea">\(Supprimé\)/);
  });

  it('escapes all text, the title included', () => {
    const hostile = renderHtml(hostileBill());
    expect(hostile).toContain(`<title>Projet ${ESCAPED} — texte adopté</title>`);
    expect(hostile).toContain(`<h1>Projet ${ESCAPED}</h1>`);
    expect(hostile).not.toContain('<script>');
    expect(page).toContain('en &lt;vigueur&gt; le 1er janvier 2027 &amp; après_tout.');
  });
});

describe('renderLiasseHtml', () => {
  const page = renderLiasseHtml(hostileBill());

  it('typesets every amendment like a parliamentary amendment, in examination order', () => {
    expectPrintablePage(page);
    const order = ['N° 12<', 'N° 16<', 'N° COM-15<', 'N° 7<', 'N° 20<'].map((n) => page.indexOf(`AMENDEMENT ${n}`));
    expect(order.every((at, i) => at > 0 && (i === 0 || at > (order[i - 1] ?? 0)))).toBe(true);
    expect(page).toContain('<p class="amendment-authors">présenté par Élise Dupont, Alice Martin</p>');
    expect(page).toContain('présenté par Regards Citoyens <span class="author-kind">(organisation)</span>');
    expect(page).toContain('<p class="amendment-target">APRÈS L’ARTICLE 2</p>');
    expect(page).toContain('<p class="amendment-target">ARTICLE 3</p>');
    expect(page).toContain('<div class="dispositif">\n<p>À l’alinéa 2, substituer au mot :</p>\n<p>« publiquement »</p>');
    expect(page).toContain('<h3 class="expose-title">EXPOSÉ SOMMAIRE</h3>');
    expect(page).toContain('Sort : <strong>Tombé</strong>');
    expect(page).toContain('<p class="amendment-origin">Amendement déposé en commission</p>');
    expect(page).toContain('Déposé le <time datetime="2025-10-01T09:30:00.000Z">1 octobre 2025</time>');
  });

  it('leaves out an empty exposé sommaire and escapes what authors typed', () => {
    const deletion = page.slice(page.indexOf('AMENDEMENT N° 7<'), page.indexOf('AMENDEMENT N° 20<'));
    expect(deletion).not.toContain('EXPOSÉ SOMMAIRE');
    expect(page).toContain(`<p>Premier paragraphe ${ESCAPED}.</p>\n<p>Second paragraphe.</p>`);
    expect(page).toContain('présenté par Bob &lt;b&gt;Durand&lt;/b&gt;');
    expect(page).not.toContain('<script>');
  });
});

describe('tableau comparatif', () => {
  it('pairs every article of the initial text with what became of it', () => {
    expect(comparatif(sampleBill()).map((a) => `${a.number}:${a.status}`)).toEqual(['1er:modified', '2:unchanged', '2 bis:new', '3:deleted', '4:unchanged']);
  });

  it('marks deleted and inserted words with <del>/<ins> in their columns', () => {
    const page = renderComparatifHtml(sampleBill());
    expectPrintablePage(page);
    expect(page).toContain('<body class="export export-wide">');
    expect(page).toContain('<thead><tr><th scope="col">Texte initial</th><th scope="col">Texte adopté</th></tr></thead>');
    expect(page).toContain(
      '<tr><td>Les administrations diffusent <del><span class="visually-hidden">supprimé : </span>publiquement</del> les documents.</td>' +
        '<td>Les administrations diffusent <ins><span class="visually-hidden">ajouté : </span>gratuitement</ins> les documents.</td></tr>',
    );
    expect(page).toContain('<th scope="rowgroup">Article 3 (Supprimé)</th>');
    expect(page).toContain('<td><del><span class="visually-hidden">supprimé : </span>Le Gouvernement remet un rapport annuel au Parlement.</del></td><td class="diff-empty">');
    expect(page).toContain('<td class="diff-empty"><span class="visually-hidden">aucun alinéa</span></td><td><ins><span class="visually-hidden">ajouté : </span>Les algorithmes publics sont documentés.</ins></td>');
    expect(page).toContain('<th scope="rowgroup">Article 2 bis (nouveau)</th>');
  });

  it('escapes the text', () => {
    const page = renderComparatifHtml(hostileBill());
    expect(page).not.toContain('<script>');
    expect(page).toContain('en &lt;vigueur&gt;');
  });
});
