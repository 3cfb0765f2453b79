/**
 * Python rounding, reproduced exactly. The reference tiling code is Python, and `round()` there is
 * round-half-to-even on the exact binary value of the double (round(0.5) = 0, round(2.5) = 2), not
 * JavaScript's Math.round (half up). A port that used Math.round would pick different resize sizes
 * for Qwen2-VL and MiniCPM-V exactly at the halves, which real image sizes hit (e.g. 1078/28 = 38.5).
 */

/** Python 3 `round(x)` for a finite double: nearest integer, exact halves to the even neighbour. */
export function roundHalfEven(x: number): number {
  if (!Number.isFinite(x)) throw new RangeError(`roundHalfEven: expected a finite number, found ${x}`);
  const floor = Math.floor(x);
  // x - floor(x) is exact for every double (the fraction needs no more bits than x has), so the
  // comparison with 0.5 below sees the true distance, with no rounding of its own.
  const frac = x - floor;
  if (frac < 0.5) return floor + 0; // + 0 turns -0 into 0, as Python's int result has no sign
  if (frac > 0.5) return floor + 1;
  return floor % 2 === 0 ? floor : floor + 1;
}

/** The exact value of a finite double as mantissa * 2^exp (both integers). */
function exactBinary(x: number): { mant: bigint; exp: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Math.abs(x));
  const bits = view.getBigUint64(0);
  const biased = Number((bits >> 52n) & 0x7ffn);
  const frac = bits & ((1n << 52n) - 1n);
  return biased === 0 ? { mant: frac, exp: -1074 } : { mant: frac | (1n << 52n), exp: biased - 1075 };
}

/**
 * Python 3 `round(x, ndigits)` for ndigits >= 0: the exact binary value rounded half-to-even to
 * ndigits decimals (CPython does this with correctly rounded dtoa), then the nearest double. Needed
 * for HF LLaVA-NeXT's `int(round(h * (cur_w / w), 7))`, where the 7-decimal rounding decides whether
 * 23.99999999 becomes 24 before truncation.
 */
export function pyRound(x: number, ndigits: number): number {
  if (!Number.isFinite(x)) throw new RangeError(`pyRound: expected a finite number, found ${x}`);
  if (!Number.isInteger(ndigits) || ndigits < 0) throw new RangeError(`pyRound: ndigits must be a non-negative integer`);
  const { mant, exp } = exactBinary(x);
  const scaledNum = mant * 10n ** BigInt(ndigits);
  let q: bigint;
  if (exp >= 0) {
    q = scaledNum << BigInt(exp);
  } else {
    const den = 1n << BigInt(-exp);
    q = scaledNum / den;
    const twiceRem = 2n * (scaledNum - q * den);
    if (twiceRem > den || (twiceRem === den && q % 2n === 1n)) q += 1n;
  }
  // Decimal string -> double is correctly rounded in JS, as CPython's final conversion is.
  const value = Number(`${q}e-${ndigits}`);
  return x < 0 ? -value : value;
}
