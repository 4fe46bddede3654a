import {
  addDays, barSlots, countAxis, cumulativeByDay, dayOf, daysFrom, fillDays, frenchDay, labelledIndexes, linearScale, linePath,
  participationByDay, spreadLabels,
} from '../../shared/charts';

const at = (iso: string) => new Date(iso);
const delta = (iso: string, f: number, m: number, a: number) => ({ at: at(iso), for: f, mitigated: m, against: a });

describe('days in French time', () => {
  test('an instant belongs to the day it is in Paris, in winter (UTC+1) and in summer (UTC+2)', () => {
    expect(dayOf(at('2025-01-14T22:59:59Z'))).toBe('2025-01-14');
    expect(dayOf(at('2025-01-14T23:00:00Z'))).toBe('2025-01-15');
    expect(dayOf(at('2025-07-14T21:59:59Z'))).toBe('2025-07-14');
    expect(dayOf(at('2025-07-14T22:00:00Z'))).toBe('2025-07-15');
  });

  test('days are counted across month ends, leap days and clock changes', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(daysFrom('2025-03-29', '2025-04-01')).toEqual(['2025-03-29', '2025-03-30', '2025-03-31', '2025-04-01']);
    expect(daysFrom('2025-03-02', '2025-03-01')).toEqual([]);
    expect(() => addDays('3 mai', 1)).toThrow(RangeError);
  });

  test('days read in French, short on axes and long in sentences', () => {
    expect(frenchDay('2025-05-03')).toBe('3 mai');
    expect(frenchDay('2025-05-03', true)).toBe('3 mai 2025');
    expect(frenchDay('2025-12-01')).toMatch(/^1 déc/);
  });
});

describe('series', () => {
  test('vote changes become cumulative counts at the end of each active day, whatever their order', () => {
    const points = cumulativeByDay([
      delta('2025-05-04T08:00:00Z', 1, 0, 0),
      delta('2025-05-03T10:00:00Z', 2, 1, 0),
      delta('2025-05-03T15:00:00Z', 0, 0, 1),
      // someone changes from d'accord to pas d'accord, someone withdraws a mitigé
      delta('2025-05-06T09:00:00Z', -1, -1, 1),
    ]);
    expect(points).toEqual([
      { day: '2025-05-03', for: 2, mitigated: 1, against: 1, total: 4 },
      { day: '2025-05-04', for: 3, mitigated: 1, against: 1, total: 5 },
      { day: '2025-05-06', for: 2, mitigated: 0, against: 2, total: 4 },
    ]);
    expect(cumulativeByDay([])).toEqual([]);
  });

  test('filling days carries the last counts over quiet days and starts from zero', () => {
    const points = cumulativeByDay([delta('2025-05-03T10:00:00Z', 2, 0, 0), delta('2025-05-05T10:00:00Z', 1, 0, 0)]);
    expect(fillDays(points, daysFrom('2025-05-02', '2025-05-05')).map((p) => [p.day, p.for])).toEqual([
      ['2025-05-02', 0], ['2025-05-03', 2], ['2025-05-04', 2], ['2025-05-05', 3],
    ]);
  });

  test('participation is summed per day across kinds, quiet days left out', () => {
    const days = participationByDay({
      votes: [{ at: at('2025-05-03T08:00:00Z'), n: 5 }, { at: at('2025-05-03T20:00:00Z'), n: 2 }, { at: at('2025-05-05T08:00:00Z'), n: 1 }],
      amendments: [{ at: at('2025-05-03T09:00:00Z'), n: 1 }],
      arguments: [],
      annotations: [{ at: at('2025-05-04T21:30:00Z'), n: 0 }, { at: at('2025-05-05T22:30:00Z'), n: 3 }],
    });
    expect(days).toEqual([
      { day: '2025-05-03', votes: 7, amendments: 1, arguments: 0, annotations: 0, total: 8 },
      { day: '2025-05-05', votes: 1, amendments: 0, arguments: 0, annotations: 0, total: 1 },
      // 22:30 UTC in May is already the next day in Paris
      { day: '2025-05-06', votes: 0, amendments: 0, arguments: 0, annotations: 3, total: 3 },
    ]);
  });
});

describe('geometry', () => {
  test('a linear scale maps ends onto ends and may run backwards (SVG y grows downwards)', () => {
    const y = linearScale([0, 10], [250, 50]);
    expect([y(0), y(5), y(10)]).toEqual([250, 150, 50]);
    expect(linearScale([3, 3], [10, 20])(3)).toBe(10);
  });

  test('count axes have whole, round steps from zero to at least the maximum', () => {
    expect(countAxis(0)).toEqual({ top: 1, ticks: [0, 1] });
    expect(countAxis(3)).toEqual({ top: 3, ticks: [0, 1, 2, 3] });
    expect(countAxis(7)).toEqual({ top: 8, ticks: [0, 2, 4, 6, 8] });
    expect(countAxis(23)).toEqual({ top: 25, ticks: [0, 5, 10, 15, 20, 25] });
    expect(countAxis(980)).toEqual({ top: 1000, ticks: [0, 200, 400, 600, 800, 1000] });
    expect(countAxis(41, 2)).toEqual({ top: 50, ticks: [0, 50] });
    expect(countAxis(39, 2)).toEqual({ top: 40, ticks: [0, 20, 40] });
    for (const max of [1, 9, 11, 99, 101, 12345]) {
      const { top, ticks } = countAxis(max);
      expect(top).toBeGreaterThanOrEqual(max);
      expect(ticks.every(Number.isInteger)).toBe(true);
      expect(ticks.length).toBeLessThanOrEqual(11);
    }
  });

  test('day labels: at most the number asked for, evenly spaced, the last day always shown', () => {
    expect(labelledIndexes(0, 5)).toEqual([]);
    expect(labelledIndexes(3, 6)).toEqual([0, 1, 2]);
    expect(labelledIndexes(10, 5)).toEqual([0, 2, 4, 6, 9]);
    expect(labelledIndexes(9, 5)).toEqual([0, 2, 4, 6, 8]);
    const many = labelledIndexes(100, 6);
    expect(many[0]).toBe(0);
    expect(many.at(-1)).toBe(99);
    expect(many.length).toBeLessThanOrEqual(6);
  });

  test('paths go through the points with one decimal', () => {
    expect(linePath([{ x: 0, y: 10 }, { x: 10.04, y: 5.55 }, { x: 20, y: 0 }])).toBe('M0 10L10 5.6L20 0');
    expect(linePath([])).toBe('');
  });

  test('bar slots share the width evenly, bars centred in them', () => {
    const slots = barSlots(4, 0, 100, 0.5);
    expect(slots.map((s) => s.centre)).toEqual([12.5, 37.5, 62.5, 87.5]);
    expect(slots.every((s) => s.width === 12.5)).toBe(true);
    expect(slots[0]!.x).toBe(6.3);
    expect(barSlots(0, 0, 100)).toEqual([]);
  });

  test('end labels are pushed apart, stay in the plot, and keep their order', () => {
    expect(spreadLabels([100, 100, 100], 15, 0, 300)).toEqual([100, 115, 130]);
    expect(spreadLabels([50, 200, 55], 15, 0, 300)).toEqual([50, 200, 65]);
    const squeezed = spreadLabels([295, 298, 300], 15, 0, 300);
    expect(squeezed).toEqual([270, 285, 300]);
    expect(spreadLabels([-20], 15, 0, 300)).toEqual([0]);
  });
});
