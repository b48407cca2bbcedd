import { describe, expect, it } from "vitest";
import { formatNumber } from "../src/io/csv.js";

describe("numbers are plain decimals at a fixed precision", () => {
  it("never uses exponent notation", () => {
    expect(formatNumber(1e-7)).toBe("0"); // 0.0000001 rounded to 6 places
    expect(formatNumber(1e-7, 7)).toBe("0.0000001");
    expect(formatNumber(1.5e-7, 8)).toBe("0.00000015");
    expect(formatNumber(123456789012345680000)).toBe("123456789012345680000");
    expect(formatNumber(1e21)).toBe("1000000000000000000000");
    expect(formatNumber(-2.5e22)).toBe("-25000000000000000000000");
    expect(formatNumber(Number.MAX_SAFE_INTEGER)).toBe("9007199254740991");
  });

  it("rounds half away from zero to 6 decimals and trims trailing zeros", () => {
    expect(formatNumber(0.1 + 0.2)).toBe("0.3");
    expect(formatNumber(1 / 3)).toBe("0.333333");
    expect(formatNumber(2 / 3)).toBe("0.666667");
    expect(formatNumber(-2 / 3)).toBe("-0.666667");
    expect(formatNumber(1.0000005)).toBe("1.000001");
    expect(formatNumber(9.9999996)).toBe("10");
    expect(formatNumber(-9.9999996)).toBe("-10");
    expect(formatNumber(1234.56789123)).toBe("1234.567891");
    expect(formatNumber(2.5)).toBe("2.5");
    expect(formatNumber(42)).toBe("42");
    expect(formatNumber(0.000123456789)).toBe("0.000123");
    expect(formatNumber(3.14159, 2)).toBe("3.14");
    expect(formatNumber(2.5, 0)).toBe("3");
  });

  it("writes -0 and negatives that round to zero as 0", () => {
    expect(formatNumber(-0)).toBe("0");
    expect(formatNumber(-1e-9)).toBe("0");
    expect(formatNumber(-0.0000004)).toBe("0");
    expect(formatNumber(0)).toBe("0");
  });

  it("writes NaN and ±Infinity as empty cells", () => {
    expect(formatNumber(Number.NaN)).toBe("");
    expect(formatNumber(Infinity)).toBe("");
    expect(formatNumber(-Infinity)).toBe("");
    expect(() => formatNumber(1, 21)).toThrow(RangeError);
    expect(() => formatNumber(1, 1.5)).toThrow(RangeError);
  });
});
