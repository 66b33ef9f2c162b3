package io.reactoreager;

import java.util.List;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

class EagerStatsTest {

	@Test
	void readGivesTheSameCountAsASnapshot() {
		Mono.just(1).transform(Eager.map(x -> x + 1));
		for (EagerOperator op : EagerOperator.values()) {
			for (EagerStats.Kind kind : EagerStats.Kind.values()) {
				assertThat(EagerStats.read(op, kind)).as("%s %s", op, kind).isEqualTo(EagerStats.snapshot().count(op, kind));
			}
		}
	}

	@Test
	void inlineGatherCountsOneCompletionAndOneFusedChildPerChild() {
		EagerStats.Snapshot before = EagerStats.snapshot();
		Eager.gather(List.of(Mono.just(1), Mono.just(2), Mono.just(3)));
		EagerStats.Snapshot d = EagerStats.snapshot().minus(before);
		assertThat(d.count(EagerOperator.GATHER, EagerStats.Kind.INLINE)).isEqualTo(1);
		assertThat(d.count(EagerOperator.GATHER, EagerStats.Kind.FUSED_CHILD)).isEqualTo(3);
	}
}
