package io.reactoreager.benchmarks.asynctree;

/**
 * The Mersenne Twister MT19937 as CPython's {@code random} module drives it, so the async_tree
 * port draws exactly the numbers pyperformance draws after {@code random.seed(0)}.
 *
 * <p>Written from the published algorithm (Matsumoto and Nishimura, 1998: {@code init_genrand},
 * {@code init_by_array}, {@code genrand_int32}); the CPython-specific parts are how an integer seed
 * becomes the key array (its absolute value in 32-bit little-endian words, {@code [0]} for 0) and
 * how {@code random()}, {@code getrandbits(k)} and {@code randint(a, b)} are built from 32-bit
 * outputs. Reseeding reuses the state array, so a benchmark can reseed per operation without
 * allocating. Not thread-safe: one instance per tree.
 */
public final class Mt19937 {
	private static final int N = 624;
	private static final int M = 397;
	private static final int MATRIX_A = 0x9908b0df;
	private static final int UPPER_MASK = 0x80000000;
	private static final int LOWER_MASK = 0x7fffffff;

	private final int[] mt = new int[N];
	private int index;

	/** A generator seeded like {@code random.seed(seed)} with a non-negative int seed. */
	public Mt19937(long seed) {
		seed(seed);
	}

	/** Same as CPython's {@code random.seed(seed)} for {@code 0 <= |seed| < 2^64}. */
	public void seed(long seed) {
		long n = Math.abs(seed);
		int low = (int) n;
		int high = (int) (n >>> 32);
		if (high == 0) {
			initByArray(new int[] {low}, 1);
		} else {
			initByArray(new int[] {low, high}, 2);
		}
	}

	private void initGenrand(int s) {
		mt[0] = s;
		for (int i = 1; i < N; i++) {
			mt[i] = 1812433253 * (mt[i - 1] ^ (mt[i - 1] >>> 30)) + i;
		}
		index = N;
	}

	private void initByArray(int[] key, int keyLength) {
		initGenrand(19650218);
		int i = 1;
		int j = 0;
		for (int k = Math.max(N, keyLength); k > 0; k--) {
			mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1664525)) + key[j] + j;
			i++;
			j++;
			if (i >= N) {
				mt[0] = mt[N - 1];
				i = 1;
			}
			if (j >= keyLength) {
				j = 0;
			}
		}
		for (int k = N - 1; k > 0; k--) {
			mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1566083941)) - i;
			i++;
			if (i >= N) {
				mt[0] = mt[N - 1];
				i = 1;
			}
		}
		mt[0] = UPPER_MASK; // MSB is 1, assuring a non-zero initial array
		index = N;
	}

	private void twist() {
		int kk = 0;
		for (; kk < N - M; kk++) {
			int y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
			mt[kk] = mt[kk + M] ^ (y >>> 1) ^ ((y & 1) == 0 ? 0 : MATRIX_A);
		}
		for (; kk < N - 1; kk++) {
			int y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
			mt[kk] = mt[kk + (M - N)] ^ (y >>> 1) ^ ((y & 1) == 0 ? 0 : MATRIX_A);
		}
		int y = (mt[N - 1] & UPPER_MASK) | (mt[0] & LOWER_MASK);
		mt[N - 1] = mt[M - 1] ^ (y >>> 1) ^ ((y & 1) == 0 ? 0 : MATRIX_A);
		index = 0;
	}

	/** The next 32-bit output, as an unsigned value in an int (genrand_uint32). */
	public int nextInt32() {
		if (index >= N) {
			twist();
		}
		int y = mt[index++];
		y ^= (y >>> 11);
		y ^= (y << 7) & 0x9d2c5680;
		y ^= (y << 15) & 0xefc60000;
		y ^= (y >>> 18);
		return y;
	}

	/** {@code random.random()}: 53 random bits from two outputs, in [0, 1). */
	public double random() {
		int a = nextInt32() >>> 5;
		int b = nextInt32() >>> 6;
		return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0);
	}

	/** {@code random.getrandbits(k)} for {@code 1 <= k <= 32}: the top k bits of one output. */
	public long getrandbits(int k) {
		if (k < 1 || k > 32) {
			throw new IllegalArgumentException("k must be in [1, 32]: " + k);
		}
		return (nextInt32() & 0xffffffffL) >>> (32 - k);
	}

	/** {@code random.randint(a, b)}: CPython's rejection sampling {@code _randbelow(b - a + 1)}. */
	public int randint(int a, int b) {
		int n = b - a + 1;
		if (n <= 0) {
			throw new IllegalArgumentException("empty range [" + a + ", " + b + "]");
		}
		int k = 32 - Integer.numberOfLeadingZeros(n); // n.bit_length()
		long r = getrandbits(k);
		while (r >= n) {
			r = getrandbits(k);
		}
		return a + (int) r;
	}
}
