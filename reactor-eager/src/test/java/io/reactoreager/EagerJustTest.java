package io.reactoreager;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Fuseable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/** {@link Eager#just}: the eager {@code Mono.just}. */
class EagerJustTest {

	@AfterEach
	void restore() {
		EagerPolicy.setEnabled(true);
		Hooks.resetOnEachOperator("EagerJustTest");
	}

	@Test
	void isResolvedAndEmitsItsValueToEveryKindOfConsumer() {
		Mono<String> a = Eager.just("a");
		assertThat(Eager.isResolved(a)).isTrue();
		assertThat(a).isInstanceOf(Fuseable.ScalarCallable.class);
		assertThat(a.block()).isEqualTo("a");
		StepVerifier.create(a).expectNext("a").verifyComplete();
		// stock operators fuse it like Mono.just, eager ones read it at once
		StepVerifier.create(Flux.range(1, 3).flatMap(i -> Eager.just(i * 10))).expectNext(10, 20, 30).verifyComplete();
		assertThat(a.transform(Eager.map(s -> s + "b")).block()).isEqualTo("ab");
		assertThat(Eager.of(Eager.just(2)).flatMap(x -> Eager.just(x + 1)).toMono().block()).isEqualTo(3);
	}

	@Test
	void booleanVerdictsAreTwoSharedInstancesAndAllocateNothing() {
		assertThat(Eager.just(true)).isSameAs(Eager.just(Boolean.TRUE)).isNotSameAs(Eager.just(false));
		assertThat(Eager.just(false)).isSameAs(Eager.just(Boolean.FALSE));
		StepVerifier.create(Eager.just(false)).expectNext(false).verifyComplete();
		StepVerifier.create(Eager.just(true)).expectNext(true).verifyComplete();
		com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
		long sink = 0;
		for (int round = 0; round < 3; round++) {
			long before = bean.getCurrentThreadAllocatedBytes();
			for (int i = 0; i < 10_000; i++) {
				sink += Eager.just((i & 1) == 0).hashCode();
			}
			long bytes = bean.getCurrentThreadAllocatedBytes() - before;
			if (round == 2) {
				assertThat(bytes).as("bytes for 10,000 verdicts (%d)", sink).isLessThan(1_000);
			}
		}
	}

	@Test
	void skipsTheAssemblyHookThatMonoJustGoesThrough() {
		AtomicInteger assembled = new AtomicInteger();
		Hooks.onEachOperator("EagerJustTest", p -> {
			assembled.incrementAndGet();
			return p;
		});
		Mono.just(1);
		assertThat(assembled).hasValue(1);
		Eager.just(1);
		Eager.just(true);
		assertThat(assembled).hasValue(1);
	}

	@Test
	void withTheSwitchOffIsMonoJust() {
		EagerPolicy.setEnabled(false);
		Mono<Boolean> t = Eager.just(true);
		assertThat(t.getClass().getSimpleName()).isEqualTo("MonoJust");
		assertThat(t).isNotSameAs(Eager.just(true));
		StepVerifier.create(t).expectNext(true).verifyComplete();
	}

	@Test
	void nullValueIsRejected() {
		assertThatNullPointerException().isThrownBy(() -> Eager.just(null)).withMessage("value");
		EagerPolicy.setEnabled(false);
		assertThatNullPointerException().isThrownBy(() -> Eager.just(null)).withMessage("value");
	}
}
