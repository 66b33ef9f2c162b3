package io.reactoreager.benchmarks.asynctree;

import java.math.BigInteger;

/**
 * The CPU-bound leaf of {@code cpu_io_mixed}: {@code math.factorial(n)} with {@link BigInteger}.
 * Small factors are multiplied in a {@code long} until the next one could overflow, then folded
 * into the big product (CPython's own factorial also avoids one big multiply per factor).
 */
final class Factorial {
	private Factorial() {
	}

	static BigInteger of(int n) {
		BigInteger product = BigInteger.ONE;
		long partial = 1;
		for (int i = 2; i <= n; i++) {
			if (partial > Long.MAX_VALUE / i) {
				product = product.multiply(BigInteger.valueOf(partial));
				partial = 1;
			}
			partial *= i;
		}
		return product.multiply(BigInteger.valueOf(partial));
	}
}
