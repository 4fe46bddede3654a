import { renderSideBySideDiff, renderUnifiedDiff } from '../../shared/diff-html';
import { diffTexts, type TextDiff } from '../../shared/text-diff';

const HOSTILE = `<script>alert("x") & 'y'</script>`;
const ESCAPED = '&lt;script&gt;alert(&quot;x&quot;) &amp; &#39;y&#39;&lt;/script&gt;';

/** One op of each kind, every one of them carrying hostile text. */
const hostileDiff: TextDiff = {
  ops: [
    { op: 'equal', before: 1, after: 1, text: HOSTILE },
    { op: 'delete', before: 2, text: HOSTILE },
    { op: 'insert', after: 2, text: HOSTILE },
    {
      op: 'modify',
      before: 3,
      after: 3,
      parts: [
        { op: 'equal', text: HOSTILE },
        { op: 'delete', text: HOSTILE },
        { op: 'insert', text: HOSTILE },
      ],
    },
  ],
  stats: { inserted: 1, deleted: 1, modified: 1, unchanged: 1 },
};

const count = (html: string, needle: string) => html.split(needle).length - 1;

const BEFORE = ['Le présent article entre en vigueur le 1er janvier 2027.', 'Le second alinéa est supprimé.'];
const AFTER = ['Le présent article entre en vigueur le 1er juillet 2027.', 'Un décret fixe les modalités.', 'Le second alinéa est supprimé.'];

describe('renderUnifiedDiff', () => {
  it('escapes every text, in every kind of op', () => {
    const html = renderUnifiedDiff(hostileDiff);
    expect(html).not.toContain('<script>');
    expect(count(html, ESCAPED)).toBe(6);
  });

  it('announces each word change with a visually hidden « ajouté » / « supprimé »', () => {
    const html = renderUnifiedDiff(diffTexts(BEFORE, AFTER));
    expect(html).toContain(
      '<del><span class="visually-hidden">supprimé : </span>janvier</del><ins><span class="visually-hidden">ajouté : </span>juillet</ins>',
    );
  });

  it('lists alinéas in an <ol>, numbered, whole insertions labelled « Alinéa ajouté »', () => {
    const html = renderUnifiedDiff(diffTexts(BEFORE, AFTER));
    expect(html.startsWith('<ol class="diff">')).toBe(true);
    expect(count(html, '<li')).toBe(3);
    expect(html).toContain(
      '<li class="diff-insert"><span class="diff-num">al. 2</span> <span class="diff-label">Alinéa ajouté</span> <ins><span class="visually-hidden">ajouté : </span>Un décret fixe les modalités.</ins></li>',
    );
    expect(html).toContain('<span class="diff-num">al. 3</span> Le second alinéa est supprimé.</li>');
  });

  it('labels a whole deleted alinéa « Alinéa supprimé », with its number in the old text', () => {
    const html = renderUnifiedDiff(diffTexts(AFTER, BEFORE));
    expect(html).toContain(
      '<li class="diff-delete"><span class="diff-num">al. 2</span> <span class="diff-label">Alinéa supprimé</span> <del><span class="visually-hidden">supprimé : </span>Un décret fixe les modalités.</del></li>',
    );
  });
});

describe('renderSideBySideDiff', () => {
  it('escapes every text, in every kind of op, and the caption', () => {
    const html = renderSideBySideDiff(hostileDiff, { caption: HOSTILE });
    expect(html).not.toContain('<script>');
    // equal twice (both sides), delete, insert, modify: equal part on both sides, delete, insert
    expect(count(html, ESCAPED)).toBe(1 + 2 + 1 + 1 + 4);
  });

  it('is a captioned table with « Texte actuel » / « Texte proposé » column headers', () => {
    const html = renderSideBySideDiff(diffTexts(BEFORE, AFTER));
    expect(html).toMatch(/^<table class="diff-side"><caption>[^<]+<\/caption>/);
    expect(html).toContain('<th scope="col">Texte actuel</th><th scope="col">Texte proposé</th>');
  });

  it('has one row per alinéa op: deletions on the left, insertions on the right', () => {
    const html = renderSideBySideDiff(diffTexts(BEFORE, AFTER));
    const rows = html.split('<tbody>')[1]?.match(/<tr class="diff-[a-z]+">.*?<\/tr>/g) ?? [];
    expect(rows).toHaveLength(3);
    const [modified, inserted] = rows;
    expect(modified).toMatch(/^<tr class="diff-modify"><td>[^]*<del>[^]*janvier<\/del>[^]*<\/td><td>[^]*<ins>[^]*juillet<\/ins>/);
    expect(modified?.split('</td>')[0]).not.toContain('<ins>');
    expect(modified?.split('</td>')[1]).not.toContain('<del>');
    expect(inserted).toMatch(/^<tr class="diff-insert"><td class="diff-empty">.*aucun alinéa.*<\/td><td>.*Alinéa ajouté.*<ins>/);
  });

  it('puts a deleted alinéa in the left cell, labelled and announced', () => {
    const html = renderSideBySideDiff(diffTexts(AFTER, BEFORE));
    expect(html).toMatch(
      /<tr class="diff-delete"><td>.*Alinéa supprimé.*<del><span class="visually-hidden">supprimé : <\/span>Un décret.*<\/td><td class="diff-empty">/,
    );
  });
});
