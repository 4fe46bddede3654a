/**
 * Every real dispositif of the amendment fixtures (Assemblée nationale open data, Sénat « jeu
 * complet » export) is read into operations of the right kind, on the right place.
 */
import * as fs from 'fs';
import * as path from 'path';
import { applyDispositif, dispositifFromHtml, parseDispositif, type Operation, type ParseOptions } from '../../shared/legistique';

const FIXTURES = path.join(__dirname, '../../../shared/fixtures/amendments');
const AN = path.join(FIXTURES, 'an-plfss2017-4072');

interface RealAmendment {
  id: string;
  dispositif: string;
  options: ParseOptions;
}

function tag(xml: string, name: string): string {
  const m = new RegExp(`<${name}>([\\s\\S]*?)</${name}>`).exec(xml);
  if (m?.[1] === undefined) throw new Error(`no <${name}>`);
  return m[1];
}

/** An Assemblée amendment: « APRÈS ART. 8 » in <divisionDesignation> makes it an article additionnel. */
function anAmendment(file: string): RealAmendment {
  const xml = fs.readFileSync(path.join(AN, file), 'utf8');
  const division = tag(xml, 'division');
  const additionnel = /^APRÈS/i.test(tag(division, 'divisionDesignation').trim());
  const article = tag(division, 'titre').replace(/^Article\s+/i, '').trim();
  return {
    id: `AN ${file}`,
    dispositif: dispositifFromHtml(tag(xml, 'dispositif')),
    options: additionnel ? { context: 'article_additionnel', article } : {},
  };
}

/** The Sénat export: ISO-8859-1, tab-separated, a « sep= » first line, then a header. */
function senatAmendments(): (RealAmendment & { alinea: string; subdivision: string })[] {
  const lines = fs.readFileSync(path.join(FIXTURES, 'senat-jeu-complet-2017-2018-63-short.csv'), 'latin1').split(/\r?\n/).filter((l) => l !== '');
  const [sep, header, ...rows] = lines;
  expect(sep?.startsWith('sep=')).toBe(true);
  const columns = (header ?? '').split('\t').map((c) => c.trim());
  const col = (row: string[], name: string) => row[columns.indexOf(name)] ?? '';
  return rows.map((line) => {
    const row = line.split('\t');
    return {
      id: `Sénat ${col(row, 'Numéro')}`,
      dispositif: dispositifFromHtml(col(row, 'Dispositif')),
      options: {},
      alinea: col(row, 'Alinéa'),
      subdivision: col(row, 'Subdivision'),
    };
  });
}

function operationsOf(a: RealAmendment): Operation[] {
  const result = parseDispositif(a.dispositif, a.options);
  if (!result.ok) throw new Error(`${a.id}: ${JSON.stringify(result.errors)}`);
  return result.operations.map((o) => o.operation);
}

const ARTICLE = ['I. – Premier alinéa.', 'II. – Deuxième alinéa.'];

describe('Assemblée nationale, PLFSS 2017 (texte 4072)', () => {
  const files = fs.readdirSync(AN).filter((f) => f.endsWith('.xml') && f !== 'liste.xml').sort();

  it('has the five amendments this test knows', () => {
    expect(files).toEqual(['135.xml', '177.xml', '192.xml', '270.xml', '723.xml']);
  });

  it.each(['177.xml', '270.xml'])('%s deletes the article', (file) => {
    expect(operationsOf(anAmendment(file))).toEqual([{ kind: 'delete_article' }]);
    expect(applyDispositif(ARTICLE, anAmendment(file).dispositif)).toEqual({ ok: true, alineas: [] });
  });

  it.each([
    ['135.xml', 'VI. – Le I de l’article L. 133‑1‑1 s’applique aux cotisations', 'à compter du 1er janvier 2018.'],
    ['723.xml', 'V. – Pour l’année 2016, la section mentionnée au V', 'dans la limite de 20 millions d’euros.'],
  ])('%s completes the article with one quoted alinéa', (file, start, end) => {
    const ops = operationsOf(anAmendment(file));
    expect(ops).toHaveLength(1);
    const op = ops[0];
    if (op?.kind !== 'complete_article') throw new Error(`${file}: ${JSON.stringify(op)}`);
    expect(op.alineas).toHaveLength(1);
    expect(op.alineas[0]?.replace(/\u00a0/g, ' ')).toMatch(new RegExp(`^${start}[^]*${end}$`));
    expect(applyDispositif(ARTICLE, anAmendment(file).dispositif)).toEqual({ ok: true, alineas: [...ARTICLE, op.alineas[0]] });
  });

  it('192.xml, « APRÈS ART. 8 », inserts an article additionnel whose « I. – » and « II. – » are its own text', () => {
    const amendment = anAmendment('192.xml');
    expect(amendment.options).toEqual({ context: 'article_additionnel', article: '8' });
    const ops = operationsOf(amendment);
    expect(ops).toHaveLength(1);
    const op = ops[0];
    if (op?.kind !== 'insert_article_after') throw new Error(JSON.stringify(op));
    expect(op.article).toBe('8');
    expect(op.alineas.map((a) => a.replace(/\u00a0/g, ' ').slice(0, 30))).toEqual([
      'I. – La section 3 du chapitre ',
      '« Art. L. 131-4-4. - Les gains',
      'II. – La perte de recettes rés',
    ]);
    expect(applyDispositif(ARTICLE, amendment.dispositif, amendment.options)).toEqual({ ok: true, alineas: ARTICLE, newArticle: op.alineas });
  });
});

describe('Sénat, PLFSS 2018 (texte 63), jeu complet', () => {
  const amendments = senatAmendments();

  it('has the two amendments this test knows', () => {
    expect(amendments.map((a) => a.id)).toEqual(['Sénat 31', 'Sénat 443']);
  });

  it('31 rewrites alinéa 8 of article 3, with unquoted text that starts like a numbered operation', () => {
    const a = amendments[0];
    if (a === undefined) throw new Error('missing');
    expect([a.subdivision, a.alinea]).toEqual(['Article 3', '8']);
    const ops = operationsOf(a);
    expect(ops).toHaveLength(1);
    const op = ops[0];
    if (op?.kind !== 'rewrite_alinea') throw new Error(JSON.stringify(op));
    expect(op.range).toEqual({ from: Number(a.alinea), to: Number(a.alinea) });
    expect(op.alineas).toHaveLength(1);
    expect(op.alineas[0]).toMatch(/^II\. – Par dérogation au IV de l’article L\. 862-4 .* au 1° de l’article L\. 200-2 du même code\.$/);
  });

  it('443 rewrites article 4: « les mots : « 19 millions » sont remplacés… » is content, not an operation', () => {
    const a = amendments[1];
    if (a === undefined) throw new Error('missing');
    expect([a.subdivision, a.alinea]).toEqual(['Article 4', 'Rédaction complète']);
    const ops = operationsOf(a);
    expect(ops).toHaveLength(1);
    const op = ops[0];
    if (op?.kind !== 'rewrite_article') throw new Error(JSON.stringify(op));
    expect(op.alineas).toHaveLength(1);
    expect(op.alineas[0]?.replace(/[\u00a0\u2011]/g, (c) => (c === '\u2011' ? '-' : ' '))).toBe(
      'À la quatrième phrase du premier alinéa de l’article L. 651-3 du code de la sécurité sociale, les mots : « 19 millions » sont remplacés par le nombre : « 760 000 ».',
    );
  });
});

describe('Sénat, liste de discussion (texte 610)', () => {
  it('carries no dispositif, only where each amendment goes: nothing to read here', () => {
    const list = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'senat-liste-discussion-610.json'), 'utf8')) as {
      Subdivisions: { Amendements: Record<string, string>[] }[];
    };
    const amendments = list.Subdivisions.flatMap((s) => s.Amendements);
    expect(amendments.length).toBeGreaterThan(0);
    for (const a of amendments) expect(Object.keys(a).filter((k) => /dispositif/i.test(k))).toEqual([]);
  });
});

describe('dispositifFromHtml', () => {
  it('one line per paragraph, tags dropped, entities decoded, « 1<sup>er</sup> » read as « 1er »', () => {
    expect(dispositifFromHtml('<p>Compl&#233;ter cet article par l&#8217;alin&#233;a suivant&#160;:</p>\n<p><span>&#171;&#160;Au 1<sup>er</sup>&#160;janvier&nbsp;&raquo;</span></p><p></p>')).toBe(
      'Compléter cet article par l’alinéa suivant\u00a0:\n«\u00a0Au 1er\u00a0janvier\u00a0»',
    );
  });
});
