/**
 * The fingerprints seen so far in a file → the first row that had each, for duplicate detection.
 * Open addressing over one Uint32Array (96 bits of the SHA-256 digest + the row = 16 bytes a slot, at
 * most half full): about 32 bytes a row outside the JS heap, where a Map of strings costs ~100 bytes a
 * row and keeps the garbage collector busy. 96 bits make a false duplicate practically impossible.
 */
const WORDS = 4;

export class FingerprintIndex {
  private slots: Uint32Array;
  private mask: number;
  private count = 0;

  constructor(initialCapacity = 1 << 14) {
    let capacity = 1;
    while (capacity < initialCapacity) capacity <<= 1;
    this.slots = new Uint32Array(capacity * WORDS);
    this.mask = capacity - 1;
  }

  get size(): number {
    return this.count;
  }

  /**
   * Records `row` (≥ 1) for `digest` (≥ 12 bytes) and returns 0, or, when the digest was seen before,
   * returns the row that had it first (and records nothing).
   */
  claim(digest: Uint8Array, row: number): number {
    const view = new DataView(digest.buffer, digest.byteOffset, 12);
    const a = view.getUint32(0);
    const b = view.getUint32(4);
    const c = view.getUint32(8);
    const found = this.probe(this.slots, this.mask, a, b, c);
    const s = this.slots;
    if (s[found + 3] !== 0) return s[found + 3]!;
    s[found] = a;
    s[found + 1] = b;
    s[found + 2] = c;
    s[found + 3] = row;
    this.count++;
    if (this.count * 2 > this.mask + 1) this.grow();
    return 0;
  }

  /** Word offset of the slot holding (a, b, c), or of the empty slot where it belongs. */
  private probe(slots: Uint32Array, mask: number, a: number, b: number, c: number): number {
    for (let i = a & mask; ; i = (i + 1) & mask) {
      const o = i * WORDS;
      if (slots[o + 3] === 0) return o;
      if (slots[o] === a && slots[o + 1] === b && slots[o + 2] === c) return o;
    }
  }

  private grow(): void {
    const old = this.slots;
    const mask = (this.mask + 1) * 2 - 1;
    const slots = new Uint32Array((mask + 1) * WORDS);
    for (let o = 0; o < old.length; o += WORDS) {
      if (old[o + 3] === 0) continue;
      const to = this.probe(slots, mask, old[o]!, old[o + 1]!, old[o + 2]!);
      slots.set(old.subarray(o, o + WORDS), to);
    }
    this.slots = slots;
    this.mask = mask;
  }
}
