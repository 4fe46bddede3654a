/**
 * The tableau comparatif as a Word document (.docx, built with the `docx` package): a real
 * two-column table « Texte initial | Texte adopté » whose header row repeats on every page, one
 * banner row per article, then one row per alinéa. Deleted words are struck through, inserted
 * words bold and underlined: the marks survive printing in black and white.
 */
import {
  AlignmentType, Document, HeadingLevel, Packer, Paragraph, ShadingType, Table, TableCell, TableLayoutType, TableRow, TextRun,
  UnderlineType, WidthType,
} from 'docx';
import type { WordPart } from '../../shared/text-diff';
import { articleLabel, frenchDate, textLabel, xmlText } from './common';
import { comparatif, statusNote, type ComparatifArticle, type Side } from './comparatif';
import type { ExportBill } from './types';

// A4 portrait with 2 cm margins, in twentieths of a point
const PAGE = { width: 11906, height: 16838, margin: 1134 };
const COLUMN = Math.floor((PAGE.width - 2 * PAGE.margin) / 2);
const BANNER_SHADING = { type: ShadingType.CLEAR, color: 'auto', fill: 'EDEDED' };

export async function renderComparatifDocx(bill: ExportBill): Promise<Buffer> {
  const table = new Table({
    width: { size: 2 * COLUMN, type: WidthType.DXA },
    columnWidths: [COLUMN, COLUMN],
    layout: TableLayoutType.FIXED,
    rows: [
      new TableRow({ tableHeader: true, children: [headerCell('Texte initial'), headerCell(textLabel(bill))] }),
      ...comparatif(bill).flatMap(articleRows),
    ],
  });
  const doc = new Document({
    creator: 'Palimpseste',
    title: xmlText(`${bill.title} — tableau comparatif`),
    description: `Tableau comparatif : texte initial et ${textLabel(bill).toLowerCase()}`,
    styles: { default: { document: { run: { font: 'Times New Roman', size: 22, language: { value: 'fr-FR' } } } } },
    sections: [
      {
        properties: { page: { size: { width: PAGE.width, height: PAGE.height }, margin: { top: PAGE.margin, bottom: PAGE.margin, left: PAGE.margin, right: PAGE.margin } } },
        children: [
          new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, children: [new TextRun(xmlText(bill.title))] }),
          new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: 'Tableau comparatif', bold: true })] }),
          new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: `Document généré le ${frenchDate(bill.generatedAt)}`, italics: true })] }),
          new Paragraph({
            spacing: { before: 200, after: 200 },
            children: [
              new TextRun('Les suppressions sont '),
              new TextRun({ text: 'barrées', strike: true }),
              new TextRun(', les ajouts '),
              new TextRun({ text: 'soulignés en gras', bold: true, underline: { type: UnderlineType.SINGLE } }),
              new TextRun('.'),
            ],
          }),
          table,
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

function headerCell(text: string): TableCell {
  return new TableCell({
    width: { size: COLUMN, type: WidthType.DXA },
    children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: text.toUpperCase(), bold: true })] })],
  });
}

function articleRows(a: ComparatifArticle): TableRow[] {
  const note = statusNote(a.status);
  const banner = new TableRow({
    cantSplit: true,
    children: [
      a.status === 'new' ? bannerCell([]) : bannerCell([articleLabel(a.number), a.initialHeading]),
      bannerCell([`${articleLabel(a.number)}${note ? ` ${note}` : ''}`, a.adoptedHeading]),
    ],
  });
  return [banner, ...a.rows.map((r) => new TableRow({ children: [textCell(r.initial), textCell(r.adopted)] }))];
}

/** The article's number in bold and its heading in italics, centred on a grey band. */
function bannerCell([label, heading]: (string | null | undefined)[]): TableCell {
  const children: Paragraph[] = [];
  if (label) children.push(new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: xmlText(label), bold: true })] }));
  if (heading) children.push(new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: xmlText(heading), italics: true })] }));
  return new TableCell({ width: { size: COLUMN, type: WidthType.DXA }, shading: BANNER_SHADING, children: children.length > 0 ? children : [new Paragraph('')] });
}

function textCell(side: Side): TableCell {
  return new TableCell({
    width: { size: COLUMN, type: WidthType.DXA },
    children: [new Paragraph({ alignment: AlignmentType.JUSTIFIED, children: (side ?? []).map(wordRun) })],
  });
}

function wordRun(p: WordPart): TextRun {
  if (p.op === 'delete') return new TextRun({ text: xmlText(p.text), strike: true });
  if (p.op === 'insert') return new TextRun({ text: xmlText(p.text), bold: true, underline: { type: UnderlineType.SINGLE } });
  return new TextRun(xmlText(p.text));
}
