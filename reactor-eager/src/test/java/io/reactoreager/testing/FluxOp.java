package io.reactoreager.testing;

import java.util.function.Function;

import io.reactoreager.EagerFlux;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

/** The three EagerFlux operators beside their stock twins, for tests that run each the same way. */
public enum FluxOp {
	FLAT_MAP(true) {
		@Override
		public <T, R> Flux<R> eager(Flux<T> source, Function<? super T, ? extends Publisher<? extends R>> f, int concurrency) {
			return source.transform(EagerFlux.flatMap(f, concurrency));
		}

		@Override
		public <T, R> Flux<R> stock(Flux<T> source, Function<? super T, ? extends Publisher<? extends R>> f, int concurrency) {
			return source.flatMap(f, concurrency);
		}
	},
	CONCAT_MAP(false) {
		@Override
		public <T, R> Flux<R> eager(Flux<T> source, Function<? super T, ? extends Publisher<? extends R>> f, int concurrency) {
			return source.transform(EagerFlux.concatMap(f));
		}

		@Override
		public <T, R> Flux<R> stock(Flux<T> source, Function<? super T, ? extends Publisher<? extends R>> f, int concurrency) {
			return source.concatMap(f);
		}
	},
	FLAT_MAP_SEQUENTIAL(false) {
		@Override
		public <T, R> Flux<R> eager(Flux<T> source, Function<? super T, ? extends Publisher<? extends R>> f, int concurrency) {
			return source.transform(EagerFlux.flatMapSequential(f));
		}

		@Override
		public <T, R> Flux<R> stock(Flux<T> source, Function<? super T, ? extends Publisher<? extends R>> f, int concurrency) {
			return source.flatMapSequential(f);
		}
	};

	/** Whether values of different inners may interleave (flatMap). */
	public final boolean interleaves;

	FluxOp(boolean interleaves) {
		this.interleaves = interleaves;
	}

	/** The eager operator ({@code concurrency} is used by flatMap only). */
	public abstract <T, R> Flux<R> eager(Flux<T> source, Function<? super T, ? extends Publisher<? extends R>> f, int concurrency);

	/** The stock operator ({@code concurrency} is used by flatMap only). */
	public abstract <T, R> Flux<R> stock(Flux<T> source, Function<? super T, ? extends Publisher<? extends R>> f, int concurrency);

	public <T, R> Flux<R> eager(Flux<T> source, Function<? super T, ? extends Publisher<? extends R>> f) {
		return eager(source, f, 256);
	}
}
