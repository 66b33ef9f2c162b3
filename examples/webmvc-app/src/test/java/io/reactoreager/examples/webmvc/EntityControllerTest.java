package io.reactoreager.examples.webmvc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The imperative listing keeps the entities the WebFlux example's listings keep (its
 * {@code EntityControllerTest} asserts the same ids and prices).
 */
@SpringBootTest
class EntityControllerTest {

	@Autowired
	EntityController controller;

	@Test
	void theChecksDecideWhichEntitiesAreKept() {
		List<EntityView> user = controller.list(20, false, "acme", "eu", "user");
		List<EntityView> admin = controller.list(20, true, "acme", "us", "admin");

		assertThat(user).extracting(EntityView::id).containsExactly(1, 2, 3, 4, 6, 8, 9, 12, 16, 17, 18, 19);
		assertThat(admin).extracting(EntityView::id).containsExactly(1, 2, 3, 4, 5, 6, 8, 9, 10, 12, 13, 15, 16, 17, 18, 19);
		assertThat(user.get(0)).isEqualTo(new EntityView(1, "entity-1", 107));
	}
}
