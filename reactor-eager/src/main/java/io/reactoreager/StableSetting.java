package io.reactoreager;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MutableCallSite;

/**
 * A global setting read on every eager step and changed rarely: the switch, counting on/off, the
 * inline depth bound, the budget. An int (a flag is 0 or 1).
 *
 * <p>A {@code volatile} read costs little by itself, but the JIT treats it as a barrier: every
 * field read after it is done again, so a chain of inlined eager steps re-reads its per-thread
 * state at each step. Here the value lives as the constant target of a {@link MutableCallSite}:
 * compiled code folds the read to a constant and depends on the call site; {@link #set} installs
 * a new constant and {@link MutableCallSite#syncAll} makes every thread see it (code compiled
 * against the old value is deoptimised). Reading costs nothing once compiled; setting is slow
 * (it deoptimises), the right trade for a setting changed by hand. It must never be set on a hot
 * path.
 */
final class StableSetting {

	private final MutableCallSite site;
	private final MethodHandle invoker;
	private volatile int value;

	StableSetting(int initial) {
		this.site = new MutableCallSite(MethodHandles.constant(int.class, initial));
		this.invoker = site.dynamicInvoker();
		this.value = initial;
	}

	/** The handle to read with {@code (int) HANDLE.invokeExact()} from a {@code static final} field. */
	MethodHandle invoker() {
		return invoker;
	}

	/** The value, for cold paths (a volatile read). */
	int get() {
		return value;
	}

	synchronized void set(int v) {
		if (value == v) {
			return;
		}
		value = v;
		site.setTarget(MethodHandles.constant(int.class, v));
		MutableCallSite.syncAll(new MutableCallSite[] {site});
	}

	/** Reads a setting's handle; a constant once the caller is compiled with {@code h} a constant. */
	static int read(MethodHandle h) {
		try {
			return (int) h.invokeExact();
		}
		catch (Throwable t) {
			throw new AssertionError(t);
		}
	}
}
