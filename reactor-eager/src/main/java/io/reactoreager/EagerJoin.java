package io.reactoreager;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.function.Function;

import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.util.annotation.Nullable;
import reactor.util.context.Context;

/**
 * {@code zip}, {@code when} and {@code gather} over Monos: resolved children are fused on the
 * spot (no subscription), each pending child gets one {@link Slot} continuation, and the result
 * is resolved when every child was. A combination with a lazy child is a {@link MonoLazyJoin}:
 * lazy itself, it reads the resolved children and subscribes only the others at each
 * subscription.
 *
 * <p>Terminal rules follow the stock operators: the first error (in argument order among the
 * children already resolved, then in completion order) fails the result; for {@code zip} an
 * empty child completes the result empty; {@code when} ignores values; {@code gather} keeps
 * values in argument order and skips empty children. Once the result is decided, the remaining
 * continuations are removed (which cancels a pending child nobody else observes).
 */
final class EagerJoin<R> {

	enum Mode {ZIP, WHEN, GATHER}

	private EagerJoin() {
	}

	static final int LAZY = -1;

	/** Marks, in the values array, a child that was pending when the join classified it. */
	private static final Object AWAITED = new Object();

	/**
	 * Joins resolved, pending and lazy children: the resolved result, the pending join, or (with
	 * a lazy child) the lazy join.
	 */
	@SuppressWarnings("unchecked")
	static <R> Mono<R> join(EagerOperator operator, Mode mode, Mono<?>[] sources, @Nullable Function<? super Object[], ? extends R> combinator) {
		if (hasLazyChild(sources)) {
			// decided by the types alone, before anything is allocated or read
			return MonoLazyJoin.of(operator, mode, sources, combinator);
		}
		int n = sources.length;
		Object[] values = new Object[n];
		int pendingCount = 0;
		Throwable firstError = null;
		boolean empty = false;
		for (int i = 0; i < n; i++) {
			Mono<?> m = sources[i];
			if (PublisherOutcome.pending(m) != null) {
				values[i] = AWAITED;
				pendingCount++;
				continue;
			}
			Object o = PublisherOutcome.peek(m);
			if (o == PublisherOutcome.NOT_RESOLVED) {
				// a Mono.error holding a fatal error counts as lazy: it throws where stock does, at subscription
				return MonoLazyJoin.of(operator, mode, sources, combinator);
			}
			Object v = PublisherOutcome.value(o);
			Throwable e = PublisherOutcome.error(o);
			values[i] = v;
			if (e != null) {
				if (firstError == null && !empty) {
					firstError = e;
				}
			}
			else if (v == null && mode == Mode.ZIP && firstError == null) {
				empty = true;
			}
		}
		if (firstError != null) {
			countInline(operator, n);
			return MonoResolved.ofError(firstError);
		}
		if (empty) {
			countInline(operator, n);
			return MonoResolved.ofEmpty();
		}
		if (pendingCount == 0) {
			countInline(operator, n);
			return (Mono<R>) combine(mode, values, combinator);
		}
		return new State<R>(operator, mode, sources, values, pendingCount, combinator).start();
	}

	/** Whether a child is lazy: neither resolved nor pending, by {@link PublisherOutcome}'s classification. */
	private static boolean hasLazyChild(Mono<?>[] sources) {
		for (Mono<?> m : sources) {
			// pending first: a pending child that finishes between the two reads is then resolved, never lazy
			if (PublisherOutcome.pending(m) == null && !PublisherOutcome.isResolved(m)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The fast path of {@code zip}, {@code when} and {@code gather} over a random-access list
	 * whose children are all resolved: one pass reads each child's outcome once, writing values
	 * straight into the combinator's array ({@code zip}) or the result list ({@code gather}), up
	 * to the outcome that decides the result (the first error in argument order, or for
	 * {@code zip} the first empty child); the children after it are still read, as stock
	 * subscribes every child (a finished pending's error is then observed). Counting costs one
	 * trampoline lookup. Returns {@code null}, having counted nothing, when a child is pending or
	 * lazy, or ({@code when}) not a Mono: the caller then runs the pending join or the stock
	 * operator. A null child fails with a {@code NullPointerException} naming {@code sources[i]}.
	 */
	@Nullable
	static <R> Mono<R> joinResolved(EagerOperator operator, Mode mode, List<?> sources,
			@Nullable Function<? super Object[], ? extends R> combinator) {
		return joinResolved(operator, mode, sources, sources.size(), combinator);
	}

	/**
	 * {@link #joinResolved(EagerOperator, Mode, List, Function)} over a varargs array itself, with
	 * no list view of it. Through a list view, the JIT compiled the async_tree's
	 * {@code Eager.zip(sum, children...)} to its cheaper form in only some JVMs (benchmarks/development-log.md).
	 */
	@Nullable
	static <R> Mono<R> joinResolved(EagerOperator operator, Mode mode, Object[] sources,
			@Nullable Function<? super Object[], ? extends R> combinator) {
		return joinResolved(operator, mode, sources, sources.length, combinator);
	}

	/** The one pass over {@code n} children held in an {@code Object[]} or a random-access {@code List}. */
	@Nullable
	@SuppressWarnings("unchecked")
	private static <R> Mono<R> joinResolved(EagerOperator operator, Mode mode, Object sources, int n,
			@Nullable Function<? super Object[], ? extends R> combinator) {
		Object[] values = null;
		List<Object> list = null;
		Mono<R> decided = null;
		for (int i = 0; i < n; i++) {
			Object m = sources instanceof Object[] a ? a[i] : ((List<?>) sources).get(i);
			if (m == null) {
				throw new NullPointerException("sources[" + i + "]");
			}
			if (!(m instanceof Mono)) {
				return null;
			}
			// reading a finished pending marks its error observed: harmless if a later child is
			// lazy or pending, as the join that then runs (stock or pending) observes it too
			// cast to the class Mono, not to the interface Publisher: on JDK 17 an interface cast
			// of a MonoJust here and the ScalarCallable test in peek overwrite each other in its
			// class's one-entry secondary-supers cache, and each then scans (JDK-8180450)
			Object o = PublisherOutcome.peek((Mono<?>) m);
			if (o == PublisherOutcome.NOT_RESOLVED) {
				return null;
			}
			if (decided != null) {
				// stock zip/when subscribe every child, the ones after the deciding outcome too
				continue;
			}
			if (o instanceof MonoResolved.Failure f) {
				decided = m instanceof MonoResolved<?> r ? (Mono<R>) r : MonoResolved.ofError(f.error);
			}
			else if (o == null) {
				if (mode == Mode.ZIP) {
					decided = MonoResolved.ofEmpty();
				}
			}
			else if (mode == Mode.ZIP) {
				if (values == null) {
					values = new Object[n];
				}
				values[i] = o;
			}
			else if (mode == Mode.GATHER) {
				if (list == null) {
					list = new ArrayList<>(n);
				}
				list.add(o);
			}
		}
		countInline(operator, n);
		if (decided != null) {
			return decided;
		}
		if (mode == Mode.ZIP) {
			return (Mono<R>) combine(mode, values != null ? values : new Object[0], combinator);
		}
		return mode == Mode.GATHER ? (Mono<R>) MonoResolved.ofValue(list != null ? list : new ArrayList<>(0)) : MonoResolved.ofEmpty();
	}

	/** One inline completion of the join, and its {@code n} children fused on the spot: one trampoline lookup. */
	private static void countInline(EagerOperator operator, int n) {
		if (EagerPolicy.counting()) {
			EagerStats.Slots stats = Trampoline.current().stats;
			stats.increment(EagerStats.slot(operator, EagerStats.Kind.INLINE));
			stats.add(operator, EagerStats.Kind.FUSED_CHILD, n);
		}
	}

	@SuppressWarnings("unchecked")
	static Mono<?> combine(Mode mode, Object[] values, @Nullable Function<? super Object[], ?> combinator) {
		switch (mode) {
			case WHEN:
				return MonoResolved.ofEmpty();
			case GATHER: {
				List<Object> list = new ArrayList<>(values.length);
				for (Object v : values) {
					if (v != null) {
						list.add(v);
					}
				}
				return MonoResolved.ofValue(list);
			}
			default: {
				if (values.length == 0) {
					// stock zip of no sources completes empty without calling the combinator
					return MonoResolved.ofEmpty();
				}
				Object r;
				try {
					r = combinator.apply(values);
				}
				catch (Throwable t) {
					// as stock zip reports it: through Hooks.onOperatorError, with the values
					return EagerStep.fail(t, values, Context.empty());
				}
				if (r == null) {
					return MonoResolved.ofError(new NullPointerException("combinator produced a null value"));
				}
				return MonoResolved.ofValue(r);
			}
		}
	}

	/** The pending join: waits on each pending child through one slot. */
	static final class State<R> implements Runnable {

		@SuppressWarnings("rawtypes")
		private static final AtomicIntegerFieldUpdater<State> REMAINING =
				AtomicIntegerFieldUpdater.newUpdater(State.class, "remaining");

		final EagerOperator operator;
		final Mode mode;
		final Mono<?>[] sources;
		final Object[] values;
		final Slot[] slots;
		@Nullable
		final Function<? super Object[], ? extends R> combinator;
		final MonoPending<R> result;

		@SuppressWarnings("unused")
		volatile int remaining;

		State(EagerOperator operator, Mode mode, Mono<?>[] sources, Object[] values, int pending,
				@Nullable Function<? super Object[], ? extends R> combinator) {
			this.operator = operator;
			this.mode = mode;
			this.sources = sources;
			this.values = values;
			this.slots = new Slot[sources.length];
			this.combinator = combinator;
			this.remaining = pending;
			this.result = new MonoPending<>(operator, null, Context.empty());
		}

		Mono<R> start() {
			result.setUpstream(this);
			for (int i = 0; i < sources.length; i++) {
				// every child counted as pending gets its slot, even if it completed since it was
				// classified: the slot then resumes at once, so that no completion is lost
				if (values[i] == AWAITED) {
					values[i] = null;
					MonoPending<?> p = (MonoPending<?>) sources[i];
					Trampoline.count(operator, EagerStats.Kind.SUSPENDED);
					Slot s = new Slot(this, i, p);
					slots[i] = s;
					if (!p.addWaiter(s)) {
						s.resume(p.value, p.error);
					}
					if (result.isDone()) {
						break;
					}
				}
			}
			return result;
		}

		/** Cancelling the result: removes every continuation. */
		@Override
		public void run() {
			for (Slot s : slots) {
				if (s != null) {
					s.source.removeWaiter(s);
				}
			}
		}

		@SuppressWarnings("unchecked")
		void onChild(int index, @Nullable Object v, @Nullable Throwable e) {
			if (e != null) {
				if (result.tryComplete(null, e)) {
					run();
				}
				return;
			}
			if (v == null && mode == Mode.ZIP) {
				if (result.tryComplete(null, null)) {
					run();
				}
				return;
			}
			values[index] = v;
			if (REMAINING.getAndAdd(this, -1) == 1) {
				Mono<?> r = combine(mode, values, combinator);
				MonoResolved<R> m = (MonoResolved<R>) r;
				result.tryComplete(m.value(), m.error());
			}
		}
	}

	/** One continuation on one pending child. */
	static final class Slot implements Waiter {

		final State<?> state;
		final int index;
		final MonoPending<?> source;

		Slot(State<?> state, int index, MonoPending<?> source) {
			this.state = state;
			this.index = index;
			this.source = source;
		}

		@Override
		public void resume(@Nullable Object value, @Nullable Throwable error) {
			state.onChild(index, value, error);
		}

		@Override
		public EagerOperator operator() {
			return state.operator;
		}
	}
}
