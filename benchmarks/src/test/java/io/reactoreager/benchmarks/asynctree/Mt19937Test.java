package io.reactoreager.benchmarks.asynctree;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The port draws what CPython draws. Expected values printed by CPython 3.11 after
 * {@code random.seed(0)} (see src/test/python/async_tree_reference.py).
 */
class Mt19937Test {

	@Test
	void randomAfterSeedZeroMatchesCpython() {
		Mt19937 random = new Mt19937(0);
		assertThat(random.random()).isEqualTo(0.8444218515250481);
		assertThat(random.getrandbits(32)).isEqualTo(3255389356L);
		assertThat(random.randint(1, 100)).isEqualTo(54);
	}

	@Test
	void firstRandintAfterSeedZeroMatchesCpython() {
		assertThat(new Mt19937(0).randint(1, 100)).isEqualTo(50);
	}

	@Test
	void reseedingRestartsTheSequence() {
		Mt19937 random = new Mt19937(0);
		double first = random.random();
		random.random();
		random.seed(0);
		assertThat(random.random()).isEqualTo(first);
	}
}
