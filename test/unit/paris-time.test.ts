import { parisLocalIso, parisOffsetMinutes } from '../../shared/paris-time';

describe('Paris wall-clock times', () => {
  test('the offset follows daylight saving time', () => {
    expect(parisOffsetMinutes(Date.parse('2026-01-15T12:00:00Z'))).toBe(60);
    expect(parisOffsetMinutes(Date.parse('2026-07-14T12:00:00Z'))).toBe(120);
  });

  test('the end of a day in Paris, winter and summer, and around the changes', () => {
    expect(parisLocalIso('2026-01-15')).toBe('2026-01-15T23:59:00+01:00');
    expect(parisLocalIso('2026-07-14')).toBe('2026-07-14T23:59:00+02:00');
    expect(new Date(parisLocalIso('2026-07-14')).toISOString()).toBe('2026-07-14T21:59:00.000Z');
    // the last Sunday of March (summer time from 02:00) and of October (winter time from 03:00)
    expect(parisLocalIso('2026-03-29')).toBe('2026-03-29T23:59:00+02:00');
    expect(parisLocalIso('2026-03-28')).toBe('2026-03-28T23:59:00+01:00');
    expect(parisLocalIso('2026-10-25')).toBe('2026-10-25T23:59:00+01:00');
    expect(parisLocalIso('2026-10-24')).toBe('2026-10-24T23:59:00+02:00');
    expect(parisLocalIso('2026-07-14', '08:30')).toBe('2026-07-14T08:30:00+02:00');
  });

  test('a malformed date is left for the schema to refuse', () => {
    expect(parisLocalIso('demain')).toBe('demainT23:59:00');
  });
});
