// The words right next to a name, read by hand rather than by a regular expression over a window of
// text: several rules look at them for every mention, and a backtracking pattern costs a pass per try.

const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d || c === 0xa0;

/** The span [from, to) of the run of non-space characters right before `at` (spaces between), or null. */
export function wordBefore(text: string, at: number): [number, number] | null {
  let to = at;
  while (to > 0 && isSpace(text.charCodeAt(to - 1))) to--;
  if (to === at || to === 0) return null;
  let from = to;
  while (from > 0 && !isSpace(text.charCodeAt(from - 1)) && to - from < 40) from--;
  return [from, to];
}

/** The span [from, to) of the run of non-space characters right after `at` (spaces between), or null. */
export function wordAfter(text: string, at: number): [number, number] | null {
  let from = at;
  while (from < text.length && isSpace(text.charCodeAt(from))) from++;
  if (from === at || from === text.length) return null;
  let to = from;
  while (to < text.length && !isSpace(text.charCodeAt(to)) && to - from < 40) to++;
  return [from, to];
}
