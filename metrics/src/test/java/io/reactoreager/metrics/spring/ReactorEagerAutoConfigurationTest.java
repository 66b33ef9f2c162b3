package io.reactoreager.metrics.spring;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.reactoreager.EagerPolicy;
import io.reactoreager.metrics.EagerMetrics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an application gets from having the module on its class path: the switch from
 * {@code reactor.eager.enabled}, applied before its beans are created; the {@code reactor.eager.*}
 * meters bound to its registry when it has one; neither meters nor switch on when the property is
 * {@code false}.
 */
class ReactorEagerAutoConfigurationTest {

	/** Boot's own metrics auto-configuration, which gives the application a SimpleMeterRegistry. */
	final ApplicationContextRunner withRegistry = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
					CompositeMeterRegistryAutoConfiguration.class, ReactorEagerAutoConfiguration.class));

	final ApplicationContextRunner withoutRegistry = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ReactorEagerAutoConfiguration.class));

	boolean switchBefore;

	@BeforeEach
	void remember() {
		switchBefore = EagerPolicy.isEnabled();
		EagerPolicy.setEnabled(true);
	}

	@AfterEach
	void restore() {
		EagerPolicy.setEnabled(switchBefore);
	}

	static List<String> eagerMeterNames(MeterRegistry registry) {
		return registry.getMeters().stream()
				.map(Meter::getId)
				.map(Meter.Id::getName)
				.filter(name -> name.startsWith("reactor.eager."))
				.distinct()
				.toList();
	}

	@Test
	void isListedInTheAutoConfigurationImports() {
		List<String> candidates = ImportCandidates.load(AutoConfiguration.class, getClass().getClassLoader()).getCandidates();
		assertThat(candidates).contains(ReactorEagerAutoConfiguration.class.getName());
	}

	@Test
	void withARegistryTheMetersAreBoundToIt() {
		withRegistry.run(context -> {
			assertThat(context).hasNotFailed().hasSingleBean(EagerMetrics.class).hasSingleBean(MeterRegistry.class);
			assertThat(eagerMeterNames(context.getBean(MeterRegistry.class))).isNotEmpty();
			assertThat(EagerPolicy.isEnabled()).isTrue();
		});
	}

	@Test
	void withoutARegistryNoBinderIsDefinedAndTheContextStarts() {
		withoutRegistry.run(context -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(EagerMetrics.class);
			assertThat(EagerPolicy.isEnabled()).isTrue();
		});
	}

	@Test
	void propertyOffTurnsTheSwitchOffAndRegistersNoMeter() {
		withRegistry.withPropertyValues("reactor.eager.enabled=false").run(context -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(EagerMetrics.class).hasSingleBean(MeterRegistry.class);
			assertThat(eagerMeterNames(context.getBean(MeterRegistry.class))).isEmpty();
			assertThat(EagerPolicy.isEnabled()).isFalse();
		});
	}

	@Test
	void propertyOffWithoutARegistryTurnsTheSwitchOff() {
		withoutRegistry.withPropertyValues("reactor.eager.enabled=false").run(context -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(EagerMetrics.class);
			assertThat(EagerPolicy.isEnabled()).isFalse();
		});
	}

	@Test
	void propertyOnTurnsASwitchThatWasOffOn() {
		EagerPolicy.setEnabled(false);
		withRegistry.withPropertyValues("reactor.eager.enabled=true").run(context -> {
			assertThat(context).hasNotFailed().hasSingleBean(EagerMetrics.class);
			assertThat(EagerPolicy.isEnabled()).isTrue();
		});
	}

	@Test
	void noPropertyLeavesTheSwitchAsItWas() {
		EagerPolicy.setEnabled(false);
		withoutRegistry.run(context -> {
			assertThat(context).hasNotFailed();
			assertThat(EagerPolicy.isEnabled()).isFalse();
		});
	}

	@Test
	void theSwitchIsSetBeforeApplicationBeansAreCreated() {
		withRegistry.withPropertyValues("reactor.eager.enabled=false").withUserConfiguration(SwitchReader.class).run(context -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(SwitchReader.class).seenAtConstruction.get()).isFalse();
		});
	}

	@Test
	void anApplicationBinderReplacesTheAutoConfiguredOne() {
		withRegistry.withUserConfiguration(OwnBinder.class).run(context -> {
			assertThat(context).hasNotFailed().hasSingleBean(EagerMetrics.class);
			assertThat(context.getBean(EagerMetrics.class)).isSameAs(context.getBean(OwnBinder.class).binder);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.getMeters()).filteredOn(m -> m.getId().getName().startsWith("reactor.eager."))
					.isNotEmpty()
					.allMatch(m -> "own".equals(m.getId().getTag("binder")));
		});
	}

	@Test
	void anApplicationRegistryIsUsed() {
		SimpleMeterRegistry own = new SimpleMeterRegistry();
		new ApplicationContextRunner()
				.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class, ReactorEagerAutoConfiguration.class))
				.withBean(MeterRegistry.class, () -> own)
				.run(context -> {
					assertThat(context).hasNotFailed().hasSingleBean(EagerMetrics.class);
					assertThat(eagerMeterNames(own)).isNotEmpty();
				});
	}

	/** An application bean that reads the switch when it is created. */
	@Configuration(proxyBeanMethods = false)
	static class SwitchReader {

		final AtomicReference<Boolean> seenAtConstruction = new AtomicReference<>(EagerPolicy.isEnabled());
	}

	/** An application that defines its own binder, with a tag. */
	@Configuration(proxyBeanMethods = false)
	static class OwnBinder {

		final EagerMetrics binder = new EagerMetrics(Tags.of("binder", "own"));

		@Bean
		EagerMetrics ownEagerMetrics() {
			return binder;
		}
	}
}
