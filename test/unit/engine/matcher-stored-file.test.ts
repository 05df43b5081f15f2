// The compiled matcher the build ships (matcher.bin): written once, read back as views on the file,
// it finds what the compiled matcher finds; a file that is not one is refused.

import { beforeAll, describe, expect, it } from 'vitest';
import { compileMatcher, type Matcher } from '../../../src/engine/matcher/compile';
import { findAliases } from '../../../src/engine/matcher/scan';
import { loadMatcher, serializeMatcher } from '../../../src/engine/matcher/stored';
import { decodeStoredMatcher, encodeStoredMatcher } from '../../../src/engine/matcher/stored-file';
import type { Entity } from '../../../src/shared/types';
import { loadDataset } from '../../eval/load';

const ROOT = new URL('../../..', import.meta.url).pathname;
const TEXT =
  'NATO and the OSCE discussed New START; «Договор о нераспространении ядерного оружия» was named too.';

let entities: Entity[];
let compiled: Matcher;
beforeAll(() => {
  entities = loadDataset(ROOT).entities;
  compiled = compileMatcher(entities);
});

const hits = (m: Matcher) => findAliases(m, TEXT).map((h) => [h.start, h.end, h.entityIds]);

/** The bytes as a fresh ArrayBuffer, as fetch() gives them. */
const asFetched = (bytes: Uint8Array) => bytes.slice().buffer;

describe('the shipped matcher file', () => {
  it('loads into a matcher that finds what the compiled one finds', () => {
    const file = encodeStoredMatcher(serializeMatcher(compiled, 'v1/code'));
    const loaded = loadMatcher(decodeStoredMatcher(asFetched(file)), entities, 'v1/code');
    expect(loaded).not.toBeNull();
    expect(hits(loaded!)).toEqual(hits(compiled));
    expect(hits(compiled).length).toBeGreaterThan(2);
  });

  it('is refused when cut short, when it names an unknown array type, or for another stamp', () => {
    const file = encodeStoredMatcher(serializeMatcher(compiled, 'v1/code'));
    expect(() => decodeStoredMatcher(asFetched(file.subarray(0, file.length >> 1)))).toThrow();
    // The same file with one array's type renamed to a name every object has ("toString").
    const length = new DataView(file.buffer).getUint32(0, true);
    const header = new TextDecoder().decode(file.subarray(4, 4 + length));
    const renamed = header.replace('"$typed":"Int32Array"', '"$typed":"toString"  ');
    expect(renamed).not.toBe(header);
    const forged = file.slice();
    forged.set(new TextEncoder().encode(renamed), 4);
    expect(() => decodeStoredMatcher(asFetched(forged))).toThrow();
    expect(loadMatcher(decodeStoredMatcher(asFetched(file)), entities, 'v2/code')).toBeNull();
  });
});
