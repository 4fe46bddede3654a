import { escapeMarkdown, renderMarkdown } from '../../server/exports/markdown';
import { HOSTILE, IDS, sampleBill } from './exports-fixture';

describe('renderMarkdown', () => {
  const md = renderMarkdown(sampleBill());

  it('prints the title, one heading per article in text order and « (Supprimé) » for a deleted article', () => {
    expect(md.startsWith('# Projet de loi pour une République numérique\n')).toBe(true);
    const headings = md.split('\n').filter((l) => l.startsWith('## '));
    expect(headings).toEqual(['## Article 1er', '## Article 2', '## Article 2 bis (nouveau)', '## Article 3', '## Article 4']);
    expect(md).toContain('## Article 3\n\n(Supprimé)\n');
  });

  it('prints one paragraph per alinéa, the heading in italics', () => {
    expect(md).toContain(
      '## Article 1er\n\n_Open data par défaut_\n\nI. Le code est ainsi modifié :\n\nLes administrations diffusent gratuitement les documents.\n',
    );
  });

  it('escapes Markdown and HTML specials in the bill text', () => {
    expect(md).toContain('1\\. Le \\*présent\\* article # \\[entre\\](x) en \\<vigueur\\> le 1er janvier 2027 & après\\_tout.');
    const hostile = renderMarkdown(sampleBill({ title: `Projet ${HOSTILE}` }));
    expect(hostile.split('\n')[0]).toBe('# Projet \\<script\\>alert("x") & \'y\'\\</script\\>');
  });

  it('escapes what only means something at the start of a line', () => {
    expect(escapeMarkdown('# titre')).toBe('\\# titre');
    expect(escapeMarkdown('- tiret')).toBe('\\- tiret');
    expect(escapeMarkdown('> citation')).toBe('\\> citation');
    expect(escapeMarkdown('12) liste')).toBe('12\\) liste');
    expect(escapeMarkdown('    code')).toBe('code');
    expect(escapeMarkdown('&amp; et &')).toBe('\\&amp; et &');
  });

  it('has no footnotes unless provenance is asked for', () => {
    expect(md).not.toContain('[^');
  });

  it('with provenance, emphasises the words from amendments and names the amendments in footnotes', () => {
    const withProvenance = renderMarkdown(sampleBill(), { provenance: true });
    expect(withProvenance).toContain('Les administrations diffusent *gratuitement*[^1] les documents.');
    expect(withProvenance).toContain('*Les algorithmes publics sont documentés.*[^2]');
    expect(withProvenance).toContain('(Supprimé)[^3]');
    expect(withProvenance).toContain('[^1]: Amendement n° 12 — Alice Martin\n');
    expect(withProvenance).toContain('[^2]: Amendement n° COM-15 — Élise Dupont, Alice Martin\n');
    expect(withProvenance).toContain('[^3]: Amendement n° 7 — Regards Citoyens (organisation)\n');
    expect(withProvenance).not.toContain(IDS.a16); // rejected: not part of the text
  });
});
