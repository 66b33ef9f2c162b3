package io.reactoreager;

/**
 * The set of live inners of one {@code flatMap} subscription (the pending and lazy ones; resolved
 * inners never take a slot), kept as stock {@code flatMap}'s tracker keeps it: an array of slots,
 * freed slots reused first-freed first so that the round-robin drain visits inners in the same
 * order as stock. It is the superclass of {@link FluxEagerFlatMapDrain} (and so of
 * {@link FluxEagerFlatMapMain}) so that the set costs no object of its own.
 *
 * <p>Adding and removing happen under the subscription's monitor; once
 * {@link #cancelInners() terminated} the set refuses new inners (the caller discards the element)
 * and never holds one again. It must never emit, request, or decide when an inner is finished:
 * that is the drain loop's job.
 */
abstract sealed class FluxEagerFlatMapInners permits FluxEagerFlatMapDrain {

	static final FluxEagerInner<?>[] NONE = new FluxEagerInner<?>[0];
	static final FluxEagerInner<?>[] TERMINATED = new FluxEagerInner<?>[0];

	/** The slots; {@link #TERMINATED} once cancelled or failed. */
	volatile FluxEagerInner<?>[] inners = NONE;
	/** A ring of free slot indexes, as long as {@link #inners}. */
	int[] free = new int[0];
	long freeProducer;
	long freeConsumer;
	/** How many slots hold an inner. */
	volatile int size;

	/**
	 * Puts an inner in a free slot (growing the array when none is free) and records the slot in
	 * {@link FluxEagerInner#index}.
	 *
	 * @param inner the inner
	 * @return {@code false} if the set is terminated and the inner was not added
	 */
	boolean add(FluxEagerInner<?> inner) {
		if (inners == TERMINATED) {
			return false;
		}
		synchronized (this) {
			FluxEagerInner<?>[] a = inners;
			if (a == TERMINATED) {
				return false;
			}
			int idx;
			if (freeProducer == freeConsumer) {
				int n = a.length;
				FluxEagerInner<?>[] b = new FluxEagerInner<?>[n == 0 ? 4 : n << 1];
				System.arraycopy(a, 0, b, 0, n);
				int[] f = new int[b.length];
				for (int i = n + 1; i < b.length; i++) {
					f[i] = i;
				}
				free = f;
				freeConsumer = n + 1;
				freeProducer = b.length;
				inners = b;
				a = b;
				idx = n;
			}
			else {
				idx = free[(int) freeConsumer & (free.length - 1)];
				freeConsumer++;
			}
			inner.index = idx;
			a[idx] = inner;
			size = size + 1;
		}
		return true;
	}

	/**
	 * Frees a finished inner's slot.
	 *
	 * @param index the slot
	 */
	void remove(int index) {
		synchronized (this) {
			FluxEagerInner<?>[] a = inners;
			if (a != TERMINATED) {
				a[index] = null;
				free[(int) freeProducer & (free.length - 1)] = index;
				freeProducer++;
				size = size - 1;
			}
		}
	}

	/** Terminates the set and cancels every inner it held; later calls do nothing. */
	void cancelInners() {
		FluxEagerInner<?>[] a;
		synchronized (this) {
			a = inners;
			if (a == TERMINATED) {
				return;
			}
			inners = TERMINATED;
			size = 0;
		}
		for (FluxEagerInner<?> inner : a) {
			if (inner != null) {
				inner.cancel();
			}
		}
	}
}
