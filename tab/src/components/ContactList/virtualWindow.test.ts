import { virtualWindow } from './virtualWindow';

describe('virtualWindow', () => {
  it.each([
    // count, rowHeight, scrollTop, height, overscan → start, end
    [100_000, 50, 0, 500, 10, 0, 20],
    [100_000, 50, 5_000, 500, 10, 90, 120],
    [100, 50, 4_900, 500, 10, 88, 100],
    [0, 50, 0, 500, 10, 0, 0],
    [100, 50, -20, 0, 0, 0, 1],
  ])('%i rows of %ipx at %ipx in %ipx (+%i) → [%i, %i)', (count, rowHeight, scrollTop, height, overscan, start, end) => {
    expect(virtualWindow(count, rowHeight, scrollTop, height, overscan)).toEqual({ start, end });
  });
});
