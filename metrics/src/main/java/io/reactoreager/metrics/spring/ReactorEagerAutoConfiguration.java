package io.reactoreager.metrics.spring;

import java.util.Objects;

import io.micrometer.core.instrument.MeterRegistry;
import io.reactoreager.EagerPolicy;
import io.reactoreager.metrics.EagerMetrics;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Spring Boot auto-configuration of reactor-eager: the switch from the application's properties,
 * and the meters bound to the application's {@link MeterRegistry}. Registered in
 * {@code META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports}, so an
 * application gets it by having this module on its class path; it writes nothing else.
 *
 * <ul>
 *   <li><b>{@code reactor.eager.enabled}</b> (any property source: {@code application.properties},
 *       {@code REACTOR_EAGER_ENABLED}, {@code -Dreactor.eager.enabled}) sets the switch
 *       ({@link EagerPolicy#setEnabled}) before any application bean is created, so pipelines a
 *       bean assembles at start-up already see it. Unset, the switch keeps its JVM-wide default
 *       (on).</li>
 *   <li>With the switch not turned off and a {@link MeterRegistry} bean present, an
 *       {@link EagerMetrics} bean is defined (unless the application defines its own); Boot binds
 *       every {@code MeterBinder} bean to its registries, so the {@code reactor.eager.*} meters appear
 *       wherever the application's other meters do (Actuator's {@code /actuator/prometheus}, ...),
 *       with Boot's common tags and meter filters. With {@code reactor.eager.enabled=false} no meter
 *       is registered.</li>
 * </ul>
 *
 * <p>It must never change the switch when the property is not set, nor flip it after start-up:
 * {@link EagerPolicy#setEnabled} deoptimises compiled code and is meant for start-up only.
 */
@AutoConfiguration(afterName = {
		"org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
		"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration"})
public class ReactorEagerAutoConfiguration {

	/** The application property of the switch: the same name as the system property. */
	public static final String ENABLED_PROPERTY = EagerPolicy.ENABLED_PROPERTY;

	/**
	 * Sets the switch from {@value #ENABLED_PROPERTY}. A static bean method returning a
	 * {@link BeanFactoryPostProcessor}: it runs before any application bean is instantiated.
	 *
	 * @param environment the application's environment
	 * @return the post-processor that applies the property
	 */
	@Bean
	static EagerSwitchApplier reactorEagerSwitchApplier(Environment environment) {
		return new EagerSwitchApplier(environment);
	}

	/** The meters, when there is a registry to bind them to and the switch is not turned off. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(MeterRegistry.class)
	@ConditionalOnBooleanProperty(name = ENABLED_PROPERTY, matchIfMissing = true)
	static class MetricsConfiguration {

		/**
		 * The binder of the {@code reactor.eager.*} meters; Boot binds it to every registry.
		 *
		 * @return the binder
		 */
		@Bean
		@ConditionalOnMissingBean
		EagerMetrics eagerMetrics() {
			return new EagerMetrics();
		}
	}

	/** Applies {@value #ENABLED_PROPERTY} to {@link EagerPolicy} when the property is set. */
	static final class EagerSwitchApplier implements BeanFactoryPostProcessor {

		private final Environment environment;

		EagerSwitchApplier(Environment environment) {
			this.environment = Objects.requireNonNull(environment, "environment");
		}

		@Override
		public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
			Boolean enabled = environment.getProperty(ENABLED_PROPERTY, Boolean.class);
			if (enabled != null && enabled != EagerPolicy.isEnabled()) {
				EagerPolicy.setEnabled(enabled);
			}
		}
	}
}
