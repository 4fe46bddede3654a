import { cleanFilename, normaliseInterests, normaliseRegister, sniffMinutes } from '../../shared/interest';

describe('reading a HATVP register number', () => {
  test.each([
    ['H123456789', 'H123456789'], [' h 123 456 789 ', 'H123456789'], ['h-123.456.789', 'H123456789'],
    ['552 100 554', '552100554'], ['w751234567', 'W751234567'],
  ])('%j reads as %j', (input, out) => expect(normaliseRegister(input)).toBe(out));
  test.each(['H12345678', 'H1234567890', 'X123456789', '', 'H', '12345678', 'H12345678A', `H${'1'.repeat(60)}`])('%j is refused', (input) => {
    expect(normaliseRegister(input)).toBeNull();
  });
});

test('interests are trimmed, blank and repeated ones dropped', () => {
  expect(normaliseInterests([' Édition ', 'édition', '', '  ', 'Droit  d’auteur'])).toEqual(['Édition', 'Droit d’auteur']);
});

describe('recognising minutes by their content', () => {
  const bytes = (s: string) => new TextEncoder().encode(s);
  test('a PDF, whole', () => expect(sniffMinutes(bytes('%PDF-1.7\n…\n%%EOF\n'))).toEqual({ type: 'application/pdf' }));
  test('a cut-off PDF is refused', () => expect(sniffMinutes(bytes('%PDF-1.7\n…'))).toHaveProperty('refused'));
  test('UTF-8 text with line and page breaks', () => expect(sniffMinutes(bytes('Compte rendu\r\n\tséance\f'))).toEqual({ type: 'text/plain' }));
  test.each([
    ['empty', new Uint8Array()], ['PNG', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])], ['Latin-1', new Uint8Array([0x63, 0x61, 0x66, 0xe9])],
    ['NUL', bytes('a\u0000b')], ['ZIP (docx)', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00])],
  ])('%s is refused', (_name, b) => expect(sniffMinutes(b)).toHaveProperty('refused'));
  test('file names lose their path and odd characters, and get the extension of their content', () => {
    expect(cleanFilename('../../etc/CR "audition".pdf', 'application/pdf')).toBe('CR _audition_.pdf');
    expect(cleanFilename('notes', 'text/plain')).toBe('notes.txt');
    expect(cleanFilename('...', 'application/pdf')).toBe('compte-rendu.pdf');
  });
});
