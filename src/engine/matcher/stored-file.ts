// The stored matcher as one binary file: how the build ships the bundled dataset's matcher already
// compiled (matcher.bin), so that installing the extension does not compile it. A JSON header holds
// everything but the typed arrays, which follow it as raw bytes and are read back as views on the
// file's buffer, without copying. What comes out is checked by loadMatcher like any stored form.

import type { StoredMatcher } from './stored';

const TYPED = { Int32Array, Uint16Array, Uint8Array } as const;
type TypedName = keyof typeof TYPED;
type Typed = InstanceType<(typeof TYPED)[TypedName]>;

/** Where a typed array's bytes are, in the header (offset from the start of the arrays' block). */
interface TypedRef {
  $typed: TypedName;
  offset: number;
  length: number;
}

const typedName = (value: unknown): TypedName | null => {
  for (const name of Object.keys(TYPED) as TypedName[]) if (value instanceof TYPED[name]) return name;
  return null;
};

/** Rounds up to a multiple of 8, so that every array starts aligned for its element size. */
const align = (n: number) => (n + 7) & ~7;

export function encodeStoredMatcher(stored: StoredMatcher): Uint8Array {
  const arrays: Typed[] = [];
  let size = 0;
  const header = JSON.stringify(stored, (_key, value: unknown) => {
    const name = typedName(value);
    if (name === null) return value;
    const array = value as Typed;
    const ref: TypedRef = { $typed: name, offset: size, length: array.length };
    arrays.push(array);
    size = align(size + array.byteLength);
    return ref;
  });
  const headerBytes = new TextEncoder().encode(header);
  const start = align(4 + headerBytes.length);
  const file = new Uint8Array(start + size);
  new DataView(file.buffer).setUint32(0, headerBytes.length, true);
  file.set(headerBytes, 4);
  let at = start;
  for (const array of arrays) {
    file.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), at);
    at = start + align(at - start + array.byteLength);
  }
  return file;
}

/** The stored form in a file encodeStoredMatcher wrote; throws on a file it did not write. */
export function decodeStoredMatcher(buffer: ArrayBuffer): StoredMatcher {
  const headerLength = new DataView(buffer).getUint32(0, true);
  const start = align(4 + headerLength);
  if (start > buffer.byteLength) throw new Error('not a stored matcher file');
  const header = new TextDecoder().decode(new Uint8Array(buffer, 4, headerLength));
  return JSON.parse(header, (_key, value: unknown) => {
    if (typeof value !== 'object' || value === null || !('$typed' in value)) return value;
    const { $typed, offset, length } = value as TypedRef;
    const Ctor = TYPED[$typed];
    if (!Object.hasOwn(TYPED, $typed) || !Number.isInteger(offset) || !Number.isInteger(length) || offset < 0)
      throw new Error('not a stored matcher file');
    // Throws a RangeError itself when the array would run past the file.
    return new Ctor(buffer, start + offset, length);
  }) as StoredMatcher;
}
