/**
 * The text of a dispositif published as HTML (Assemblée open data, Sénat « jeu complet »): one
 * line per paragraph, tags dropped, entities decoded, « 1<sup>er</sup> » read as « 1er ».
 */

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00A0', laquo: '«', raquo: '»',
  rsquo: '’', lsquo: '‘', ldquo: '“', rdquo: '”', ndash: '–', mdash: '—', hellip: '…', deg: '°',
  eacute: 'é', egrave: 'è', ecirc: 'ê', agrave: 'à', acirc: 'â', ccedil: 'ç', ocirc: 'ô', icirc: 'î',
  iuml: 'ï', ucirc: 'û', ugrave: 'ù', Eacute: 'É', Agrave: 'À', oelig: 'œ', euro: '€', shy: '',
};

export function dispositifFromHtml(html: string): string {
  const text = html
    .replace(/<!\[CDATA\[|\]\]>/g, '')
    .replace(/\s*\n\s*/g, ' ') // source line breaks are not alinéas; paragraphs are
    .replace(/<\s*br\s*\/?>/gi, '\n')
    .replace(/<\/\s*(?:p|div|li|h\d|tr)\s*>/gi, '\n')
    .replace(/<[^>]*>/g, '');
  return decodeEntities(text)
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join('\n');
}

function decodeEntities(text: string): string {
  return text.replace(/&(?:#(\d+)|#x([0-9a-f]+)|(\w+));/gi, (whole: string, dec?: string, hex?: string, name?: string) => {
    if (dec !== undefined) return safeCodePoint(Number(dec), whole);
    if (hex !== undefined) return safeCodePoint(parseInt(hex, 16), whole);
    return NAMED_ENTITIES[name ?? ''] ?? whole;
  });
}

function safeCodePoint(code: number, fallback: string): string {
  return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : fallback;
}
