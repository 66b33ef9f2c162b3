/**
 * Spring Boot auto-configuration of reactor-eager ({@link io.reactoreager.metrics.spring.ReactorEagerAutoConfiguration}):
 * the switch as {@code reactor.eager.enabled}, the meters bound to the application's registry.
 * Spring Boot is an optional dependency of this module: nothing here loads without it.
 */
package io.reactoreager.metrics.spring;
