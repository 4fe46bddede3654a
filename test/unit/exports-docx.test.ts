import JSZip from 'jszip';
import { create } from 'xmlbuilder2';
import { renderComparatifDocx } from '../../server/exports/comparatif-docx';
import { HOSTILE, sampleBill } from './exports-fixture';

const count = (text: string, needle: string) => text.split(needle).length - 1;

describe('renderComparatifDocx', () => {
  let zip: JSZip;
  let documentXml: string;

  beforeAll(async () => {
    const buffer = await renderComparatifDocx(sampleBill({ title: `Projet ${HOSTILE}` }));
    expect(Buffer.isBuffer(buffer)).toBe(true);
    zip = await JSZip.loadAsync(buffer);
    documentXml = (await zip.file('word/document.xml')?.async('string')) ?? '';
  });

  it('is a Word package whose main part is well-formed XML', async () => {
    expect(zip.file('[Content_Types].xml')).not.toBeNull();
    expect(() => create(documentXml)).not.toThrow();
    expect(await zip.file('word/styles.xml')?.async('string')).toContain('w:val="fr-FR"');
  });

  it('holds a real two-column table: a repeated header row, a banner per article, a row per alinéa', () => {
    expect(count(documentXml, '<w:tbl>')).toBe(1);
    expect(count(documentXml, '<w:gridCol ')).toBe(2);
    expect(count(documentXml, '<w:tblHeader/>')).toBe(1);
    // 1 header + 5 articles (1er, 2, 2 bis, 3, 4) + 6 alinéa rows
    expect(count(documentXml, '<w:tr>')).toBe(12);
    expect(documentXml).toContain('TEXTE INITIAL');
    expect(documentXml).toContain('TEXTE ADOPTÉ');
    expect(documentXml).toContain('>Article 2 bis (nouveau)<');
    expect(documentXml).toContain('>Article 3 (Supprimé)<');
    expect(count(documentXml, '>Le présent article est applicable outre-mer.<')).toBe(2);
  });

  it('strikes deleted words through and sets inserted words in bold underline', () => {
    expect(documentXml).toContain('<w:r><w:rPr><w:strike/></w:rPr><w:t xml:space="preserve">publiquement</w:t></w:r>');
    expect(documentXml).toContain('<w:r><w:rPr><w:b/><w:bCs/><w:u w:val="single"/></w:rPr><w:t xml:space="preserve">gratuitement</w:t></w:r>');
    expect(documentXml).toContain('<w:strike/></w:rPr><w:t xml:space="preserve">Le Gouvernement remet un rapport annuel au Parlement.</w:t>');
  });

  it('escapes the text it carries', () => {
    expect(documentXml).toContain('Projet &lt;script&gt;alert(');
    expect(documentXml).not.toContain('<script>');
  });
});
