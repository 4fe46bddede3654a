import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseAknBill, scanXml, MAX_DEPTH } from '../../shared/akn-bill';
import type { ParsedBill } from '../../shared/bill';
import { headingLine } from '../../shared/bill';
import { parseLaFabriqueJson } from '../../shared/lafabrique';
import { parseLegisticText } from '../../shared/legistic-text';
import { renderAkn } from '../../server/exports/akn';
import type { ExportBill } from '../../server/exports/types';
import { sampleBill } from './exports-fixture';

const SHARED = path.join(__dirname, '../../../shared/fixtures');
const LIMIT = { maxChars: 2_000_000 };

/** The export of a bill as the server builds it when nothing was amended: reconciled = initial. */
function asExport(bill: ParsedBill): ExportBill {
  const articles = bill.articles.map((a) => ({
    number: a.number, heading: headingLine(a.headings), headings: a.headings, alineas: a.alineas,
    provenance: a.alineas.map((text) => [{ text, amendments: [] }]), isNew: false,
  }));
  return {
    billId: 'b1000000-0000-4000-8000-000000000001', title: bill.title, status: 'consultation', generatedAt: '2025-11-22T10:00:00.000Z',
    initial: articles.map((a) => ({ number: a.number, heading: a.heading, headings: a.headings, alineas: a.alineas })),
    articles, deletedArticles: [], amendments: [],
  };
}

function parsed(xml: string): ParsedBill {
  const r = parseAknBill(xml, LIMIT);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.bill;
}

describe('Akoma Ntoso bill import', () => {
  const textBill = parseLegisticText(readFileSync(path.join(SHARED, 'bills/pjl-enseignement-superieur-extrait.txt'), 'utf8'));
  const fabrique = parseLaFabriqueJson(JSON.parse(readFileSync(path.join(SHARED, 'bills/lafabrique-pjl12-614.json'), 'utf8')));

  it.each([
    ['the legistic text fixture', textBill],
    ['the La Fabrique fixture', fabrique],
  ])('%s: export → import gives the same title, divisions, article numbers and alinéas', (_name, source) => {
    if (!source.ok) throw new Error('fixture unreadable');
    expect(source.bill.articles.some((a) => a.headings.length >= 2)).toBe(true); // the fixtures do have divisions
    const xml = renderAkn(asExport(source.bill), { workDate: '2025-09-26' });
    expect(xml).toMatch(/<title eId="title_1"><num>TITRE /);
    expect(parsed(xml)).toEqual(source.bill);
  });

  it('reads the exported sample bill: article headings outside divisions, a removed article, spans from amendments', () => {
    const bill = parsed(renderAkn(sampleBill(), { workDate: '2025-09-26' }));
    expect(bill.title).toBe('Projet de loi pour une République numérique');
    expect(bill.articles.map((a) => a.number)).toEqual(['1er', '2', '2 bis', '3', '4']);
    expect(bill.articles[0]).toEqual({
      number: '1er', headings: [{ level: 'titre', label: 'Open data par défaut', title: '' }],
      alineas: ['I. Le code est ainsi modifié :', 'Les administrations diffusent gratuitement les documents.'],
    });
    expect(bill.articles[3]?.alineas).toEqual(['(Supprimé)']);
  });

  it('reads the illustrative AKN bill of the fixtures', () => {
    const bill = parsed(readFileSync(path.join(SHARED, 'akn/bill-extrait.xml'), 'utf8'));
    expect(bill.title).toBe('République numérique');
    expect(bill.articles.map((a) => [a.number, a.alineas.length])).toEqual([['1er', 2], ['1er bis', 1]]);
    expect(bill.articles[0]?.alineas[1]).toMatch(/^« Les administrations mentionnées/);
  });

  it('reads paragraphs with their numbers, lists, nested divisions and books read through', () => {
    const xml = `<?xml version="1.0"?>
<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><bill name="x"><meta/>
<preface><longTitle><p>Proposition de loi <docTitle>visant à tester</docTitle></p></longTitle></preface>
<body><book eId="bk_1"><num>LIVRE Ier</num><title eId="t1"><num>TITRE Ier</num><heading>Dispositions générales</heading>
<chapter eId="c1"><num>Chapitre Ier</num>
<article eId="a1"><num>Article premier</num>
<paragraph eId="p1"><num>I. –</num><content><p>Le code est ainsi<eol/>modifié :</p></content></paragraph>
<paragraph eId="p2"><num>II. –</num><list eId="l1"><intro><p>Sont abrogés :</p></intro>
<point eId="pt1"><num>1°</num><content><p>L’article 2 ;</p></content></point>
<point eId="pt2"><num>2°</num><content><p>L’article 3<authorialNote eId="n1"><p>note</p></authorialNote>.</p></content></point></list></paragraph>
</article></chapter></title>
<article eId="a2"><num>ART. 2 BIS.</num><content><p>Texte &amp; suite &#233;tendue.</p><p><![CDATA[<brut>]]></p></content></article>
</book></body></bill></akomaNtoso>`;
    const bill = parsed(xml);
    expect(bill.title).toBe('visant à tester');
    expect(bill.articles).toEqual([
      {
        number: '1er',
        headings: [{ level: 'titre', label: 'TITRE Ier', title: 'Dispositions générales' }, { level: 'chapitre', label: 'Chapitre Ier', title: '' }],
        alineas: ['I. – Le code est ainsi modifié :', 'II. – Sont abrogés :', '1° L’article 2 ;', '2° L’article 3.'],
      },
      { number: '2 bis', headings: [], alineas: ['Texte & suite étendue.', '<brut>'] },
    ]);
  });

  describe('hostile or broken XML is refused before any parser sees it', () => {
    const refused = (xml: string) => {
      const r = parseAknBill(xml, LIMIT);
      if (r.ok) throw new Error('accepted');
      return { reason: r.reason, message: r.issues.map((i) => i.message).join(' | ') };
    };
    it('external entities and entity expansion: any DOCTYPE', () => {
      expect(refused('<?xml version="1.0"?><!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><foo>&xxe;</foo>')).toEqual({ reason: 'malformed', message: expect.stringMatching(/DOCTYPE/) });
      expect(refused('<!DOCTYPE l [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><l>&b;</l>').reason).toBe('malformed');
      expect(refused('<a>&xxe;</a>').message).toMatch(/entité inconnue/);
      expect(refused('<a b="&x;"/>').message).toMatch(/entité inconnue/);
    });
    it('deep nesting, quickly', () => {
      const started = Date.now();
      const deep = `${'<a>'.repeat(200_000)}${'</a>'.repeat(200_000)}`;
      expect(refused(deep).message).toMatch(new RegExp(`plus de ${MAX_DEPTH}`));
      expect(Date.now() - started).toBeLessThan(1_000);
    });
    it('not well-formed', () => {
      expect(refused('<a><b></a>').message).toMatch(/<\/a> sans balise ouvrante/);
      expect(refused('<a>').message).toMatch(/<a> non fermé/);
      expect(refused('<a/><b/>').message).toMatch(/plusieurs éléments racines/);
      expect(refused('texte').message).toMatch(/hors de l’élément racine/);
      expect(refused('').message).toMatch(/aucun élément/);
      expect(refused('<a x=1/>').message).toMatch(/Attribut mal formé/);
      expect(refused('<a>1 < 2</a>').message).toMatch(/&lt;/);
      expect(scanXml(`<a>${' '.repeat(100_000)}<b  ${' '.repeat(100_000)}c="1"  /></a>`)).toBeNull();
    });
    it('well-formed but not a readable AKN bill: unreadable', () => {
      expect(refused('<akomaNtoso><bill/></akomaNtoso>')).toEqual({ reason: 'unreadable', message: expect.stringMatching(/Élément racine attendu/) });
      expect(refused('<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><judgment/></akomaNtoso>').message).toMatch(/trouvé <judgment>/);
      expect(refused('<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><bill><body/></bill></akomaNtoso>').message).toMatch(/aucun article/);
      const bad = '<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><bill><preface><p><docTitle>T</docTitle></p></preface><body>'
        + '<article><num>Article L. 12</num><content><p>x</p></content></article><article><num>Article 2</num><content><p>y</p></content></article>'
        + '<article><num>Article 2</num><content><p>z</p></content></article><article><num>Article 3</num></article></body></bill></akomaNtoso>';
      const r = parseAknBill(bad, LIMIT);
      expect(r.ok ? [] : r.issues).toEqual([
        { path: '/akomaNtoso/bill/body/article[1]/num', message: expect.stringMatching(/Numéro d’article non reconnu : « Article L. 12 »/) },
        { path: '/akomaNtoso/bill/body/article[3]', message: 'L’article 2 apparaît deux fois : /akomaNtoso/bill/body/article[2] et /akomaNtoso/bill/body/article[3].' },
        { path: '/akomaNtoso/bill/body/article[4]', message: 'L’article 3 ne contient aucun alinéa (<p>).' },
      ]);
    });
    it('too long', () => {
      expect(parseAknBill('<a/>', { maxChars: 3 }).ok).toBe(false);
    });
  });
});
