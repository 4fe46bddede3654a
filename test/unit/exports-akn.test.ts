import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { aknAmendmentList, renderAkn } from '../../server/exports/akn';
import type { Heading } from '../../shared/bill';
import { HOSTILE, largeBill, sampleBill } from './exports-fixture';

// the project's own copy of the OASIS schema; akomantoso30.xsd imports ./xml.xsd beside it
const SCHEMA = path.join(__dirname, '../fixtures/akn-schema/akomantoso30.xsd');

/**
 * Validates several documents with one xmllint run (the schema is parsed once) and returns, per
 * document, xmllint's complaints about it: [] when it validates. xmllint (libxml2-utils) must be
 * installed; CI installs it.
 */
function schemaErrors(docs: Record<string, string>): Record<string, string[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'akn-'));
  try {
    const files = Object.keys(docs).map((name) => path.join(dir, `${name}.xml`));
    Object.values(docs).forEach((xml, i) => writeFileSync(files[i] ?? '', xml));
    const run = spawnSync('xmllint', ['--noout', '--schema', SCHEMA, ...files], { encoding: 'utf8' });
    if (run.error) throw new Error(`xmllint could not run (is libxml2-utils installed?): ${run.error.message}`);
    const lines = run.stderr.split('\n');
    return Object.fromEntries(
      Object.keys(docs).map((name, i) => {
        const file = files[i] ?? '';
        if (lines.includes(`${file} validates`)) return [name, []];
        const complaints = lines.filter((l) => l.startsWith(file) && l !== `${file} fails to validate`);
        return [name, complaints.length > 0 ? complaints : [`xmllint did not validate ${name}:`, run.stderr]];
      }),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('Akoma Ntoso exports', () => {
  // hostile text everywhere it can go, so that validity also proves the escaping
  const bill = sampleBill({ title: `Projet ${HOSTILE}\u0007` }); // a control character XML cannot carry, too
  const billXml = renderAkn(bill, { workDate: '2025-09-26' });
  const listXml = aknAmendmentList(bill, { workDate: '2025-09-26' });
  const empty = sampleBill({ amendments: [], articles: [], deletedArticles: [], initial: [] });
  // divisions: articles 1er and 2 in TITRE Ier › Chapitre Ier, 2 bis (added) stays there, 3 (deleted) and 4 in TITRE II
  const titre1 = { level: 'titre', label: 'TITRE Ier', title: 'Dispositions générales' } as const;
  const chapitre1 = { level: 'chapitre', label: 'Chapitre Ier', title: '' } as const;
  const titre2 = { level: 'titre', label: 'TITRE II', title: 'Dispositions finales' } as const;
  const divisionsOf: Record<string, Heading[]> = { '1er': [titre1, chapitre1], 2: [titre1, chapitre1], 3: [titre2], 4: [titre2] };
  const sample = sampleBill();
  const divided = sampleBill({
    initial: sample.initial.map((a) => ({ ...a, headings: divisionsOf[a.number] ?? [] })),
    articles: sample.articles.map((a) => (a.isNew ? a : { ...a, headings: divisionsOf[a.number] ?? [] })),
  });
  const dividedXml = renderAkn(divided, { workDate: '2025-09-26' });
  const docs = {
    bill: billXml,
    amendmentList: listXml,
    largeBill: renderAkn(largeBill()),
    emptyBill: renderAkn(empty),
    emptyList: aknAmendmentList(empty),
    divided: dividedXml,
    broken: billXml.replace('<num>Article 2</num>', '<nom>Article 2</nom>'),
  };
  let errors: Record<string, string[]>;

  beforeAll(() => {
    errors = schemaErrors(docs); // one xmllint run for every document
  });

  it('the bill and the amendment list validate against akomantoso30.xsd', () => {
    expect(errors.bill).toEqual([]);
    expect(errors.amendmentList).toEqual([]);
  });

  it('so do a 50-article bill with provenance from 500 amendments, an empty bill and an empty liasse', () => {
    expect(errors.largeBill).toEqual([]);
    expect(errors.emptyBill).toEqual([]);
    expect(errors.emptyList).toEqual([]);
    expect(docs.emptyList).toContain('<component eId="cmp_1"><interstitial eId="cmp_1__intstl_1"><p>Aucun amendement.</p></interstitial></component>');
  });

  it('nests the articles in their divisions (valid too); an added article stays in the division before it', () => {
    expect(errors.divided).toEqual([]);
    expect(dividedXml).toContain('<body><title eId="title_1"><num>TITRE Ier</num><heading>Dispositions générales</heading><chapter eId="title_1__chp_1"><num>Chapitre Ier</num><article eId="art_1er">');
    expect(dividedXml).toMatch(/<article eId="art_2bis">.*<\/article><\/chapter><\/title><title eId="title_2"><num>TITRE II<\/num><heading>Dispositions finales<\/heading><article eId="art_3" status="removed">/);
  });

  it('the validation does reject a document that breaks the schema', () => {
    expect(errors.broken?.join('\n')).toMatch(/nom.*not expected|This element is not expected/);
  });

  it('identifies the bill with FRBR URIs under /akn/fr/bill/<date>/<billId>', () => {
    expect(billXml).toContain(`<FRBRuri value="/akn/fr/bill/2025-09-26/${bill.billId}"/>`);
    expect(billXml).toContain(`<FRBRthis value="/akn/fr/bill/2025-09-26/${bill.billId}/fra@2025-11-22/!main"/>`);
    expect(billXml).toContain(`<FRBRthis value="/akn/fr/bill/2025-09-26/${bill.billId}/fra@2025-11-22/!main.xml"/>`);
    expect(billXml).toContain('<FRBRlanguage language="fra"/>');
  });

  it('numbers articles and alinéas with French eIds, keeps the deleted article as removed', () => {
    expect(billXml).toContain('<article eId="art_1er"><num>Article 1er</num><heading>Open data par défaut</heading><alinea eId="art_1er__al_1">');
    expect(billXml).toContain('<article eId="art_2bis"><num>Article 2 bis</num><alinea eId="art_2bis__al_1"><content><p>');
    expect(billXml).toContain('<article eId="art_3" status="removed"><num>Article 3</num><content><p>(Supprimé)</p></content></article>');
    expect(billXml).toContain('en &lt;vigueur&gt; le 1er janvier 2027 &amp; après_tout.');
    expect(billXml).toContain('<docTitle>Projet &lt;script&gt;alert("x") &amp; \'y\'&lt;/script&gt;</docTitle>');
  });

  it('links each word group to its amendment, and each amendment to its authors', () => {
    expect(billXml).toContain('Les administrations diffusent <span class="fromAmendment" refersTo="#amdt_12">gratuitement</span> les documents.');
    expect(billXml).toMatch(/<passiveRef eId="amdt_12" href="\/akn\/fr\/amendment\/2025-10-01\/[^"]+-12\/fra@2025-10-01" showAs="Amendement n° 12"\/>/);
    expect(billXml).toContain('<TLCPerson eId="pers_1" href="/ontology/person/fr/alice-martin" showAs="Alice Martin"/>');
    expect(billXml).toContain('<TLCOrganization eId="org_1" href="/ontology/organization/fr/regards-citoyens" showAs="Regards Citoyens"/>');
    expect(billXml).toContain('<textualMod eId="pmod_2" type="insertion" refersTo="#pers_2 #pers_1"><source href="#amdt_COM-15"/><destination href="#art_2bis"/></textualMod>');
    expect(billXml).toContain('<textualMod eId="pmod_3" type="repeal" refersTo="#org_1"><source href="#amdt_7"/><destination href="#art_3"/></textualMod>');
    expect(billXml).not.toContain('amdt_16'); // rejected
  });

  it('puts every amendment of the liasse in order, with number, authors, target, dispositif and exposé', () => {
    const components = [...listXml.matchAll(/<component eId="(cmp_\d+)">/g)].map((m) => m[1]);
    expect(components).toEqual(['cmp_1', 'cmp_2', 'cmp_3', 'cmp_4', 'cmp_5']);
    const third = listXml.slice(listXml.indexOf('<component eId="cmp_3">'), listXml.indexOf('<component eId="cmp_4">'));
    expect(third).toContain('<p>Amendement n° <docNumber>COM-15</docNumber> présenté par <docProponent refersTo="#cmp_3__pers_1">Élise Dupont</docProponent>, <docProponent refersTo="#cmp_3__pers_2">Alice Martin</docProponent></p>');
    expect(third).toContain('<amendmentHeading eId="cmp_3__amdhdg_1"><p>APRÈS L’ARTICLE 2</p></amendmentHeading>');
    expect(third).toContain('<amendmentContent eId="cmp_3__amdcnt_1"><p>Après l’article 2, insérer un article additionnel ainsi rédigé :</p><p>« Les algorithmes publics sont documentés. »</p></amendmentContent>');
    expect(third).toContain('<amendmentJustification eId="cmp_3__amdjust_1"><p>Transparence des traitements.</p></amendmentJustification>');
    expect(third).toContain('<docStatus>Adopté</docStatus>');
    expect(third).toContain(`<destination href="/akn/fr/bill/2025-09-26/${bill.billId}/fra@2025-09-26/!main#art_2" pos="after"/>`);
  });
});
