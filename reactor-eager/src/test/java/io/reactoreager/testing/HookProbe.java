package io.reactoreager.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;

/**
 * Reactor's hooks installed for one run of a differential test, with what each saw: the global
 * {@code Hooks.onOperatorError} (tags the error it is given, so that a side that routes an error
 * through it more or fewer times delivers another message) and {@code Hooks.onEachOperator}
 * (counts the operators it wraps), and, through {@link #decorate}, an {@code onErrorContinue}
 * strategy and a discard hook in the subscriber's Context (record the values they are handed).
 * {@link #close()} removes the global hooks; use it in a {@code finally} block.
 */
public final class HookProbe implements AutoCloseable {

	/** Which hooks a run installs. */
	public record Spec(boolean operatorError, boolean eachOperator, boolean errorContinue, boolean discard) {

		/** No Context-based hook: for inputs whose steps run at assembly (docs/semantics.md §6). */
		public Spec withoutContextHooks() {
			return new Spec(operatorError, eachOperator, false, false);
		}

		/** No {@code onErrorContinue} in the Context. */
		public Spec withoutErrorContinue() {
			return new Spec(operatorError, eachOperator, false, discard);
		}

		/** No {@code Hooks.onOperatorError}. */
		public Spec withoutOperatorError() {
			return new Spec(false, eachOperator, errorContinue, discard);
		}
	}

	/** The key both global hooks are installed under. */
	public static final String KEY = "HookProbe";

	private final Spec spec;
	/** The class names of the errors {@code Hooks.onOperatorError} was handed, in order. */
	public final List<String> operatorErrors = new CopyOnWriteArrayList<>();
	/** How many operators {@code Hooks.onEachOperator} wrapped. */
	public final AtomicInteger operators = new AtomicInteger();
	/** What the {@code onErrorContinue} strategy was handed: {@code message on value}. */
	public final List<String> continued = new CopyOnWriteArrayList<>();
	/** The values the discard hook was handed. */
	public final List<String> discarded = new CopyOnWriteArrayList<>();

	private HookProbe(Spec spec) {
		this.spec = spec;
	}

	/** Installs the global hooks of {@code spec}; they apply to operators assembled until {@link #close()}. */
	public static HookProbe install(Spec spec) {
		HookProbe p = new HookProbe(spec);
		if (spec.operatorError()) {
			Hooks.onOperatorError(KEY, (e, data) -> {
				p.operatorErrors.add(e.getClass().getName());
				return new IllegalStateException("hooked(" + e.getMessage() + ")", e);
			});
		}
		if (spec.eachOperator()) {
			Hooks.onEachOperator(KEY, publisher -> {
				p.operators.incrementAndGet();
				return publisher;
			});
		}
		return p;
	}

	/** Adds the Context-based hooks of the spec at the end of {@code m} (the subscriber's side). */
	public <T> Mono<T> decorate(Mono<T> m) {
		if (spec.discard()) {
			m = m.doOnDiscard(Object.class, v -> discarded.add(String.valueOf(v)));
		}
		if (spec.errorContinue()) {
			m = m.onErrorContinue((e, v) -> continued.add(e.getMessage() + " on " + v));
		}
		return m;
	}

	/** As {@link #decorate(Mono)}, for a Flux. */
	public <T> Flux<T> decorate(Flux<T> f) {
		Flux<T> d = spec.discard() ? f.doOnDiscard(Object.class, v -> discarded.add(String.valueOf(v))) : f;
		return spec.errorContinue() ? d.onErrorContinue((e, v) -> continued.add(e.getMessage() + " on " + v)) : d;
	}

	/** As {@link #decorate(Mono)} or {@link #decorate(Flux)}, for a Publisher that is one or the other. */
	public Publisher<?> decorate(Publisher<?> p) {
		return p instanceof Mono<?> m ? decorate(m) : decorate(Flux.from(p));
	}

	/**
	 * What the hooks saw, for a log compared between two runs: the errors onOperatorError was
	 * handed, what onErrorContinue continued past, and the discarded values as a multiset.
	 */
	public List<String> records() {
		return List.of("onOperatorError " + operatorErrors, "continued " + continued, "discarded " + discardedMultiset());
	}

	/** The discarded values, sorted: a multiset to compare. */
	public List<String> discardedMultiset() {
		List<String> l = new ArrayList<>(discarded);
		Collections.sort(l);
		return l;
	}

	@Override
	public void close() {
		Hooks.resetOnOperatorError(KEY);
		Hooks.resetOnEachOperator(KEY);
	}
}
