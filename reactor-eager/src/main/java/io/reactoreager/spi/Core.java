package io.reactoreager.spi;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Reaches the core's package-private implementations of this SPI. The core keeps them out of its
 * public API; the SPI, shipped in the same jar, looks them up once with a private lookup into the
 * core package (allowed within one module, and on the class path). A handle held in a
 * {@code static final} field is a direct call once compiled.
 */
final class Core {

	private Core() {
	}

	static MethodHandles.Lookup lookup(Class<?> coreClass) {
		try {
			return MethodHandles.privateLookupIn(coreClass, MethodHandles.lookup());
		}
		catch (IllegalAccessException e) {
			throw new ExceptionInInitializerError(e);
		}
	}

	static MethodHandle find(MethodHandles.Lookup lookup, Class<?> coreClass, String name, MethodType type) {
		try {
			return lookup.findStatic(coreClass, name, type);
		}
		catch (ReflectiveOperationException e) {
			throw new ExceptionInInitializerError(e);
		}
	}

	/** Rethrows what a core method threw: unchecked exceptions and errors as they are. */
	static RuntimeException rethrow(Throwable t) {
		if (t instanceof RuntimeException r) {
			throw r;
		}
		if (t instanceof Error e) {
			throw e;
		}
		throw new IllegalStateException(t);
	}
}
