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

/**
 * Python 3 `a // b` for finite doubles (CPython's float floor division): the floor of the exact
 * quotient, not of the rounded one. They differ when a / b rounds up onto an integer: 1 // 0.1 is 9
 * in Python while Math.floor(1 / 0.1) is 10. LLaVA-OneVision's anyres_max reduction divides feature
 * sizes by a float ratio this way (`int(current_height // ratio)`).
 */
export function pyFloorDiv(a: number, b: number): number {
  if (!Number.isFinite(a) || !Number.isFinite(b) || b === 0) throw new RangeError(`pyFloorDiv: expected finite a and non-zero b, found ${a}, ${b}`);
  // CPython _float_div_mod: mod = fmod(a, b) (JS % is the exact fmod), div = (a - mod) / b,
  // moved down by one when the remainder's sign differs from b's, then snapped to an integer.
  let mod = a % b;
  let div = (a - mod) / b;
  if (mod !== 0 && (b < 0) !== (mod < 0)) {
    mod += b;
    div -= 1;
  }
  if (div === 0) return 0;
  let floorDiv = Math.floor(div);
  if (div - floorDiv > 0.5) floorDiv += 1;
  return floorDiv;
}
