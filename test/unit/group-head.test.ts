import { groupHead } from '../../shared/reconcile';

/** shared/reconcile/group-head.ts: the one member of an identical group that carries its vote. */

const m = (id: string, origin: 'citizen' | 'commission', number: number) => ({ id, origin, number });

test('commission amendments first, then by number, then by id; none for an empty group', () => {
  expect(groupHead([m('c', 'citizen', 1), m('b', 'commission', 4), m('a', 'commission', 2)])?.id).toBe('a');
  expect(groupHead([m('z', 'citizen', 3), m('y', 'citizen', 2)])?.id).toBe('y');
  expect(groupHead([m('y', 'citizen', 2), m('x', 'citizen', 2)])?.id).toBe('x');
  expect(groupHead([])).toBeUndefined();
});

test('the order of the members given does not matter', () => {
  const members = [m('a', 'citizen', 5), m('b', 'commission', 7), m('c', 'citizen', 1), m('d', 'commission', 3)];
  for (let i = 0; i < members.length; i++) {
    const rotated = [...members.slice(i), ...members.slice(0, i)];
    expect(groupHead(rotated)?.id).toBe('d');
    expect(groupHead([...rotated].reverse())?.id).toBe('d');
  }
});
