package io.reactoreager;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.reactoreager.testing.MisbehavingMono;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A lazy join's child that breaks the Mono contract, beside stock: {@code zip} takes a child's
 * first value as its outcome (stock {@code MonoZip} signals on it), {@code when} discards every
 * value (stock {@code MonoWhen}). Late signals follow the one late-signal policy: a second value
 * to {@code onNextDropped} (stock {@code MonoZip} ignores it silently), a late error to
 * {@code onErrorDropped}.
 */
class MonoLazyJoinLateSignalTest {


	static List<String> run(Mono<?> m) {
		List<String> seen = new CopyOnWriteArrayList<>();
		Hooks.onNextDropped(v -> seen.add("nextDropped " + v));
		Hooks.onErrorDropped(e -> seen.add("errorDropped " + e.getMessage()));
		try {
			m.subscribe(v -> seen.add("value " + v), e -> seen.add("error " + e.getMessage()), () -> seen.add("complete"));
		}
		finally {
			Hooks.resetOnNextDropped();
			Hooks.resetOnErrorDropped();
		}
		return seen;
	}

	@Test
	void zipTakesAChildsFirstValueAsItsOutcomeAndDropsTheLateErrorAsStock() {
		List<String> stock = run(Mono.zip(MisbehavingMono.twoValuesThenError(false), Mono.just(5).hide()));
		List<String> eager = run(Eager.zip(MisbehavingMono.twoValuesThenError(false), Mono.just(5).hide()));
		assertThat(stock).containsExactly("errorDropped late", "value [1,5]", "complete");
		// the same signals; the second value is reported to onNextDropped (stock ignores it)
		assertThat(eager).containsExactly("nextDropped 2", "errorDropped late", "value [1,5]", "complete");
	}

	@Test
	void zipDoesNotWaitForTheCompletionOfAChildThatHasItsValue() {
		Mono<Integer> valueThenNothing = Mono.fromDirect(Flux.just(1).concatWith(Flux.never()));
		List<String> stock = run(Mono.zip(valueThenNothing, Mono.just(5).hide()));
		List<String> eager = run(Eager.zip(valueThenNothing, Mono.just(5).hide()));
		assertThat(eager).isEqualTo(stock).containsExactly("value [1,5]", "complete");
	}

	@Test
	void whenDiscardsEveryValueOfAChildAndFailsOnItsErrorAsStock() {
		List<Object> stockDiscarded = new CopyOnWriteArrayList<>();
		List<String> stock = run(Mono.when(MisbehavingMono.twoValuesThenError(false), Mono.just(5).hide())
				.contextWrite(ctx -> Operators.enableOnDiscard(ctx, stockDiscarded::add)));
		List<Object> eagerDiscarded = new CopyOnWriteArrayList<>();
		List<String> eager = run(Eager.when(MisbehavingMono.twoValuesThenError(false), Mono.just(5).hide())
				.contextWrite(ctx -> Operators.enableOnDiscard(ctx, eagerDiscarded::add)));
		assertThat(eager).isEqualTo(stock).containsExactly("error late");
		assertThat(eagerDiscarded).isEqualTo(stockDiscarded).contains(1, 2);
	}
}
