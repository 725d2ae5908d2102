// A seeded pseudo-random generator (xoshiro128**, Blackman & Vigna) so that a calibration with a given
// seed gives the same samples on every machine, in Node and in the browser alike.

export interface Random {
  /** Uniform on [0, 1), 53 random bits. */
  uniform(): number;
  /** Standard normal (Box-Muller). */
  normal(): number;
  /** Uniform integer in [0, n). */
  integer(n: number): number;
}

const rotl = (x: number, k: number) => (x << k) | (x >>> (32 - k));

/** splitmix32 spreads a small seed over the 128-bit state (an all-zero state would never leave zero). */
function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

class Xoshiro128 implements Random {
  private readonly s = new Uint32Array(4);
  private spare: number | undefined;

  constructor(seed: number) {
    const mix = splitmix32(seed);
    for (let i = 0; i < 4; i++) this.s[i] = mix();
  }

  private next(): number {
    const s = this.s;
    const result = Math.imul(rotl(Math.imul(s[1], 5), 7), 9) >>> 0;
    const t = s[1] << 9;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 11);
    return result;
  }

  uniform(): number {
    const high = this.next() >>> 5; // 27 bits
    const low = this.next() >>> 6; // 26 bits
    return (high * 67108864 + low) / 9007199254740992;
  }

  normal(): number {
    if (this.spare !== undefined) {
      const z = this.spare;
      this.spare = undefined;
      return z;
    }
    const u1 = 1 - this.uniform(); // (0, 1]: log stays finite
    const u2 = this.uniform();
    const radius = Math.sqrt(-2 * Math.log(u1));
    this.spare = radius * Math.sin(2 * Math.PI * u2);
    return radius * Math.cos(2 * Math.PI * u2);
  }

  integer(n: number): number {
    return Math.floor(this.uniform() * n);
  }
}

export function createRandom(seed: number): Random {
  return new Xoshiro128(seed);
}
