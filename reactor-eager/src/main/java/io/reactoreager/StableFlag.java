package io.reactoreager;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MutableCallSite;

/**
 * A global boolean read on every eager step and changed rarely (the switch, counting on/off).
 *
 * <p>A {@code volatile} read costs little by itself, but the JIT treats it as a barrier: every
 * field read after it is done again, so a chain of inlined eager steps re-reads its per-thread
 * state at each step. Here the value lives as the constant target of a {@link MutableCallSite}:
 * compiled code folds the read to a constant and depends on the call site; {@link #set} installs
 * a new constant and {@link MutableCallSite#syncAll} makes every thread see it (code compiled
 * against the old value is deoptimised). Reading costs nothing once compiled; setting is slow
 * (it deoptimises), which is the right trade for a switch flipped by hand.
 */
final class StableFlag {

	private final MutableCallSite site;
	private final MethodHandle invoker;
	private volatile boolean value;

	StableFlag(boolean initial) {
		this.site = new MutableCallSite(MethodHandles.constant(boolean.class, initial));
		this.invoker = site.dynamicInvoker();
		this.value = initial;
	}

	/** The handle to read with {@code (boolean) HANDLE.invokeExact()} from a {@code static final} field. */
	MethodHandle invoker() {
		return invoker;
	}

	boolean get() {
		return value;
	}

	synchronized void set(boolean on) {
		if (value == on) {
			return;
		}
		value = on;
		site.setTarget(MethodHandles.constant(boolean.class, on));
		MutableCallSite.syncAll(new MutableCallSite[] {site});
	}
}
